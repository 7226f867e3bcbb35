#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TarnCore

/// One record as the stream hands it over: its root token in the stream's tape and the
/// bytes the tape's offsets index. Valid until the stream's next `next()`.
struct JSONRecord {
    let root: Int
    /// What the tape's offsets index: the line (JSON Lines) or the whole window.
    let bytes: UnsafeRawBufferPointer
    /// The window position of `bytes[0]`.
    let windowOffset: Int
    /// The record's own bytes within `bytes` (for a bad-record entry).
    let range: Range<Int>
}

/// What `JSONRecordStream.next()` found.
enum JSONStreamItem {
    case record(JSONRecord)
    /// A JSON line that does not parse: the error names it; `raw` is the line without its
    /// line break (valid until the next call).
    case malformed(IngestError, raw: UnsafeRawBufferPointer)
}

/// Records of a JSON input, one at a time, from a `StreamBuffer`: memory is bounded by the
/// buffer (which grows only for a record larger than itself), never the file.
///
/// Line numbers stay right across refills: in JSON Lines mode each line is counted as it
/// is read (the parser gets the line alone, placed by `baseLine` / `baseByteOffset`); in
/// the other layouts newlines are counted only up to where a location is asked for, and
/// over the consumed bytes when the window moves.
///
/// A struct, so the per-record state is not class properties (each access to one costs a
/// runtime exclusivity check); its owner calls `close()` to free the buffer.
struct JSONRecordStream {
    private(set) var buffer: StreamBuffer
    let tape = JSONTape()
    let fileName: String?
    let layout: JSONLayout
    private var arrayReader: JSONArrayReader
    private var parser: JSONParser
    /// Where the next record is looked for, within the window.
    private var position = 0
    private var ended = false

    // JSON Lines: the number of the line at `position`, and the current record's line.
    private var nextLine = 1
    private var recordLine = 1
    private var recordLineStart = 0

    // Other layouts: the line of window[0], and the Unicode scalars of that line that lie
    // before window[0]; a cursor counting newlines forward from there, on demand.
    private var windowLine = 1
    private var windowCarry = 0
    private var cursorOffset = 0
    private var cursorLine = 1
    private var cursorLineStart = 0
    private var cursorCarry = 0

