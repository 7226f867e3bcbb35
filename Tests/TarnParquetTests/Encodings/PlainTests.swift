import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("PLAIN")
struct PlainTests {
    typealias F = EncodingFixtures

    static let int32Extremes: [Int32] = [.min, .max, .min, .max, 0, -1, 1]
    static let int64Extremes: [Int64] = [.min, .max, .min, .max, 0, -1, 1]
    static let doubleExtremes: [Double] = [.nan, -0.0, 0.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                           Double(bitPattern: 0x7FF0_0000_0000_0001), Double(bitPattern: 0xFFF8_0000_0000_1234)]

    @Test("fixed-width values round-trip bit for bit, in little-endian layout")
    func fixedWidth() throws {
        var rng = SeededGenerator(seed: F.seed)
        for size in F.sizes {
            let i32 = Array(((0..<size).map { _ in Int32.random(in: .min ... .max, using: &rng) } + Self.int32Extremes).prefix(size))
            let i64 = Array(((0..<size).map { _ in Int64.random(in: .min ... .max, using: &rng) } + Self.int64Extremes).prefix(size))
            let f32 = (0..<size).map { _ in Float(bitPattern: UInt32.random(in: 0 ... .max, using: &rng)) }
            let f64 = Array((Self.doubleExtremes + (0..<size).map { _ in Double(bitPattern: UInt64.random(in: 0 ... .max, using: &rng)) }).prefix(size))

            let b32 = F.bytes { out in i32.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) } }
            #expect(b32.count == size * 4)
            if size > 0 { #expect(Array(b32.prefix(4)) == withUnsafeBytes(of: i32[0].littleEndian) { Array($0) }) }
            #expect(try decodingForTest(b32) { (r) throws(ParquetError) in try PlainEncoding.decodeInt32(&r, count: size) }.0 == i32, "seed \(F.seed)")

            let b64 = F.bytes { out in i64.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) } }
            #expect(try decodingForTest(b64) { (r) throws(ParquetError) in try PlainEncoding.decodeInt64(&r, count: size) }.0 == i64, "seed \(F.seed)")

            let bf = F.bytes { out in f32.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) } }
            let df = try decodingForTest(bf) { (r) throws(ParquetError) in try PlainEncoding.decodeFloat(&r, count: size) }.0
            #expect(df.map(\.bitPattern) == f32.map(\.bitPattern), "seed \(F.seed)")

            let bd = F.bytes { out in f64.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) } }
            let dd = try decodingForTest(bd) { (r) throws(ParquetError) in try PlainEncoding.decodeDouble(&r, count: size) }.0
            #expect(dd.map(\.bitPattern) == f64.map(\.bitPattern), "seed \(F.seed)")
        }
    }

    @Test("booleans pack LSB first from a bitmap at any bit offset")
    func booleans() throws {
        var rng = SeededGenerator(seed: F.seed ^ 5)
        for size in F.sizes {
            for bitOffset in [0, 1, 8, 63, 64, 100] {
                let bools = (0..<size).map { _ in Bool.random(using: &rng) }
                var words = F.bitmap(bools, bitOffset: bitOffset)
                // Bits outside the range must not leak into the output.
                words[0] |= bitOffset > 0 ? (1 << UInt64(bitOffset % 64)) - 1 : 0
                let bytes = F.bytes { out in words.withUnsafeBufferPointer { PlainEncoding.encodeBooleans(words: $0, bitOffset: bitOffset, count: size, into: &out) } }
                #expect(bytes.count == (size + 7) / 8)
                for (i, b) in bools.enumerated() { #expect((bytes[i / 8] >> UInt8(i % 8) & 1 == 1) == b) }
                if size % 8 != 0 { #expect(bytes.last! >> UInt8(size % 8) == 0) }
                let decoded = try decodingForTest(bytes) { (r) throws(ParquetError) in try PlainEncoding.decodeBooleans(&r, count: size) }.0
                #expect(F.bools(decoded, count: size) == bools, "size \(size) offset \(bitOffset) seed \(F.seed ^ 5)")
            }
        }
        let words: [UInt64] = [0b1011_0001]
        let bytes = F.bytes { out in words.withUnsafeBufferPointer { PlainEncoding.encodeBooleans(words: $0, count: 8, into: &out) } }
        #expect(bytes == [0b1011_0001])
    }

    @Test("byte arrays: 4-byte length then bytes; empty, long and non-ASCII values; offsets not from 0")
    func byteArrays() throws {
        var rng = SeededGenerator(seed: F.seed ^ 6)
        let special = [[], Array("é中🙂".utf8), [UInt8](repeating: 0x41, count: 100_000), [0], []] as [[UInt8]]
        for size in F.sizes {
            let list = Array((special + F.randomByteArrays(count: size, using: &rng)).prefix(size))
            let values = F.byteArrays(list, leadingBytes: 3)
            let bytes = F.bytes { out in values.withView { PlainEncoding.encode($0, into: &out) } }
            #expect(bytes.count == list.reduce(0) { $0 + 4 + $1.count })
            let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try PlainEncoding.decodeByteArrays(&r, count: size) }
            #expect(F.list(decoded) == list, "size \(size) seed \(F.seed ^ 6)")
            #expect(used == bytes.count)
        }
        let hello = F.strings(["ab", ""])
        #expect(F.bytes { out in hello.withView { PlainEncoding.encode($0, into: &out) } } == [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0])
    }

    @Test("fixed-length byte arrays and INT96")
    func fixedBytes() throws {
        var rng = SeededGenerator(seed: F.seed ^ 7)
        for size in F.sizes {
            for width in [1, 3, 12, 16] {
                let data = (0..<(size * width)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let bytes = F.bytes { out in data.withUnsafeBytes { PlainEncoding.encode(FixedBytesView(data: $0, width: width, count: size), into: &out) } }
                #expect(bytes == data)
                #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try PlainEncoding.decodeFixedBytes(&r, width: width, count: size) }.0 == data)
            }
        }
        let int96: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0x80, 0x8C, 0x3D, 0x25, 0x00]
        let decoded = try decodingForTest(int96) { (r) throws(ParquetError) in try PlainEncoding.decodeInt96(&r, count: 1) }.0
        #expect(decoded == [Int96(low: 0x8000_0000_0000_0001, high: 0x0025_3D8C)])
    }

    @Test("decoders reject short input and impossible counts")
    func rejects() {
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try PlainEncoding.decodeInt32(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try PlainEncoding.decodeInt64(&r, count: Int.max) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try PlainEncoding.decodeInt32(&r, count: -1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([]) { (r) throws(ParquetError) in try PlainEncoding.decodeBooleans(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([UInt8](repeating: 0, count: 11)) { (r) throws(ParquetError) in try PlainEncoding.decodeInt96(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([5, 0, 0, 0, 1, 2]) { (r) throws(ParquetError) in try PlainEncoding.decodeByteArrays(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([0xFF, 0xFF, 0xFF, 0xFF]) { (r) throws(ParquetError) in try PlainEncoding.decodeByteArrays(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([0, 0, 0, 0]) { (r) throws(ParquetError) in try PlainEncoding.decodeByteArrays(&r, count: 2) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try PlainEncoding.decodeFixedBytes(&r, width: 2, count: 2) } }
    }
}
