import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("BYTE_STREAM_SPLIT")
struct ByteStreamSplitTests {
    typealias F = EncodingFixtures

    @Test("the Encodings.md example: AA BB CC DD 00 11 22 33 A3 B4 C5 D6")
    func specExample() throws {
        let raw: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6]
        let floats = raw.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let bytes = F.bytes { out in floats.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
        #expect(bytes == [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6])
        let back = try decodingForTest(bytes) { (r) throws(ParquetError) in try ByteStreamSplit.decodeFloat(&r, count: 3) }.0
        #expect(back.map(\.bitPattern) == floats.map(\.bitPattern))
        let fixed = F.bytes { out in raw.withUnsafeBytes { ByteStreamSplit.encode(FixedBytesView(data: $0, width: 4, count: 3), into: &out) } }
        #expect(fixed == bytes)
    }

    @Test("every type round-trips at edge sizes, with NaN, -0.0, infinities and integer extremes")
    func roundTrips() throws {
        var rng = SeededGenerator(seed: F.seed ^ 21)
        for size in F.sizes {
            let f32 = Array(([Float.nan, -0.0, .infinity, -.infinity, Float(bitPattern: 0x7FC0_1234)] + (0..<size).map { _ in Float(bitPattern: UInt32.random(in: 0 ... .max, using: &rng)) }).prefix(size))
            let f64 = Array(([Double.nan, -0.0, .infinity, -.infinity] + (0..<size).map { _ in Double(bitPattern: UInt64.random(in: 0 ... .max, using: &rng)) }).prefix(size))
            let i32 = Array(([Int32.min, .max, .min, .max] + (0..<size).map { _ in Int32.random(in: .min ... .max, using: &rng) }).prefix(size))
            let i64 = Array(([Int64.min, .max, .min, .max] + (0..<size).map { _ in Int64.random(in: .min ... .max, using: &rng) }).prefix(size))

            let bf = F.bytes { out in f32.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
            #expect(try decodingForTest(bf) { (r) throws(ParquetError) in try ByteStreamSplit.decodeFloat(&r, count: size) }.0.map(\.bitPattern) == f32.map(\.bitPattern), "seed \(F.seed ^ 21)")
            let bd = F.bytes { out in f64.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
            #expect(try decodingForTest(bd) { (r) throws(ParquetError) in try ByteStreamSplit.decodeDouble(&r, count: size) }.0.map(\.bitPattern) == f64.map(\.bitPattern), "seed \(F.seed ^ 21)")
            let b32 = F.bytes { out in i32.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
            #expect(try decodingForTest(b32) { (r) throws(ParquetError) in try ByteStreamSplit.decodeInt32(&r, count: size) }.0 == i32)
            let b64 = F.bytes { out in i64.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
            #expect(try decodingForTest(b64) { (r) throws(ParquetError) in try ByteStreamSplit.decodeInt64(&r, count: size) }.0 == i64)
            // Stream k holds byte k of every value.
            if size > 1 { #expect(b64[size] == UInt8(truncatingIfNeeded: UInt64(bitPattern: i64[0]) >> 8)) }

            for width in [1, 2, 3, 5, 16] {
                let data = (0..<(size * width)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let bytes = F.bytes { out in data.withUnsafeBytes { ByteStreamSplit.encode(FixedBytesView(data: $0, width: width, count: size), into: &out) } }
                #expect(bytes.count == data.count)
                #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try ByteStreamSplit.decode(&r, width: width, count: size) }.0 == data, "width \(width) size \(size)")
            }
        }
    }

    @Test("decoder rejects short input and bad widths")
    func rejects() {
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try ByteStreamSplit.decodeFloat(&r, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try ByteStreamSplit.decode(&r, width: 0, count: 1) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest([1, 2, 3]) { (r) throws(ParquetError) in try ByteStreamSplit.decode(&r, width: 8, count: Int.max) } }
    }
}