    /// `startLine` and `startOffset` place a source that is a part of a larger file (a JSON
    /// Lines part read on another thread): locations count from there.
    init(source: any ByteSource, capacity: Int, fileName: String?, layout: JSONLayout?,
         startLine: Int = 1, startOffset: Int = 0) throws(IngestError) {
        buffer = StreamBuffer(source: source, capacity: capacity, startOffset: startOffset)
        self.fileName = fileName
        nextLine = startLine
        recordLine = startLine
        windowLine = startLine
        cursorLine = startLine
        var parser = JSONParser(file: fileName)
        parser.baseLine = startLine
        self.parser = parser
        arrayReader = JSONArrayReader(parser: parser)
        do {
            try buffer.refill()
            // A UTF-8 byte order mark is not JSON (RFC 8259 §8.1 lets a parser ignore it).
            let head = buffer.window
            if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
                buffer.consume(3)
            }
            if let layout {
                self.layout = layout
            } else {
                while true {
                    if let detected = JSONLayout.detect(buffer.window, isFinal: buffer.isAtEnd) {
                        self.layout = detected
                        break
                    }
                    try buffer.refill()
                }
            }
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    /// Frees the read buffer; the stream must not be used afterwards.
    mutating func close() { buffer.deallocate() }

    /// The stream offset just past the last record returned.
    var offset: Int { buffer.offset + position }

    /// The next record or malformed JSON line; nil at the end of the input. A syntax error
    /// in the array and concatenated layouts throws (there is no telling where the next
    /// record starts).
    mutating func next() throws(IngestError) -> JSONStreamItem? {
        if ended { return nil }
        tape.removeAll()
        while true {
            let window = buffer.window
            if layout == .lines {
                if position >= window.count {
                    if buffer.isAtEnd { ended = true; return nil }
                    try refill(keepingFrom: position)
                    continue
                }
                let newline = Self.firstNewline(window, from: position)
                if newline == window.count && !buffer.isAtEnd {
                    try refill(keepingFrom: position)
                    continue
                }
                let lineStart = position
                let next = newline == window.count ? newline : newline + 1
                let line = nextLine
                position = next
                nextLine += 1
                let valueStart = parser.skipWhitespace(UnsafeRawBufferPointer(rebasing: window[..<newline]), from: lineStart)
                if valueStart >= newline { continue } // a blank line
                let slice = UnsafeRawBufferPointer(rebasing: window[lineStart ..< next])
                recordLine = line
                recordLineStart = lineStart
                var lineEnd = newline
                if lineEnd > lineStart && window[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                do throws(IngestError) {
                    // As JSONLinesReader.next, with the line's end already found.
                    parser.baseLine = line
                    parser.baseByteOffset = buffer.offset + lineStart
                    let step = try parser.scan(slice, from: valueStart - lineStart, end: newline - lineStart, depth: 0,
                                               into: tape, isFinal: true, lineMode: true)
                    guard case .document(let tokens, let valueEnd) = step else { continue }
                    var i = valueEnd + lineStart
                    while i < newline && (window[i] == 0x20 || window[i] == 0x09 || window[i] == 0x0D) { i += 1 }
                    if i < newline {
                        throw parser.error(JSONScanFailure(
                            message: "expected end of line after the JSON value, found \(JSONScanner.describe(window[i])) (JSON Lines holds one value per line)",
                            offset: i - lineStart, truncated: false), in: slice)
                    }
                    return .record(JSONRecord(root: tokens.lowerBound, bytes: slice, windowOffset: lineStart,
                                              range: valueStart - lineStart ..< lineEnd - lineStart))
                } catch {
                    tape.removeAll()
                    return .malformed(error, raw: UnsafeRawBufferPointer(rebasing: window[lineStart ..< lineEnd]))
                }
            }

            let step: JSONParseStep
            do {
                if layout == .array {
                    arrayReader.parser.baseLine = windowLine
                    arrayReader.parser.baseByteOffset = buffer.offset
                    step = try arrayReader.next(window, from: position, into: tape, isFinal: buffer.isAtEnd)
                } else {
                    parser.baseLine = windowLine
                    parser.baseByteOffset = buffer.offset
                    step = try parser.parseDocument(window, from: position, into: tape, isFinal: buffer.isAtEnd)
                }
            } catch {
                // The parser counts columns from window[0]; the line may have begun earlier.
                var located = error
                if located.location.line == windowLine, let column = located.location.column {
                    located.location.column = column + windowCarry
                }
                throw located
            }
            switch step {
            case .document(let tokens, let next):
                let root = tokens.lowerBound
                let start = tape.start(root)
                position = next
                return .record(JSONRecord(root: root, bytes: window, windowOffset: 0, range: start ..< next))
            case .needMoreInput(let resumeAt):
                try refill(keepingFrom: resumeAt)
            case .endOfInput:
                ended = true
                return nil
            }
        }
    }

    /// Drops the window before `keep`, then reads more.
    private mutating func refill(keepingFrom keep: Int) throws(IngestError) {
        if layout != .lines {
            advanceCursor(to: keep)
            let carry = scalars(buffer.window, cursorLineStart ..< keep) + (cursorLineStart == 0 ? cursorCarry : 0)
            windowLine = cursorLine
            windowCarry = carry
            cursorOffset = 0
            cursorLine = windowLine
            cursorLineStart = 0
            cursorCarry = windowCarry
        }
        buffer.consume(keep)
        position = 0
        try buffer.refill()
    }

    // MARK: Locations

    /// The file location of window position `offset` within the current record.
    mutating func location(atWindowOffset offset: Int) -> SourceLocation {
        let window = buffer.window
        if layout == .lines {
            let column = scalars(window, recordLineStart ..< offset) + 1
            return SourceLocation(file: fileName, line: recordLine, column: column, byteOffset: buffer.offset + offset)
        }
        if offset < cursorOffset {
            cursorOffset = 0
            cursorLine = windowLine
            cursorLineStart = 0
            cursorCarry = windowCarry
        }
        advanceCursor(to: offset)
        let column = scalars(window, cursorLineStart ..< offset) + (cursorLineStart == 0 ? cursorCarry : 0) + 1
        return SourceLocation(file: fileName, line: cursorLine, column: column, byteOffset: buffer.offset + offset)
    }

    /// Counts the newlines between the cursor and `offset`.
    private mutating func advanceCursor(to offset: Int) {
        let window = buffer.window
        var i = cursorOffset
        while i < offset {
            let newline = JSONLinesReader.firstNewline(UnsafeRawBufferPointer(rebasing: window[..<offset]), from: i)
            if newline >= offset { break }
            cursorLine += 1
            cursorLineStart = newline + 1
            cursorCarry = 0
            i = newline + 1
        }
        cursorOffset = max(cursorOffset, offset)
    }

    /// The offset of the first LF at or after `from`, or `bytes.count`: libc's vectorized
    /// `memchr` (lines are a few hundred bytes; it beat the 8-byte SWAR loop there).
    @inline(__always)
    static func firstNewline(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + from, 0x0A, bytes.count - from) else { return bytes.count }
        return UnsafeRawPointer(found) - base
    }

    /// Unicode scalars (UTF-8 lead bytes) in `range` of `bytes`.
    private func scalars(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        var count = 0
        for i in range where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
