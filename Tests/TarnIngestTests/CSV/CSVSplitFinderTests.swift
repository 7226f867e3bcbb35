import Testing
@testable import TarnIngest

@Suite("CSV split finder")
struct CSVSplitFinderTests {
    static let text = "id,name,note\r\n1,\"a\nb\",\"x,\"\"y\"\"\"\n2,plain,\"\"\r\n3,\"\"\"\",\"line\r\nbreak\"\n4,e,f\r5,g,\"h\n\"\n6,i,j"

    /// Every target: the boundary is a record start of sequential parsing, and the two
    /// halves tokenized separately concatenate to the whole, with lines rebased.
    @Test func everyTargetGivesARecordStartAndHalvesConcatenate() throws {
        let bytes = Array(Self.text.utf8)
        let whole = try tokenizeCSV(bytes)
        var recordStarts: Set<Int> = []
        var tokenizer = CSVTokenizer(dialect: .rfc4180)
        var block = CSVRecordBlock()
        _ = try bytes.withUnsafeBytes { try tokenizer.tokenize($0, isFinal: true, into: &block) }
        recordStarts.formUnion(block.recordStarts)
        for target in 0 ... bytes.count {
            guard let boundary = bytes.withUnsafeBytes({ CSVSplitFinder.recordBoundary(in: $0, after: target, dialect: .rfc4180) }) else {
                #expect(target > bytes.count - 6, "no boundary after \(target)")
                continue
            }
            #expect(boundary > target || (boundary == target && target > 0))
            #expect(recordStarts.contains(boundary), "target \(target) → \(boundary)")
            let first = try tokenizeCSV(Array(bytes[..<boundary]))
            var second = try tokenizeCSV(Array(bytes[boundary...]))
            // Rebase the second half's lines by the line of the record at the boundary.
            let rebase = whole[first.count].line - 1
            for k in second.indices { second[k].line += rebase }
            #expect(first + second == whole, "split at \(boundary)")
        }
    }

    @Test func splitIntoPartsCoversTheInput() throws {
        let text = String(repeating: "1,\"two\nlines\",3\r\n", count: 200)
        let bytes = Array(text.utf8)
        let ranges = bytes.withUnsafeBytes { CSVSplitFinder.split($0, into: 4, dialect: .rfc4180) }
        #expect(ranges.count == 4)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
        var all: [[String]] = []
        for r in ranges { all += try tokenizeCSV(Array(bytes[r])).map(\.fields) }
        #expect(all == (try tokenizeCSV(text)))
    }

    @Test func withoutQuotesTheNextLineBreak() {
        let bytes = Array("a\"b\nc\"d\ne".utf8)
        let boundary = bytes.withUnsafeBytes { CSVSplitFinder.recordBoundary(in: $0, after: 1, dialect: CSVDialect(quote: nil)) }
        #expect(boundary == 4)
    }

    @Test func backslashEscapeIsNotSupported() {
        let bytes = Array("a\nb\n".utf8)
        #expect(bytes.withUnsafeBytes { CSVSplitFinder.recordBoundary(in: $0, after: 0, dialect: CSVDialect(escape: .backslash)) } == nil)
    }

    /// A stray quote in an unquoted field breaks the parity; tokenizing the first part then
    /// fails with "is never closed", which tells the caller to parse sequentially instead.
    @Test func wrongSplitIsCaughtByTokenizingTheFirstPart() throws {
        let text = "a,5'10\"\nb,\"x\ny\"\nc,d\n"
        let bytes = Array(text.utf8)
        let boundary = try #require(bytes.withUnsafeBytes { CSVSplitFinder.recordBoundary(in: $0, after: 9, dialect: .rfc4180) })
        #expect(boundary == 13) // inside "x\ny" for sequential parsing
        let options = CSVTokenizer.Options(allowsQuotesInUnquotedFields: true)
        let error = csvError(String(decoding: bytes[..<boundary], as: UTF8.self), options: options)
        #expect(error?.message.contains("is never closed") == true)
    }
}
