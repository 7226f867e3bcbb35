// RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180), section 2, with CR and LF accepted
// as line breaks besides CRLF:
//
//   file        = [BOM] record *(line-break record) [line-break]
//   record      = field *(delimiter field)
//   field       = escaped / non-escaped
//   escaped     = quote *(any byte but quote / quote quote / "\" any byte) quote
//   non-escaped = *(any byte but delimiter, quote, CR, LF / "\" any byte)
//   line-break  = CRLF / LF / CR
//
// `"\" any byte` applies only with `CSVDialect.Escape.backslash`. A quote inside an
// unquoted field is an error by default, as RFC 4180 says; with
// `Options.allowsQuotesInUnquotedFields` it is kept as an ordinary byte (`5'10"`).

import TarnCore

/// Splits CSV bytes into records and fields, chunk by chunk, recording offsets only.
///
/// Feed chunks in order to `tokenize(_:isFinal:into:)`. It returns how many bytes it
/// consumed (whole records); the next chunk must begin with the bytes it did not consume,
/// followed by new input. Those carried bytes are not scanned again: the tokenizer
/// remembers where it stopped inside the partial record. A record longer than the whole
/// chunk consumes nothing, and the caller must grow its buffer.
public struct CSVTokenizer: Sendable {
    public struct Options: Sendable {
        /// Keep a quote byte inside an unquoted field as an ordinary byte instead of failing.
        public var allowsQuotesInUnquotedFields: Bool
        /// A block holds at most this many records; tokenizing stops at the record that fills it.
        public var maxRecordsPerBlock: Int
        /// The file name put into error locations.
        public var fileName: String?

        public init(allowsQuotesInUnquotedFields: Bool = false, maxRecordsPerBlock: Int = 1 << 16, fileName: String? = nil) {
            precondition(maxRecordsPerBlock > 0)
            self.allowsQuotesInUnquotedFields = allowsQuotesInUnquotedFields
            self.maxRecordsPerBlock = maxRecordsPerBlock
            self.fileName = fileName
        }
    }

    /// Where the scan stands at a chunk's end, so that the next call resumes there.
    enum State: UInt8 {
        case fieldStart, unquoted, unquotedEscape, quoted, quotedEscape, quotedAfterCR,
             quoteInQuoted, lineEnd, afterCR, streamStart
    }

    public let dialect: CSVDialect
    public let options: Options

    private var state: State
    /// The offset in the stream of the next chunk's first byte.
    public private(set) var streamOffset: Int
    /// The physical line the next record starts on.
    public private(set) var nextLine: Int
    // Scan state of the partial record, with offsets relative to its first byte (which is
    // the next chunk's first byte).
    private var resumeAt = 0
    private var line: Int
    private var lineStart = 0
    private var fieldStart = 0
    private var fieldFlags: UInt8 = 0
    private var quoteLine = 0
    private var quoteColumn = 0
    private var quoteOffset = 0
    private var pendingStarts: [Int] = []
    private var pendingEnds: [Int] = []
    private var pendingFlags: [UInt8] = []
    /// Field offsets' memory, kept from call to call (its capacity grows to the most fields
    /// one call produced).
    private var fieldStorage = CSVFieldStorage()

    /// - Parameters:
    ///   - startLine, startOffset: where the first chunk lies in the file, for a tokenizer
    ///     that starts at a split point (line numbers can be rebased later with the line
    ///     count of the part before).
    ///   - atStreamStart: whether a UTF-8 BOM may open the input (it is skipped).
    public init(dialect: CSVDialect, options: Options = Options(), startLine: Int = 1, startOffset: Int = 0, atStreamStart: Bool = true) {
        self.dialect = dialect
        self.options = options
        self.state = atStreamStart ? .streamStart : .fieldStart
        self.streamOffset = startOffset
        self.nextLine = startLine
        self.line = startLine
    }

