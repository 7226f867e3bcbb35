import TarnCore

/// JSON Lines on several threads: each window of whole lines is cut at line breaks into
/// one part per thread, each part read by its own `JSONTableReader` (placed at its line and
/// offset in the file, so errors and bad records name the file's own lines), and the
/// parts' batches come back in file order.
///
/// Only JSON Lines splits this way: a line break ends a record there, wherever it falls.
public final class JSONLinesParallelReader: TableReader {
    public let schema: Schema
    public let options: ReadOptions
    public private(set) var recordsRead = 0
    /// Keys outside the schema are skipped instead of asking for widening.
    public var ignoresUnknownKeys = false
    private var buffer: StreamBuffer
    private var line = 1
    private var queued: [ColumnBatch] = []

    public init(_ input: RawInput, schema: Schema, options: ReadOptions) throws {
        self.schema = schema
        var options = options
        if options.fileName == nil { options.fileName = input.path }
        self.options = options
        buffer = StreamBuffer(source: try input.open(), capacity: options.batchBytes * options.threads)
    }

    deinit { buffer.deallocate() }

    public func next() throws -> ColumnBatch? {
        while queued.isEmpty {
            try buffer.refill()
            let window = buffer.window
            if window.isEmpty { return nil }
            var end = window.count
            if !buffer.isAtEnd {
                // Whole lines only; a window without a line break grows on the next refill.
                guard let lastBreak = Self.lastLineBreak(window) else { continue }
                end = lastBreak + 1
            }
            let region = UnsafeRawBufferPointer(rebasing: window[0..<end])
            let ranges = Self.split(region, into: options.threads)
            let base = buffer.offset
            let firstLine = line
            // The first error in part order wins, as if the parts had run one after another.
            let parts = try parallelMap(ranges.count, threads: options.threads) { k in
                let range = ranges[k]
                let startLine = firstLine + Self.lineBreakCount(UnsafeRawBufferPointer(rebasing: region[0..<range.lowerBound]))
                return try self.readPart(UnsafeRawBufferPointer(rebasing: region[range]), line: startLine, offset: base + range.lowerBound)
            }
            for part in parts {
                queued += part.batches
                recordsRead += part.records
            }
            line += Self.lineBreakCount(region)
            buffer.consume(end)
        }
        return queued.removeFirst()
    }

    private func readPart(_ bytes: UnsafeRawBufferPointer, line: Int, offset: Int) throws -> (batches: [ColumnBatch], records: Int) {
        var partOptions = options
        partOptions.batchBytes = Int.max
        // `bytes` stay valid and unchanged until this call returns, and the reader is read to
        // its end here: it can borrow them.
        let reader = try JSONTableReader(source: BorrowedByteSource(bytes), schema: schema, options: partOptions,
                                         layout: .lines, bufferCapacity: bytes.count + 64, startLine: line, startOffset: offset)
        reader.ignoresUnknownKeys = ignoresUnknownKeys
        var batches: [ColumnBatch] = []
        while let batch = try reader.next() { batches.append(batch) }
        return (batches, reader.recordsRead)
    }

    /// Up to `parts` ranges of about equal size, each ending just after a line break
    /// (the last at the end); parts below 64 KiB are not worth a thread.
    static func split(_ bytes: UnsafeRawBufferPointer, into parts: Int) -> [Range<Int>] {
        let count = bytes.count
        guard parts > 1, count >= 128 << 10 else { return [0..<count] }
        var starts = [0]
        for k in 1..<parts {
            var i = max(count * k / parts, starts.last!)
            while i < count && bytes[i] != 0x0A { i += 1 }
            if i + 1 < count && i + 1 > starts.last! { starts.append(i + 1) }
        }
        return starts.indices.map { starts[$0] ..< ($0 + 1 < starts.count ? starts[$0 + 1] : count) }
    }

    static func lastLineBreak(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = bytes.count - 1
        while i >= 0 && bytes[i] != 0x0A { i -= 1 }
        return i >= 0 ? i : nil
    }

    /// LF bytes in `bytes` (JSON Lines counts lines by LF): 16-byte vector compares (the
    /// mask bit-cast to bytes, as `CSVSplitFinder` counts quotes), counted per lane for up
    /// to 255 steps before the lanes are summed.
    static func lineBreakCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        let lf = SIMD16<UInt8>(repeating: 0x0A), one = SIMD16<UInt8>(repeating: 1)
        var count = 0
        var i = 0
        while i + 16 <= n {
            var lanes = SIMD16<UInt8>()
            var steps = 0
            while steps < 255 && i + 16 <= n {
                let v = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                lanes &+= unsafeBitCast(v .== lf, to: SIMD16<UInt8>.self) & one
                i += 16
                steps += 1
            }
            for lane in 0..<16 { count += Int(lanes[lane]) }
        }
        while i < n { if base.load(fromByteOffset: i, as: UInt8.self) == 0x0A { count += 1 }; i += 1 }
        return count
    }
}
