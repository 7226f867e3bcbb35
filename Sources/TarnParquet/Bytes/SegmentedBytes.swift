/// Bytes appended in fixed-capacity segments that are never reallocated: where a column
/// chunk's pages collect until its row group is written.
///
/// One growing array doubled as the chunk grew, holding the old and the new buffer for a
/// moment: at the end of a row group that was a spike of up to twice the largest column
/// chunk in resident memory. A full segment is left as it is and the next one begins, so
/// memory grows by at most what is appended. Segments of 4 MB are mmapped by malloc, so the
/// unwritten rest of the last one costs no memory.
struct SegmentedBytes {
    private(set) var segments: [[UInt8]] = []
    private(set) var count = 0
    static let segmentBytes = 4 << 20

    init() {}

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while !rest.isEmpty {
            if segments.isEmpty || segments[segments.count - 1].count == segments[segments.count - 1].capacity {
                var segment: [UInt8] = []
                // The first segment of a chunk starts small (most chunks of small columns
                // never fill it); later ones take the full size.
                segment.reserveCapacity(segments.isEmpty ? Swift.max(rest.count, 64 << 10) : Self.segmentBytes)
                segments.append(segment)
            }
            let last = segments.count - 1
            let room = segments[last].capacity - segments[last].count
            let n = Swift.min(room, rest.count)
            segments[last].append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[0..<n]))
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
        count += bytes.count
    }
}