    /// Starts over at a record start (`line`, stream `offset`), forgetting any partial
    /// record but keeping the capacity learned so far: one tokenizer serves many parts.
    public mutating func restart(line: Int, offset: Int) {
        state = .fieldStart
        streamOffset = offset
        nextLine = line
        self.line = line
        resumeAt = 0
        lineStart = 0
        fieldStart = 0
        fieldFlags = 0
        pendingStarts.removeAll(keepingCapacity: true)
        pendingEnds.removeAll(keepingCapacity: true)
        pendingFlags.removeAll(keepingCapacity: true)
    }

    /// Tokenizes the whole records of `chunk` into `block` (cleared first) and returns the
    /// number of bytes consumed. With `isFinal`, the chunk ends the input: everything is
    /// consumed, and an unclosed quote is an error.
    public mutating func tokenize(_ chunk: UnsafeRawBufferPointer, isFinal: Bool, into block: inout CSVRecordBlock) throws(IngestError) -> Int {
        block.removeAll()
        block.chunkOffset = streamOffset
        let n = chunk.count
        guard n > 0, let p = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return try finishEmpty(isFinal: isFinal, into: &block)
        }

        let delimiter = dialect.delimiter
        let quote = Int(dialect.quote ?? 0xFF) | (dialect.quote == nil ? 0x100 : 0)
        let maxRecords = options.maxRecordsPerBlock
        var scanner = CSVStructuralScanner(dialect: dialect)

        var state = self.state
        var i = resumeAt
        var line = self.line
        var lineStart = self.lineStart
        var fieldStart = self.fieldStart
        var fieldFlags = self.fieldFlags
        var recordStart = 0
        var recordLine = nextLine
        // Copies of a tokenizer (one per thread) share storage until one writes: then it
        // takes its own, as a copy-on-write value would.
        if !isKnownUniquelyReferenced(&fieldStorage) { fieldStorage = CSVFieldStorage() }
        let storage = fieldStorage
        var fields = CSVFieldSink(reusing: storage)
        defer { fields.finish(into: &block, storage: storage) }
        for f in pendingStarts.indices { fields.append(pendingStarts[f], pendingEnds[f], pendingFlags[f]) }
        pendingStarts.removeAll(keepingCapacity: true)
        pendingEnds.removeAll(keepingCapacity: true)
        pendingFlags.removeAll(keepingCapacity: true)

        if state == .streamStart {
            // A UTF-8 BOM (EF BB BF) is skipped; wait for three bytes to decide.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let k = min(n, 3)
            if (0 ..< k).allSatisfy({ p[$0] == bom[$0] }) {
                if k < 3 && !isFinal { return 0 }
                if k == 3 { i = 3; recordStart = 3; lineStart = 3 }
            }
            state = .fieldStart
        }

