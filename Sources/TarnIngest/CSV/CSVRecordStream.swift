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
        // The first error in part order wins, as if the parts had run one after another.
        let outcomes = try parallelMap(ranges.count, threads: threads) { k in
            let range = ranges[k]
            let before = UnsafeRawBufferPointer(rebasing: window[0..<range.lowerBound])
            return try body(Part(index: k, bytes: UnsafeRawBufferPointer(rebasing: window[range]),
                                 isFinal: isFinal || k < ranges.count - 1,
                                 startLine: k == 0 ? firstLine : firstLine + Self.lineBreaks(before),
                                 startOffset: base + range.lowerBound))
        }
        var results: [R] = []
        var consumed = 0
        for (k, (used, nextLine, result)) in outcomes.enumerated() {
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
    /// too (the tokenizer's line numbers count them the same way): LFs + CRs - CRLF pairs,
    /// with 16-byte vector compares counted per lane (255 steps at most between sums).
    static func lineBreaks(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        let lf = SIMD16<UInt8>(repeating: 0x0A), cr = SIMD16<UInt8>(repeating: 0x0D), one = SIMD16<UInt8>(repeating: 1)
        var count = 0
        var i = 0
        // `i + 17 <= n`: the CRLF test reads the byte after each lane too.
        while i + 17 <= n {
            var lfs = SIMD16<UInt8>(), crs = SIMD16<UInt8>(), pairs = SIMD16<UInt8>()
            var steps = 0
            while steps < 255 && i + 17 <= n {
                let v = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let next = base.loadUnaligned(fromByteOffset: i + 1, as: SIMD16<UInt8>.self)
                let isCR = unsafeBitCast(v .== cr, to: SIMD16<UInt8>.self)
                lfs &+= unsafeBitCast(v .== lf, to: SIMD16<UInt8>.self) & one
                crs &+= isCR & one
                pairs &+= isCR & unsafeBitCast(next .== lf, to: SIMD16<UInt8>.self) & one
                i += 16
                steps += 1
            }
            for lane in 0..<16 { count += Int(lfs[lane]) + Int(crs[lane]) - Int(pairs[lane]) }
        }
        while i < n {
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte == 0x0A {
                count += 1
            } else if byte == 0x0D && !(i + 1 < n && base.load(fromByteOffset: i + 1, as: UInt8.self) == 0x0A) {
                count += 1
            }
            i += 1
        }
        return count
    }
}
