/// Reads JSON Lines (NDJSON): one JSON document per line.
///
/// Lines end at LF; a CR before it and spaces or tabs around the value are allowed; lines
/// holding only whitespace are skipped. A document may not span lines: a line that ends
/// inside a value is an error naming that line ("unexpected end of line inside object").
public struct JSONLinesReader: Sendable {
    public var parser: JSONParser

    public init(parser: JSONParser = JSONParser()) {
        self.parser = parser
    }

    /// Parses the first non-blank line at or after `offset` (which must be a line start).
    /// `.document`'s `next` is the start of the following line. With `isFinal == false`,
    /// a last line without its LF gives `.needMoreInput(resumeAt:)` (its start).
    public func next(_ bytes: UnsafeRawBufferPointer, from offset: Int, into tape: JSONTape,
                     isFinal: Bool = true) throws(IngestError) -> JSONParseStep {
        precondition(bytes.count <= Int(Int32.max), "JSON input chunks are limited to 2 GiB")
        precondition(offset >= 0 && offset <= bytes.count, "offset out of range")
        var lineStart = offset
        while true {
            let newline = Self.firstNewline(bytes, from: lineStart)
            if newline == bytes.count && !isFinal { return .needMoreInput(resumeAt: lineStart) }
            let next = newline == bytes.count ? newline : newline + 1
            let valueStart = parser.skipWhitespace(bytes, from: lineStart)
            if valueStart >= newline {
                if next == bytes.count { return .endOfInput }
                lineStart = next
                continue
            }
            let step = try parser.scan(bytes, from: valueStart, end: newline, depth: 0, into: tape,
                                       isFinal: true, lineMode: true)
            guard case .document(let tokens, let valueEnd) = step else { return step }
            var i = valueEnd
            while i < newline && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D) { i += 1 }
            if i < newline {
                tape.truncate(to: tokens.lowerBound)
                throw parser.error(JSONScanFailure(
                    message: "expected end of line after the JSON value, found \(JSONScanner.describe(bytes[i])) (JSON Lines holds one value per line)",
                    offset: i, truncated: false), in: bytes)
            }
            return .document(tokens: tokens, next: next)
        }
    }

    /// The offset of the first LF at or after `from`, or `bytes.count`.
    static func firstNewline(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let n = bytes.count
        var i = from
        let newlines = JSONScanner.ones &* 0x0A
        while i + 8 <= n {
            let x = UInt64(littleEndian: (base + i).loadUnaligned(as: UInt64.self)) ^ newlines
            let zero = (x &- JSONScanner.ones) & ~x & JSONScanner.highBits
            if zero != 0 { return i + zero.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n && bytes[i] != 0x0A { i += 1 }
        return i
    }
}
