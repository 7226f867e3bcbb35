import Dispatch
import TarnCore

/// Walks a CSV byte stream window by window (a window is what `StreamBuffer` holds, a few
/// MB), cutting each window into parts at record boundaries so that the parts can be
/// tokenized and converted on separate threads; results come back in input order.
///
/// Every part starts at a record start, so each gets a fresh tokenizer: nothing carries
/// over between parts but the line number, which a part computes from the line breaks of
/// the parts before it in its window (a fast byte count), so no thread waits for another.
struct CSVRecordStream {
    /// One piece of work: tokenize `bytes` (which start at a record start) from `startLine`.
    struct Part {
        /// The part's place in its window (0 ..< threads): a slot for per-thread state.
        var index: Int
        var bytes: UnsafeRawBufferPointer
        /// The window ends the input: the part's last record ends at its end.
        var isFinal: Bool
        var startLine: Int
        var startOffset: Int
    }

    private var buffer: StreamBuffer
    private let dialect: CSVDialect
    private let threads: Int
    private var line: Int

    /// - Parameters: `start`, `startLine`: where the data records begin (after the header),
    ///   as a stream offset and a 1-based line number.
    init(source: any ByteSource, dialect: CSVDialect, start: Int, startLine: Int, threads: Int, windowBytes: Int) throws(IngestError) {
        buffer = StreamBuffer(source: source, capacity: windowBytes)
        self.dialect = dialect
        self.threads = threads
        line = startLine
        var skipped = 0
        while skipped < start {
            try buffer.refill()
            let n = min(start - skipped, buffer.window.count)
            if n == 0 { throw IngestError(.io, "the input ended before its data") }
            buffer.consume(n)
            skipped += n
        }
    }

    mutating func close() { buffer.deallocate() }

    /// Whether every byte of the input has been consumed.
    var isAtEnd: Bool { buffer.isAtEnd && buffer.window.isEmpty }

    /// Runs `body` on the parts of the next window (in parallel when there are several) and
    /// returns their results in order; nil at the end of the input. `body` returns the
    /// bytes it consumed (whole records) and the line its next record starts on; a part that
    /// consumed less than it was given ends the window (the rest is read again with more).
    mutating func nextWindow<R>(_ body: (Part) throws -> (consumed: Int, nextLine: Int, result: R)) throws -> [R]? {
        try buffer.refill()
        let window = buffer.window
        if window.isEmpty { return nil }
        let isFinal = buffer.isAtEnd
        let ranges = threads > 1 && window.count >= 64 << 10
            ? CSVSplitFinder.split(window, into: threads, dialect: dialect)
            : [0..<window.count]
        let base = buffer.offset
        let firstLine = line
        func work(_ k: Int) -> Result<(consumed: Int, nextLine: Int, result: R), any Error> {
            let range = ranges[k]
            let before = UnsafeRawBufferPointer(rebasing: window[0..<range.lowerBound])
            let part = Part(index: k, bytes: UnsafeRawBufferPointer(rebasing: window[range]),
                            isFinal: isFinal || k < ranges.count - 1,
                            startLine: k == 0 ? firstLine : firstLine + Self.lineBreaks(before),
                            startOffset: base + range.lowerBound)
            return Result { try body(part) }
        }
        var outcomes: [Result<(consumed: Int, nextLine: Int, result: R), any Error>]
        if ranges.count == 1 {
            outcomes = [work(0)]
        } else {
            var slots = [Result<(consumed: Int, nextLine: Int, result: R), any Error>?](repeating: nil, count: ranges.count)
            slots.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: ranges.count) { k in slots[k] = work(k) }
            }
            outcomes = slots.map { $0! }
        }
        var results: [R] = []
        var consumed = 0
        for (k, outcome) in outcomes.enumerated() {
            let (used, nextLine, result) = try outcome.get()
            results.append(result)
            consumed += used
            line = nextLine
            if used < ranges[k].count {
                // Only the last part may stop short (its last record continues in the next
                // window); the split parts before it were tokenized as final.
                precondition(k == ranges.count - 1, "a middle part stopped short")
                break
            }
        }
        // When not one whole record fitted (consumed == 0), the next refill grows the buffer.
        buffer.consume(consumed)
        return results
    }

    /// Physical line breaks in `bytes`: LF, CRLF and a lone CR count one each, inside quotes
    /// too (the tokenizer's line numbers count them the same way).
    static func lineBreaks(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var count = 0
        var sawCR = false
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i + 8 <= n {
            let word = (base + i).loadUnaligned(as: UInt64.self)
            let hasCR = zeroBytes(word ^ (ones &* 0x0D))
            if hasCR == 0 && !sawCR {
                count += zeroBytes(word ^ (ones &* 0x0A)).nonzeroBitCount
                i += 8
                continue
            }
            for j in i..<(i + 8) { count += Self.step(base.load(fromByteOffset: j, as: UInt8.self), &sawCR) }
            i += 8
        }
        while i < n { count += Self.step(base.load(fromByteOffset: i, as: UInt8.self), &sawCR); i += 1 }
        return count + (sawCR ? 1 : 0)
    }

    /// The high bit of every zero byte of `x`, exactly (no borrow between bytes).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    @inline(__always)
    private static func step(_ byte: UInt8, _ sawCR: inout Bool) -> Int {
        if byte == 0x0A { defer { sawCR = false }; return 1 }     // LF, or the LF of a CRLF
        let counted = sawCR ? 1 : 0                               // a lone CR before this byte
        sawCR = byte == 0x0D
        return counted
    }
}
