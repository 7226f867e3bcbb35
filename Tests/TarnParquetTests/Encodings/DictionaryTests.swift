import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("Dictionary builders")
struct DictionaryTests {
    typealias F = EncodingFixtures

    @Test("64-bit: ids in first-seen order, bit patterns distinct (-0.0, 0.0, NaN payloads), PLAIN page body")
    func sixtyFourBit() throws {
        var dict = DictionaryBuilder64()
        var indices: [UInt32] = []
        let doubles: [Double] = [1.5, -0.0, 0.0, .nan, Double(bitPattern: 0x7FF8_0000_0000_0001), 1.5, .nan, -0.0, .infinity, -.infinity]
        doubles.withUnsafeBufferPointer { dict.insert($0, into: &indices) }
        #expect(indices == [0, 1, 2, 3, 4, 0, 3, 1, 5, 6])
        #expect(dict.count == 7)
        #expect(dict.plainEncodedSizeBytes == 56)
        let page = F.bytes { dict.encodePlain(into: &$0) }
        #expect(page.count == 56)
        let entries = try decodingForTest(page) { (r) throws(ParquetError) in try PlainEncoding.decodeDouble(&r, count: 7) }.0
        #expect(entries.map(\.bitPattern) == [1.5, -0.0, 0.0, .nan, Double(bitPattern: 0x7FF8_0000_0000_0001), .infinity, -.infinity].map(\.bitPattern))

        var ints = DictionaryBuilder64()
        var ids: [UInt32] = []
        let extremes: [Int64] = [.min, .max, .min, 0, .max]
        extremes.withUnsafeBufferPointer { ints.insert($0, into: &ids) }
        #expect(ids == [0, 1, 0, 2, 1])
    }

    @Test("fixed-width builders map values back exactly across growth, at edge sizes, and reset")
    func randomFixed() throws {
        var rng = SeededGenerator(seed: F.seed ^ 31)
        var d32 = DictionaryBuilder32()
        var d64 = DictionaryBuilder64()
        for size in F.sizes + [5000, 20_000] {
            for distinct in [1, 7, 300, 100_000] {
                d32.reset()
                d64.reset()
                let v32 = (0..<size).map { _ in Int32(truncatingIfNeeded: Int.random(in: 0..<distinct, using: &rng) &* 2_654_435_761) }
                let f64 = (0..<size).map { _ in Double(Int.random(in: 0..<distinct, using: &rng)) }
                var i32: [UInt32] = [99]  // indices are appended after what is there
                var i64: [UInt32] = []
                v32.withUnsafeBufferPointer { d32.insert($0, into: &i32) }
                f64.withUnsafeBufferPointer { d64.insert($0, into: &i64) }
                #expect(i32.count == size + 1 && i32[0] == 99)
                let e32 = try decodingForTest(F.bytes { d32.encodePlain(into: &$0) }) { (r) throws(ParquetError) in try PlainEncoding.decodeInt32(&r, count: d32.count) }.0
                let e64 = try decodingForTest(F.bytes { d64.encodePlain(into: &$0) }) { (r) throws(ParquetError) in try PlainEncoding.decodeDouble(&r, count: d64.count) }.0
                #expect(i32.dropFirst().map { e32[Int($0)] } == v32, "size \(size) distinct \(distinct) seed \(F.seed ^ 31)")
                #expect(i64.map { e64[Int($0)] } == f64, "size \(size) distinct \(distinct) seed \(F.seed ^ 31)")
                #expect(Set(v32).count == d32.count && Set(f64).count == d64.count)
                #expect(d32.plainEncodedSizeBytes == 4 * d32.count)
            }
        }
    }

    @Test("Int32 and Float share the 32-bit builder by bit pattern")
    func thirtyTwoBit() {
        var d = DictionaryBuilder32()
        var ids: [UInt32] = []
        [Float(-0.0), 0.0, .nan, -0.0].withUnsafeBufferPointer { d.insert($0, into: &ids) }
        // Int32.min has the bit pattern of -0.0, so it finds that entry: a builder holds one type.
        [Int32.min, .max, 7, .max].withUnsafeBufferPointer { d.insert($0, into: &ids) }
        #expect(ids == [0, 1, 2, 0, 0, 3, 4, 3])
        #expect(d.count == 5)
    }

    @Test("byte arrays: empty, long, non-ASCII, many distinct; PLAIN body and size tracked")
    func byteArrays() throws {
        var rng = SeededGenerator(seed: F.seed ^ 32)
        var dict = ByteArrayDictionaryBuilder()
        for size in F.sizes + [20_000] {
            for distinct in [1, 5, 1000, 50_000] {
                dict.reset()
                let pool = [[], Array("é中🙂".utf8), [UInt8](repeating: 0x41, count: 5000), [0], [0, 0]] + F.randomByteArrays(count: Swift.min(distinct, 3000), using: &rng).map { $0 + Array(String($0.count).utf8) }
                let list = (0..<size).map { _ in pool[Int.random(in: 0..<Swift.min(distinct, pool.count), using: &rng)] }
                let values = F.byteArrays(list, leadingBytes: 1)
                var indices: [UInt32] = []
                // Two pages into one dictionary.
                let half = size / 2
                values.offsets.withUnsafeBufferPointer { o in
                    values.data.withUnsafeBytes { d in
                        dict.insert(ByteArrayView(offsets: UnsafeBufferPointer(rebasing: o[0...half]), data: d), into: &indices)
                        dict.insert(ByteArrayView(offsets: UnsafeBufferPointer(rebasing: o[half...size]), data: d), into: &indices)
                    }
                }
                let page = F.bytes { dict.encodePlain(into: &$0) }
                #expect(page.count == dict.plainEncodedSizeBytes)
                let entries = F.list(try decodingForTest(page) { (r) throws(ParquetError) in try PlainEncoding.decodeByteArrays(&r, count: dict.count) }.0)
                #expect(indices.map { entries[Int($0)] } == list, "size \(size) distinct \(distinct) seed \(F.seed ^ 32)")
                #expect(Set(list).count == dict.count)
                #expect(dict.plainEncodedSizeBytes == entries.reduce(0) { $0 + 4 + $1.count })
            }
        }
    }

    @Test("fixed-length byte arrays")
    func fixedBytes() throws {
        var empty = FixedBytesDictionaryBuilder(width: 0)
        var ids: [UInt32] = []
        [UInt8]().withUnsafeBytes { empty.insert(FixedBytesView(data: $0, width: 0, count: 3), into: &ids) }
        #expect(ids == [0, 0, 0] && empty.count == 1 && empty.plainEncodedSizeBytes == 0)

        var rng = SeededGenerator(seed: F.seed ^ 33)
        for width in [1, 3, 8, 16] {
            var dict = FixedBytesDictionaryBuilder(width: width)
            for size in F.sizes {
                dict.reset()
                let pool = (0..<50).map { _ in (0..<width).map { _ in UInt8.random(in: 0...3, using: &rng) } }
                let data = (0..<size).flatMap { _ in pool[Int.random(in: 0..<pool.count, using: &rng)] }
                var indices: [UInt32] = []
                data.withUnsafeBytes { dict.insert(FixedBytesView(data: $0, width: width, count: size), into: &indices) }
                let page = F.bytes { dict.encodePlain(into: &$0) }
                #expect(page.count == dict.plainEncodedSizeBytes && page.count == dict.count * width)
                #expect(indices.flatMap { page[Int($0) * width ..< (Int($0) + 1) * width] } == data, "width \(width) size \(size) seed \(F.seed ^ 33)")
            }
        }
    }
}
