/// Streams the elements of a top-level JSON array one at a time (`[{…}, {…}, …]`),
/// without materializing the array: each call parses one element into the tape.
///
/// Keeps where it is in the array between calls, so the input can arrive in chunks:
/// on `.needMoreInput(resumeAt:)` keep the bytes from there, append more, and call again.
public struct JSONArrayReader: Sendable {
    public var parser: JSONParser
    enum State: Sendable { case beforeArray, firstElement, afterElement, finished }
    var state: State = .beforeArray

    public init(parser: JSONParser = JSONParser()) {
        self.parser = parser
    }

    /// Parses the next element at or after `offset`; `.endOfInput` after the closing `]`
    /// (and only whitespace after it) once the input is final.
    public mutating func next(_ bytes: UnsafeRawBufferPointer, from offset: Int, into tape: JSONTape,
                              isFinal: Bool = true) throws(IngestError) -> JSONParseStep {
        precondition(bytes.count <= Int(Int32.max), "JSON input chunks are limited to 2 GiB")
        precondition(offset >= 0 && offset <= bytes.count, "offset out of range")
        var i = offset
        while true {
            i = parser.skipWhitespace(bytes, from: i)
            let atEnd = i == bytes.count
            if atEnd && !isFinal { return .needMoreInput(resumeAt: i) }
            switch state {
            case .beforeArray:
                if atEnd { throw fail("expected '[' to start the top-level array, found end of input", i, bytes) }
                guard bytes[i] == 0x5B else {
                    throw fail("expected '[' to start the top-level array, found \(JSONScanner.describe(bytes[i]))", i, bytes)
                }
                i += 1
                state = .firstElement
            case .firstElement:
                if atEnd { throw fail("unexpected end of input inside array", i, bytes) }
                if bytes[i] == 0x5D {
                    i += 1
                    state = .finished
                    continue
                }
                return try element(bytes, from: i, resumeAt: i, into: tape, isFinal: isFinal)
            case .afterElement:
                if atEnd { throw fail("unexpected end of input inside array", i, bytes) }
                if bytes[i] == 0x5D {
                    i += 1
                    state = .finished
                    continue
                }
                guard bytes[i] == 0x2C else {
                    throw fail("expected ',' or ']' after array element, found \(JSONScanner.describe(bytes[i]))", i, bytes)
                }
                let comma = i
                i = parser.skipWhitespace(bytes, from: i + 1)
                if i == bytes.count {
                    if !isFinal { return .needMoreInput(resumeAt: comma) }
                    throw fail("unexpected end of input inside array", i, bytes)
                }
                if bytes[i] == 0x5D { throw fail("trailing comma before ']'", i, bytes) }
                return try element(bytes, from: i, resumeAt: comma, into: tape, isFinal: isFinal)
            case .finished:
                if atEnd { return .endOfInput }
                throw fail("unexpected \(JSONScanner.describe(bytes[i])) after the top-level array", i, bytes)
            }
        }
    }

    mutating func element(_ bytes: UnsafeRawBufferPointer, from start: Int, resumeAt: Int, into tape: JSONTape,
                          isFinal: Bool) throws(IngestError) -> JSONParseStep {
        let step = try parser.scan(bytes, from: start, end: bytes.count, depth: 1, into: tape, isFinal: isFinal)
        switch step {
        case .document: state = .afterElement; return step
        case .needMoreInput: return .needMoreInput(resumeAt: resumeAt)
        case .endOfInput: return step
        }
    }

    func fail(_ message: String, _ offset: Int, _ bytes: UnsafeRawBufferPointer) -> IngestError {
        parser.error(JSONScanFailure(message: message, offset: offset, truncated: false), in: bytes)
    }
}
