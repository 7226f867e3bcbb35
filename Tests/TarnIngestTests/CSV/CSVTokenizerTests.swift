import Testing
import TarnCore
@testable import TarnIngest

@Suite("CSV tokenizer")
struct CSVTokenizerTests {
    @Test func simpleRecordsWithAndWithoutTrailingNewline() throws {
        #expect(try tokenizeCSV("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try tokenizeCSV("a,b,c\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try tokenizeCSV("") == [])
        #expect(try tokenizeCSV("\n") == [[""]])
        #expect(try tokenizeCSV("x") == [["x"]])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try tokenizeCSV(",,\n") == [["", "", ""]])
        #expect(try tokenizeCSV("a,") == [["a", ""]])
        #expect(try tokenizeCSV("a,\"\"") == [["a", ""]])
    }

    @Test func blankLineIsARecordOfOneEmptyField() throws {
        let records = try tokenizeCSV("a\n\nb\n")
        #expect(records == [["a"], [""], ["b"]])
        var tokenizer = CSVTokenizer(dialect: .rfc4180)
        var block = CSVRecordBlock()
        let bytes = Array("a\n\n\"\"\n".utf8)
        _ = try bytes.withUnsafeBytes { try tokenizer.tokenize($0, isFinal: true, into: &block) }
        #expect(block.recordCount == 3)
        #expect(!block.isBlank(record: 0) && block.isBlank(record: 1) && !block.isBlank(record: 2))
    }

    @Test func quotedFieldsHoldDelimitersDoubledQuotesAndNewlines() throws {
        #expect(try tokenizeCSV("\"a,b\",c\n") == [["a,b", "c"]])
        #expect(try tokenizeCSV("\"say \"\"hi\"\"\",x\n") == [["say \"hi\"", "x"]])
        #expect(try tokenizeCSV("\"line1\nline2\",x\n") == [["line1\nline2", "x"]])
        #expect(try tokenizeCSV("\"line1\r\nline2\",x\r\n") == [["line1\r\nline2", "x"]])
        #expect(try tokenizeCSV("\"\"\"\"") == [["\""]])
    }

    @Test func fieldFlagsAndOffsets() throws {
        var tokenizer = CSVTokenizer(dialect: .rfc4180)
        var block = CSVRecordBlock()
        let bytes = Array("ab,\"c\",\"d\"\"e\"\n".utf8)
        let consumed = try bytes.withUnsafeBytes { try tokenizer.tokenize($0, isFinal: true, into: &block) }
        #expect(consumed == bytes.count)
        #expect(block.fieldStarts == [0, 4, 8])
        #expect(block.fieldEnds == [2, 5, 12])
        #expect(block.fieldFlags == [0, CSVRecordBlock.quotedFlag, CSVRecordBlock.quotedFlag | CSVRecordBlock.escapedFlag])
        #expect(block.recordFieldEnds == [3])
        #expect(block.recordStarts == [0])
    }

    @Test func lineEndingsLFCRLFAndCR() throws {
        let expected = [["a", "b"], ["1", "2"], ["3", "4"]]
        #expect(try tokenizeCSV("a,b\n1,2\n3,4\n") == expected)
        #expect(try tokenizeCSV("a,b\r\n1,2\r\n3,4\r\n") == expected)
        #expect(try tokenizeCSV("a,b\r1,2\r3,4\r") == expected)
        #expect(try tokenizeCSV("a,b\r\n1,2\r3,4\n") == expected)
    }

    @Test func recordLinesCountPhysicalLines() throws {
        let records = try tokenizeCSV(Array("a,b\r\n\"x\ny\r\nz\",1\r\nc,d\rlast,1".utf8))
        #expect(records.map(\.line) == [1, 2, 5, 6])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try tokenizeCSV("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
        #expect(try tokenizeCSV("\u{FEFF}") == [])
        // Only at the start of the stream.
        #expect(try tokenizeCSV("a\n\u{FEFF}b\n") == [["a"], ["\u{FEFF}b"]])
        // Columns in errors count from after the BOM.
        #expect(csvError("\u{FEFF}a\"b")?.location.column == 2)
    }

    @Test func otherDelimitersAndNoQuote() throws {
        #expect(try tokenizeCSV("a;b\n\"1;2\";3\n", dialect: CSVDialect(delimiter: UInt8(ascii: ";"))) == [["a", "b"], ["1;2", "3"]])
        #expect(try tokenizeCSV("a\tb\n1\t2\n", dialect: CSVDialect(delimiter: 9)) == [["a", "b"], ["1", "2"]])
        #expect(try tokenizeCSV("a|b\n", dialect: CSVDialect(delimiter: UInt8(ascii: "|"))) == [["a", "b"]])
        #expect(try tokenizeCSV("a\u{1}b\n", dialect: CSVDialect(delimiter: 1)) == [["a", "b"]])
        let noQuote = CSVDialect(quote: nil)
        #expect(try tokenizeCSV("\"a\",b\"\n", dialect: noQuote) == [["\"a\"", "b\""]])
        let single = CSVDialect(quote: UInt8(ascii: "'"))
        #expect(try tokenizeCSV("'a,b','it''s',\"x\"\n", dialect: single) == [["a,b", "it's", "\"x\""]])
    }

