import TarnCore

/// Copies the values at the set bits of a bitmap, in order, into dense buffers: the form
/// Parquet pages store (nulls live only in the definition levels).
///
/// The bitmap is given as words (bit `i` is bit `i % 64` of word `i / 64`) so callers can
/// pass a `Bitmap`'s words or a selection they built themselves. The words must cover no
/// more than the values (no set bit at or past the value count); that is checked once per
/// call and is what keeps the unsafe copies below in bounds.
///
/// Copies go run by run: consecutive present values are one `memcpy`, so a column with few
/// nulls costs about one copy of the buffer.
enum DenseGather {
    /// The values of `values` whose bit in `present` is set. `present.count` must equal
    /// the number of values. Nested storage (list, struct, map) has no dense form and traps.
    static func gather(_ values: ColumnValues, present: Bitmap) -> ColumnValues {
        precondition(present.count == (values.rowCount ?? 0), "bitmap has \(present.count) bits for \(values.rowCount ?? 0) values")
        return present.words.withUnsafeBufferPointer { words in
            gather(values, presentWords: words, presentCount: present.setCount)
        }
    }

    /// As `gather(_:present:)`, from raw words; `presentCount` is the number of set bits.
    static func gather(_ values: ColumnValues, presentWords words: UnsafeBufferPointer<UInt64>,
                       presentCount: Int) -> ColumnValues {
        switch values {
        case .int32(let v): return .int32(gather(v, presentWords: words, presentCount: presentCount))
        case .int64(let v): return .int64(gather(v, presentWords: words, presentCount: presentCount))
        case .int128(let v): return .int128(gather(v, presentWords: words, presentCount: presentCount))
        case .float32(let v): return .float32(gather(v, presentWords: words, presentCount: presentCount))
        case .float64(let v): return .float64(gather(v, presentWords: words, presentCount: presentCount))
        case .boolean(let bits): return .boolean(gather(bits: bits, presentWords: words, presentCount: presentCount))
        case .bytes(let offsets, let data):
            let dense = gather(offsets: offsets, data: data, presentWords: words, presentCount: presentCount)
            return .bytes(offsets: dense.offsets, data: dense.data)
        case .fixedBytes(let width, let data):
            return .fixedBytes(width: width, data: gather(width: width, data: data, presentWords: words, presentCount: presentCount))
        case .list, .structure, .map:
            preconditionFailure("nested storage has no dense leaf values")
        }
    }

    /// Fixed-width values (`int32`, `int64`, `int128`, `float32`, `float64`).
    static func gather<T: BitwiseCopyable>(_ values: [T], presentWords words: UnsafeBufferPointer<UInt64>,
                                           presentCount: Int) -> [T] {
        checkCoverage(words, valueCount: values.count)
        precondition(popCount(words) == presentCount, "presentCount does not match the set bits")
        if presentCount == 0 { return [] }
        return values.withUnsafeBufferPointer { source in
            [T](unsafeUninitializedCapacity: presentCount) { target, initialized in
                let from = source.baseAddress!, to = target.baseAddress!
                var written = 0
                // Words with every bit set extend a run copied in bulk; mixed words copy bit by
                // bit (one trailing-zero count per value), cheaper than a memcpy per short run.
                var runStart = 0, runEnd = 0
                for index in 0..<words.count {
                    var word = words[index]
                    let base = index &<< 6
                    if word == ~0 {
                        if runEnd != base {
                            runStart = base
                        }
                        runEnd = base &+ 64
                        continue
                    }
                    if runEnd > runStart {
                        (to + written).initialize(from: from + runStart, count: runEnd &- runStart)
                        written &+= runEnd &- runStart
                        runStart = runEnd
                    }
                    while word != 0 {
                        (to + written).initialize(to: from[base &+ word.trailingZeroBitCount])
                        written &+= 1
                        word &= word &- 1
                    }
                }
                if runEnd > runStart {
                    (to + written).initialize(from: from + runStart, count: runEnd &- runStart)
                    written &+= runEnd &- runStart
                }
                initialized = written
            }
        }
    }

    /// Number of set bits.
    @inline(__always)
    static func popCount(_ words: UnsafeBufferPointer<UInt64>) -> Int {
        var total = 0
        for word in words { total &+= word.nonzeroBitCount }
        return total
    }

