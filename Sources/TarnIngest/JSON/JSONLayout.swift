/// How the records of a JSON file are laid out.
public enum JSONLayout: String, Sendable, Equatable, CaseIterable {
    /// JSON Lines / NDJSON: one record per line. A bad line is a bad record; reading goes on
    /// at the next line.
    case lines
    /// One top-level array whose elements are the records (`[{…}, {…}]`), streamed element
    /// by element. A syntax error cannot be resynchronized: it fails the read.
    case array
    /// Records one after another with any whitespace between (`{…}{…}`, or pretty-printed
    /// objects). A syntax error fails the read, as in `.array`.
    case concatenated

    /// What `tarn schema` shows.
    public var displayName: String {
        switch self {
        case .lines: return "JSON lines"
        case .array: return "top-level array"
        case .concatenated: return "concatenated documents"
        }
    }

    /// Tells the layout from the first bytes of a file (after a BOM); nil when `bytes` ends
    /// before that is clear and more input may follow (`isFinal == false`).
    ///
    /// - A first byte `[` is a top-level array (a JSON Lines file of arrays would be all bad
    ///   records anyway: a record is an object).
    /// - A first document on one line, followed by a line break or the end, is JSON Lines;
    ///   one spread over lines (pretty-printed), or followed by another value on the same
    ///   line, starts concatenated documents. A first document that is not valid JSON reads
    ///   as JSON Lines, so that it becomes a bad record instead of failing the file.
    public static func detect(_ bytes: UnsafeRawBufferPointer, isFinal: Bool) -> JSONLayout? {
        let parser = JSONParser()
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        start = parser.skipWhitespace(bytes, from: start)
        if start == bytes.count { return isFinal ? .lines : nil }
        if bytes[start] == 0x5B { return .array }
        let step: JSONParseStep
        do {
            step = try parser.parseDocument(bytes, from: start, into: JSONTape(capacity: 64), isFinal: isFinal)
        } catch {
            return .lines
        }
        switch step {
        case .needMoreInput: return nil
        case .endOfInput: return .lines
        case .document(_, let next):
            if JSONLinesReader.firstNewline(UnsafeRawBufferPointer(rebasing: bytes[..<next]), from: start) < next {
                return .concatenated
            }
            var after = next
            while after < bytes.count && (bytes[after] == 0x20 || bytes[after] == 0x09 || bytes[after] == 0x0D) { after += 1 }
            if after == bytes.count { return isFinal ? .lines : nil }
            return bytes[after] == 0x0A ? .lines : .concatenated
        }
    }
}