        scan: while true {
            switch state {
            case .fieldStart:
                if i >= n { break scan }
                if Int(p[i]) == quote {
                    fieldStart = i &+ 1
                    fieldFlags = CSVRecordBlock.quotedFlag
                    quoteLine = line
                    quoteColumn = i &- lineStart &+ 1
                    quoteOffset = streamOffset &+ i
                    state = .quoted
                    i &+= 1
                    continue scan
                }
                fieldStart = i
                fieldFlags = 0
                state = .unquoted
                fallthrough

            case .unquoted:
                // Runs of unquoted fields stay in this loop, without a dispatch per field.
                while true {
                    let j = scanner.next(from: i, in: p, count: n)
                    if j >= n { i = n; break scan }
                    let b = p[j]
                    if b == delimiter {
                        fields.append(fieldStart, j, fieldFlags)
                        i = j &+ 1
                        if i < n && Int(p[i]) != quote {
                            fieldStart = i
                            fieldFlags = 0
                            continue
                        }
                        state = .fieldStart
                        continue scan
                    } else if b == 0x0A || b == 0x0D {
                        fields.append(fieldStart, j, fieldFlags)
                        state = .lineEnd
                        i = j
                        continue scan
                    } else if Int(b) == quote {
                        guard options.allowsQuotesInUnquotedFields else {
                            throw error(
                                "a quote \(CSVDialect.show(b)) inside an unquoted field at \(place(line, j &- lineStart &+ 1)); quote the whole field and double the quote (RFC 4180), or allow quotes in unquoted fields",
                                line: line, column: j &- lineStart &+ 1, offset: j, recordStart: recordStart, chunk: chunk)
                        }
                        i = j &+ 1
                    } else {
                        // The escape byte: the next byte is taken as it is.
                        fieldFlags |= CSVRecordBlock.escapedFlag
                        i = j &+ 1
                        state = .unquotedEscape
                        continue scan
                    }
                }

            case .unquotedEscape:
                if i >= n { break scan }
                if p[i] == 0x0A || p[i] == 0x0D { line &+= 1; lineStart = i &+ 1 }
                i &+= 1
                state = .unquoted

            case .quoted:
                let j = scanner.next(from: i, in: p, count: n)
                if j >= n { i = n; break scan }
                let b = p[j]
                if Int(b) == quote {
                    // The common cases of the byte after a quote, without a dispatch;
                    // the rest (and a chunk end) go through `.quoteInQuoted`.
                    i = j &+ 1
                    if i < n {
                        let c = p[i]
                        if Int(c) == quote {
                            fieldFlags |= CSVRecordBlock.escapedFlag
                            i &+= 1
                            continue scan
                        }
                        if c == delimiter {
                            fields.append(fieldStart, j, fieldFlags)
                            i &+= 1
                            state = .fieldStart
                            continue scan
                        }
                    }
                    state = .quoteInQuoted
                } else if b == 0x0A {
                    line &+= 1
                    lineStart = j &+ 1
                    i = j &+ 1
                } else if b == 0x0D {
                    line &+= 1
                    i = j &+ 1
                    lineStart = i
                    state = .quotedAfterCR
                } else if b == delimiter {
                    i = j &+ 1
                } else {
                    fieldFlags |= CSVRecordBlock.escapedFlag
                    i = j &+ 1
                    state = .quotedEscape
                }

            case .quotedEscape:
                if i >= n { break scan }
                if p[i] == 0x0A || p[i] == 0x0D { line &+= 1; lineStart = i &+ 1 }
                i &+= 1
                state = .quoted

            case .quotedAfterCR:
                if i >= n { break scan }
                if p[i] == 0x0A { i &+= 1; lineStart = i }
                state = .quoted

            case .quoteInQuoted:
                // `i - 1` is a quote inside a quoted field: a doubled quote or the closing one.
                if i >= n { break scan }
                let c = p[i]
                if Int(c) == quote {
                    fieldFlags |= CSVRecordBlock.escapedFlag
                    i &+= 1
                    state = .quoted
                } else if c == delimiter {
                    fields.append(fieldStart, i &- 1, fieldFlags)
                    i &+= 1
                    state = .fieldStart
                } else if c == 0x0A || c == 0x0D {
                    fields.append(fieldStart, i &- 1, fieldFlags)
                    state = .lineEnd
                } else {
                    let column = i &- lineStart &+ 1
                    throw error(
                        "unexpected \(CSVDialect.show(c)) after the closing quote of a field at \(place(line, column)); expected the delimiter \(CSVDialect.show(delimiter)) or the end of the line",
                        line: line, column: column, offset: i, recordStart: recordStart, chunk: chunk)
                }

            case .lineEnd:
                // `p[i]` is CR or LF ending a record whose last field is already recorded.
                block.recordFieldEnds.append(fields.count)
                block.recordStarts.append(recordStart)
                block.recordLines.append(recordLine)
                line &+= 1
                if p[i] == 0x0D {
                    i &+= 1
                    if i >= n {
                        state = .afterCR
                    } else {
                        if p[i] == 0x0A { i &+= 1 }
                        state = .fieldStart
                    }
                } else {
                    i &+= 1
                    state = .fieldStart
                }
                lineStart = i
                recordStart = i
                recordLine = line
                if block.recordFieldEnds.count >= maxRecords { break scan }

            case .afterCR:
                // A CR ended the previous chunk's last record; an LF here belongs to it.
                if i >= n { break scan }
                if p[i] == 0x0A { i &+= 1; lineStart = i; recordStart = i }
                state = .fieldStart

            case .streamStart:
                state = .fieldStart
            }
        }

