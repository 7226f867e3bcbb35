import TarnCore
@testable import TarnIngest

/// One tokenized record as strings, with the line it starts on.
struct CSVTestRecord: Equatable, CustomStringConvertible {
    var fields: [String]
    var line: Int
    var description: String { "\(line):\(fields)" }
}

/// Tokenizes `input` fed in chunks of `chunkSize` bytes (all at once when nil), carrying the
/// unconsumed bytes of each call into the next chunk as a reader would.
func tokenizeCSV(
    _ input: [UInt8], dialect: CSVDialect = .rfc4180, options: CSVTokenizer.Options = .init(),
    chunkSize: Int? = nil
) throws -> [CSVTestRecord] {
    var tokenizer = CSVTokenizer(dialect: dialect, options: options)
    var block = CSVRecordBlock()
    var records: [CSVTestRecord] = []
    var buffer: [UInt8] = []
    var position = 0
    let step = chunkSize ?? max(input.count, 1)
    while true {
        let take = min(step, input.count - position)
        buffer.append(contentsOf: input[position ..< position + take])
        position += take
        let isFinal = position == input.count
        repeat {
            let consumed = try buffer.withUnsafeBytes { chunk in
                let consumed = try tokenizer.tokenize(chunk, isFinal: isFinal, into: &block)
                for r in 0 ..< block.recordCount {
                    var fields: [String] = []
                    for f in block.fields(ofRecord: r) {
                        var value: [UInt8] = []
                        block.appendValue(ofField: f, in: chunk, dialect: dialect, to: &value)
                        fields.append(String(decoding: value, as: UTF8.self))
                    }
                    records.append(CSVTestRecord(fields: fields, line: block.recordLines[r]))
                }
                return consumed
            }
            buffer.removeFirst(consumed)
        } while isFinal && !buffer.isEmpty
        if isFinal { return records }
    }
}

func tokenizeCSV(_ text: String, dialect: CSVDialect = .rfc4180, options: CSVTokenizer.Options = .init(), chunkSize: Int? = nil) throws -> [[String]] {
    try tokenizeCSV(Array(text.utf8), dialect: dialect, options: options, chunkSize: chunkSize).map(\.fields)
}

/// The error tokenizing `text` throws, or nil.
func csvError(_ text: String, dialect: CSVDialect = .rfc4180, options: CSVTokenizer.Options = .init(), chunkSize: Int? = nil) -> IngestError? {
    do {
        _ = try tokenizeCSV(Array(text.utf8), dialect: dialect, options: options, chunkSize: chunkSize)
        return nil
    } catch let error as IngestError {
        return error
    } catch {
        return nil
    }
}
