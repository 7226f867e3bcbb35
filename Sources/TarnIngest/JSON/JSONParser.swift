import TarnCore

/// What a parse call found.
public enum JSONParseStep: Equatable, Sendable {
    /// One document (or array element) was parsed: its tokens are `tokens` in the tape;
    /// the next call starts at byte `next`.
    case document(tokens: Range<Int>, next: Int)
    /// The input ended inside a document and the call was not final: keep the bytes from
    /// `resumeAt` on, append more input, and call again from there. Nothing was added to the tape.
    case needMoreInput(resumeAt: Int)
    /// Only whitespace (or blank lines) remained.
    case endOfInput
}

/// A strict RFC 8259 parser that scans JSON bytes into a `JSONTape`.
///
/// Errors are `IngestError(.malformed, …)` with the file, 1-based line and column (the
/// column counts Unicode scalars on the line) and byte offset, computed only when an error
/// is built. `baseByteOffset` and `baseLine` place a chunk within its file: the line count
/// starts at `bytes[0]`, so a chunk should start at a line start.
public struct JSONParser: Sendable {
    public var maxDepth: Int
    public var file: String?
    /// The file offset of `bytes[0]`.
    public var baseByteOffset: Int = 0
    /// The line number of `bytes[0]`.
    public var baseLine: Int = 1

    public init(file: String? = nil, maxDepth: Int = 512) {
        precondition(maxDepth >= 1, "maxDepth must be at least 1")
        self.file = file
        self.maxDepth = maxDepth
    }

    /// Parses `bytes` as exactly one JSON text (one value with optional whitespace around
    /// it), appends its tokens to `tape` and returns the index of its root token.
    public func parse(_ bytes: UnsafeRawBufferPointer, into tape: JSONTape) throws(IngestError) -> Int {
        switch try parseDocument(bytes, from: 0, into: tape, isFinal: true) {
        case .document(let tokens, let next):
            let rest = skipWhitespace(bytes, from: next)
            if rest < bytes.count {
                throw error(JSONScanFailure(message: "unexpected \(JSONScanner.describe(bytes[rest])) after the JSON value", offset: rest, truncated: false), in: bytes)
            }
            return tokens.lowerBound
        case .endOfInput:
            throw error(JSONScanFailure(message: "expected a JSON value, found end of input", offset: bytes.count, truncated: false), in: bytes)
        case .needMoreInput:
            preconditionFailure("a final parse never asks for more input")
        }
    }

    /// Parses the next document at or after `offset` (leading whitespace skipped) and
    /// returns where it ended: call again from `next` for concatenated documents
    /// (`{…}{…}`, or values separated by whitespace). With `isFinal == false`, a document
    /// cut off by the end of `bytes` gives `.needMoreInput` instead of an error.
    public func parseDocument(_ bytes: UnsafeRawBufferPointer, from offset: Int, into tape: JSONTape,
                              isFinal: Bool = true) throws(IngestError) -> JSONParseStep {
        precondition(bytes.count <= Int(Int32.max), "JSON input chunks are limited to 2 GiB")
        precondition(offset >= 0 && offset <= bytes.count, "offset out of range")
        let start = skipWhitespace(bytes, from: offset)
        if start == bytes.count { return isFinal ? .endOfInput : .needMoreInput(resumeAt: offset) }
        return try scan(bytes, from: start, end: bytes.count, depth: 0, into: tape, isFinal: isFinal)
    }

    /// Scans one value, undoing a truncated one; maps failures to errors.
    func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, end: Int, depth: Int, into tape: JSONTape,
              isFinal: Bool, lineMode: Bool = false) throws(IngestError) -> JSONParseStep {
        let first = tape.count
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return isFinal ? .endOfInput : .needMoreInput(resumeAt: start)
        }
        var scanner = JSONScanner(p: base, end: end, isFinal: isFinal, maxDepth: maxDepth, tape: TapeWriter(tape))
        do {
            let next = try scanner.scanValue(from: start, depth: depth)
            scanner.tape.finish(into: tape)
            return .document(tokens: first ..< tape.count, next: next)
        } catch {
            scanner.tape.finish(into: tape)
            tape.truncate(to: first)
            if error.truncated && !isFinal { return .needMoreInput(resumeAt: start) }
            var failure = error
            if lineMode { failure.message = failure.message.replacing("end of input", with: "end of line") }
            throw self.error(failure, in: bytes)
        }
    }

    func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> Int {
        var i = offset
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
        return i
    }

    /// Builds the error for a failure at a byte offset: counts lines up to it now (errors
    /// are rare; the happy path never counts), and shows the line when it is short.
    func error(_ failure: JSONScanFailure, in bytes: UnsafeRawBufferPointer) -> IngestError {
        let offset = min(failure.offset, bytes.count)
        var line = baseLine
        var lineStart = 0
        for i in 0 ..< offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart ..< offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        var lineEnd = offset
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && lineEnd - lineStart <= 200 { lineEnd += 1 }
        var record: String? = nil
        if lineEnd - lineStart <= 200 {
            var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lineStart ..< lineEnd]), as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            record = text
        }
        let location = SourceLocation(file: file, line: line, column: column, byteOffset: baseByteOffset + offset)
        return IngestError(.malformed, failure.message, location: location, record: record)
    }
}