        let lastRecordEnd = block.recordFieldEnds.last ?? 0
        if i < n || !isFinal {
            // Stopped at a full block (i == recordStart) or at the chunk's end inside a record:
            // keep the partial record's state relative to its first byte.
            for f in lastRecordEnd ..< fields.count {
                pendingStarts.append(fields.starts[f] &- recordStart)
                pendingEnds.append(fields.ends[f] &- recordStart)
                pendingFlags.append(fields.flags[f])
            }
            fields.truncate(to: lastRecordEnd)
            self.state = state
            resumeAt = i &- recordStart
            self.line = line
            self.lineStart = lineStart &- recordStart
            self.fieldStart = fieldStart &- recordStart
            self.fieldFlags = fieldFlags
            nextLine = recordLine
            streamOffset &+= recordStart
            return recordStart
        }

        // The end of the input closes the last record.
        switch state {
        case .fieldStart:
            if recordStart < n || fields.count > lastRecordEnd {
                fields.append(n, n, 0)
                block.recordFieldEnds.append(fields.count)
                block.recordStarts.append(recordStart)
                block.recordLines.append(recordLine)
            }
        case .unquoted, .quoteInQuoted:
            fields.append(fieldStart, state == .unquoted ? n : n &- 1, fieldFlags)
            block.recordFieldEnds.append(fields.count)
            block.recordStarts.append(recordStart)
            block.recordLines.append(recordLine)
        case .quoted, .quotedEscape, .quotedAfterCR:
            throw error(
                "the quoted field opened at \(place(quoteLine, quoteColumn)) is never closed (the input ends inside quotes)",
                line: quoteLine, column: quoteColumn, offset: quoteOffset &- streamOffset, recordStart: recordStart, chunk: chunk)
        case .unquotedEscape:
            let column = n &- lineStart
            throw error(
                "the escape at \(place(line, column)) ends the input; it must be followed by the byte it escapes",
                line: line, column: column, offset: n &- 1, recordStart: recordStart, chunk: chunk)
        case .afterCR, .lineEnd, .streamStart:
            break
        }
        self.state = .fieldStart
        resumeAt = 0
        self.line = line
        self.lineStart = 0
        nextLine = line
        streamOffset &+= n
        return n
    }

    /// An empty final chunk: by the chunk contract, no partial record can be pending.
    private mutating func finishEmpty(isFinal: Bool, into block: inout CSVRecordBlock) throws(IngestError) -> Int {
        guard isFinal else { return 0 }
        precondition(pendingStarts.isEmpty && resumeAt == 0 && (state == .fieldStart || state == .afterCR || state == .streamStart),
                     "the bytes a call did not consume must open the next chunk")
        state = .fieldStart
        return 0
    }

    private func place(_ line: Int, _ column: Int) -> String { "line \(line), column \(column)" }

    private func error(_ message: String, line: Int, column: Int, offset: Int, recordStart: Int, chunk: UnsafeRawBufferPointer) -> IngestError {
        // The record up to the end of the line holding the error, at most 200 bytes.
        var end = min(offset + 1, chunk.count)
        while end < chunk.count && end - recordStart < 200 && chunk[end] != 0x0A && chunk[end] != 0x0D { end += 1 }
        let start = max(0, min(recordStart, end))
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: chunk[start ..< end]), as: UTF8.self)
        return IngestError(.malformed, message,
            location: SourceLocation(file: options.fileName, line: line, column: column, byteOffset: streamOffset + offset),
            record: text)
    }
}
