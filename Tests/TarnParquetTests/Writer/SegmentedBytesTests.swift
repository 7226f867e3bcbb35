import Testing
import TarnTestSupport
@testable import TarnParquet

/// Column chunk pages collect in segments that never reallocate: the bytes come out in
/// order, whatever sizes are appended across segment boundaries.
@Suite struct SegmentedBytesTests {
    @Test func appendsAcrossSegmentsKeepEveryByte() {
        var random = SeededGenerator(seed: 11)
        var segmented = SegmentedBytes()
        var expected: [UInt8] = []
        let segment = SegmentedBytes.segmentBytes
        for size in [0, 1, 100, 64 << 10, (64 << 10) + 1, segment - 1, 2, segment, 3 * segment + 7, 5] {
            let bytes = random.bytes(size)
            segmented.append(bytes)
            expected += bytes
            #expect(segmented.count == expected.count)
        }
        #expect(segmented.segments.flatMap { $0 } == expected)
        // No segment grew past the room it was created with (a reallocation would copy).
        #expect(segmented.segments.dropFirst().allSatisfy { $0.count <= segment || $0.count == $0.capacity })
        #expect(segmented.segments.count > 4)
    }
}