    /// Boolean values stored as bits.
    static func gather(bits: Bitmap, presentWords words: UnsafeBufferPointer<UInt64>, presentCount: Int) -> Bitmap {
        checkCoverage(words, valueCount: bits.count)
        // Runs of present values are copied a word at a time.
        var dense = Bitmap()
        dense.reserveCapacity(presentCount)
        bits.words.withUnsafeBufferPointer { source in
            forEachRun(in: words) { start, count in dense.append(words: source, range: start..<(start + count)) }
        }
        return dense
    }

    /// Variable-width values: Arrow-style offsets into one byte buffer.
    static func gather(offsets: [Int32], data: [UInt8], presentWords words: UnsafeBufferPointer<UInt64>,
                       presentCount: Int) -> (offsets: [Int32], data: [UInt8]) {
        checkCoverage(words, valueCount: offsets.count - 1)
        return offsets.withUnsafeBufferPointer { offsets in
            // Pass 1: dense offsets and the byte total.
            var byteCount = 0
            let denseOffsets = [Int32](unsafeUninitializedCapacity: presentCount + 1) { target, initialized in
                target[0] = 0
                var written = 1
                var end: Int32 = 0
                forEachRun(in: words) { start, count in
                    precondition(written + count <= presentCount + 1, "presentCount is smaller than the set bits")
                    var previous = offsets[start]
                    for i in start + 1...start + count {
                        let next = offsets[i]
                        end += next - previous
                        previous = next
                        target[written] = end
                        written += 1
                    }
                }
                byteCount = Int(end)
                initialized = written
            }
            // Pass 2: one copy per run; the run's bytes are contiguous in the source.
            let denseData = data.withUnsafeBufferPointer { source in
                [UInt8](unsafeUninitializedCapacity: byteCount) { target, initialized in
                    var written = 0
                    forEachRun(in: words) { start, count in
                        let from = Int(offsets[start]), length = Int(offsets[start + count]) - from
                        if length > 0 {
                            (target.baseAddress! + written).initialize(from: source.baseAddress! + from, count: length)
                            written += length
                        }
                    }
                    initialized = written
                }
            }
            return (denseOffsets, denseData)
        }
    }

    /// Fixed-length byte values (`width` bytes each).
    static func gather(width: Int, data: [UInt8], presentWords words: UnsafeBufferPointer<UInt64>,
                       presentCount: Int) -> [UInt8] {
        precondition(width > 0, "fixed width must be positive")
        checkCoverage(words, valueCount: data.count / width)
        if presentCount == 0 { return [] }
        return data.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: presentCount * width) { target, initialized in
                var written = 0
                forEachRun(in: words) { start, count in
                    precondition(written + count * width <= presentCount * width, "presentCount is smaller than the set bits")
                    (target.baseAddress! + written).initialize(from: source.baseAddress! + start * width, count: count * width)
                    written += count * width
                }
                initialized = written
            }
        }
    }


    /// Traps unless every set bit of `words` is below `valueCount`.
    @inline(__always)
    static func checkCoverage(_ words: UnsafeBufferPointer<UInt64>, valueCount: Int) {
        let wordCount = (valueCount + 63) >> 6
        precondition(words.count <= wordCount, "bitmap has \(words.count) words for \(valueCount) values")
        if words.count == wordCount, valueCount & 63 != 0, let last = words.last {
            precondition(last >> UInt64(valueCount & 63) == 0, "bitmap has bits set past \(valueCount) values")
        }
    }

    /// Calls `body(start, count)` for each maximal run of set bits, in order; runs that
    /// continue across a word boundary are reported once.
    @inline(__always)
    static func forEachRun(in words: UnsafeBufferPointer<UInt64>, _ body: (_ start: Int, _ count: Int) -> Void) {
        var runStart = 0, runEnd = 0
        for index in 0..<words.count {
            var word = words[index]
            if word == 0 { continue }
            let base = index &<< 6
            if word == ~0 {
                if runEnd != base {
                    if runEnd > runStart { body(runStart, runEnd - runStart) }
                    runStart = base
                }
                runEnd = base + 64
                continue
            }
            // `word` is neither 0 nor all ones here, so every shift below is by less than 64.
            var bit = 0
            while word != 0 {
                let zeros = word.trailingZeroBitCount
                word &>>= UInt64(zeros)
                bit += zeros
                let ones = (~word).trailingZeroBitCount
                let start = base + bit
                if start != runEnd {
                    if runEnd > runStart { body(runStart, runEnd - runStart) }
                    runStart = start
                }
                runEnd = start + ones
                bit += ones
                word &>>= UInt64(ones)
            }
        }
        if runEnd > runStart { body(runStart, runEnd - runStart) }
    }
}