    @Test func backslashEscape() throws {
        let dialect = CSVDialect(escape: .backslash)
        #expect(try tokenizeCSV("\"a\\\"b\",c\n", dialect: dialect) == [["a\"b", "c"]])
        #expect(try tokenizeCSV("a\\,b,c\n", dialect: dialect) == [["a,b", "c"]])
        #expect(try tokenizeCSV("\"a\\\\\",c\n", dialect: dialect) == [["a\\", "c"]])
        #expect(try tokenizeCSV("\"x\"\"y\",c\n", dialect: dialect) == [["x\"y", "c"]])
        #expect(try tokenizeCSV("a\\\nb,c\n", dialect: dialect) == [["a\nb", "c"]])
        // Without the option a backslash is an ordinary byte.
        #expect(try tokenizeCSV("a\\,b\n") == [["a\\", "b"]])
    }

    @Test func unterminatedQuoteNamesWhereItOpened() {
        let error = csvError("a,b\n1,2\n3,\"abc\n")
        #expect(error?.kind == .malformed)
        #expect(error?.message == "the quoted field opened at line 3, column 3 is never closed (the input ends inside quotes)")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 3)
        #expect(error?.location.byteOffset == 10)
    }

    @Test func quoteInsideUnquotedFieldIsAnErrorByDefault() {
        let error = csvError("a,b\nxy,12\"\n")
        #expect(error?.kind == .malformed)
        #expect(error?.message.hasPrefix("a quote '\"' inside an unquoted field at line 2, column 6;") == true)
        #expect(error?.location.line == 2)
        #expect(error?.location.column == 6)
        #expect(error?.location.byteOffset == 9)
        #expect(error?.record == "xy,12\"")
    }

    @Test func quoteInsideUnquotedFieldKeptWhenAllowed() throws {
        let options = CSVTokenizer.Options(allowsQuotesInUnquotedFields: true)
        #expect(try tokenizeCSV("h\n5'10\",x\"y\"\n", options: options) == [["h"], ["5'10\"", "x\"y\""]])
    }

    @Test func garbageAfterClosingQuote() {
        let error = csvError("a,b\n1,2\n\"ab\"c,d\n")
        #expect(error?.message == "unexpected 'c' after the closing quote of a field at line 3, column 5; expected the delimiter ',' or the end of the line")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 5)
        let spaced = csvError("x\n\"q\nr\" ,1\n")
        #expect(spaced?.location.line == 3)
        #expect(spaced?.location.column == 3)
    }

    @Test func errorDescriptionNamesFileLineAndColumn() {
        let options = CSVTokenizer.Options(fileName: "data.csv")
        let error = csvError("a\n\"x\"y\n", options: options)
        #expect(error?.description.hasPrefix("data.csv:2:4: unexpected 'y' after the closing quote of a field at line 2, column 4") == true)
    }

    @Test func danglingEscapeAtEnd() {
        let error = csvError("a\\", dialect: CSVDialect(escape: .backslash))
        #expect(error?.message.contains("line 1, column 2") == true)
    }

    @Test func blockLimitStopsAtRecordBoundary() throws {
        var tokenizer = CSVTokenizer(dialect: .rfc4180, options: .init(maxRecordsPerBlock: 2))
        var block = CSVRecordBlock()
        let bytes = Array("a\nb\nc\nd".utf8)
        var consumed = try bytes.withUnsafeBytes { try tokenizer.tokenize($0, isFinal: true, into: &block) }
        #expect(consumed == 4 && block.recordCount == 2)
        let rest = Array(bytes[consumed...])
        consumed = try rest.withUnsafeBytes { try tokenizer.tokenize($0, isFinal: true, into: &block) }
        #expect(consumed == 3 && block.recordCount == 2)
        #expect(block.chunkOffset == 4)
        #expect(block.recordLines == [3, 4])
        let big = (0 ..< 1000).map { "r\($0),\"q\($0)\"\n" }.joined()
        let limited = try tokenizeCSV(big, options: .init(maxRecordsPerBlock: 7), chunkSize: 100)
        #expect(limited == (try tokenizeCSV(big)))
    }

    @Test func unescapeFieldIntoCallerBuffer() {
        var out: [UInt8] = Array(">".utf8)
        Array("a\"\"b".utf8).withUnsafeBytes {
            CSVTokenizer.unescapeField($0, flags: CSVRecordBlock.quotedFlag | CSVRecordBlock.escapedFlag, dialect: .rfc4180, into: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == ">a\"b")
    }
}
