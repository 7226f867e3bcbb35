import Testing
import TarnTestSupport
@testable import TarnParquet

/// Random mutations of valid encodings: every decoder must return or throw, never trap or read
/// out of bounds (run under `--sanitize=address` to check the latter).
@Suite("Decoder fuzzing")
struct DecoderFuzzTests {
    typealias F = EncodingFixtures
    static let iterations = 3000

    /// Flips, overwrites, truncates, duplicates or inserts bytes.
    static func mutate(_ input: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var b = input
        for _ in 0...Int.random(in: 0...3, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &rng)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 2: b = Array(b.prefix(Int.random(in: 0...b.count, using: &rng)))
            case 3: b.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...b.count, using: &rng))
            case 4 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &rng)] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &rng)]
            default: b += (0..<Int.random(in: 0...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            }
        }
        return b
    }

    /// Runs `decode` on `iterations` mutations of each seed input, plus pure garbage.
    static func fuzz(_ name: String, seeds: [[UInt8]], seed: UInt64, _ decode: (inout ByteReader) throws(ParquetError) -> Void) {
        var rng = SeededGenerator(seed: seed)
        var failures = 0
        for i in 0..<iterations {
            let input: [UInt8]
            if i % 10 == 9 {
                input = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                input = mutate(seeds[i % seeds.count], using: &rng)
            }
            input.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                do throws(ParquetError) {
                    try decode(&reader)
                    if reader.position > raw.count { failures += 1 }
                } catch {
                    if error.kind != .malformed { failures += 1 }
                }
            }
        }
        #expect(failures == 0, "\(name): \(failures) decodes misbehaved, seed \(seed)")
    }

    static let count = 300

    @Test("RLE / bit-packed hybrid, levels, dictionary indices, RLE booleans")
    func hybrid() {
        var rng = SeededGenerator(seed: 1)
        let values = (0..<Self.count).map { i in UInt32(i % 40 < 20 ? 3 : Int.random(in: 0...7, using: &rng)) }
        let seeds = [
            F.bytes { out in values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 3, into: &out) } },
            F.bytes { out in values.map { UInt16($0) }.withUnsafeBufferPointer { RLEHybrid.encodeLevelsV1($0, maxLevel: 7, into: &out) } },
        ]
        Self.fuzz("hybrid", seeds: seeds, seed: 101) { (r) throws(ParquetError) in
            var out: [UInt32] = []
            try RLEHybrid.decode(&r, bitWidth: 3, count: Self.count, into: &out)
        }
        Self.fuzz("levels v1", seeds: seeds, seed: 102) { (r) throws(ParquetError) in _ = try RLEHybrid.decodeLevelsV1(&r, maxLevel: 5, count: Self.count) }
        Self.fuzz("dictionary indices", seeds: seeds.map { [3] + $0 }, seed: 103) { (r) throws(ParquetError) in _ = try RLEHybrid.decodeDictionaryIndices(&r, count: Self.count) }
        let words = F.bitmap((0..<Self.count).map { $0 % 50 < 30 || $0 % 7 == 0 })
        let booleans = F.bytes { out in words.withUnsafeBufferPointer { RLEHybrid.encodeBooleans(words: $0, count: Self.count, into: &out) } }
        Self.fuzz("RLE booleans", seeds: [booleans], seed: 104) { (r) throws(ParquetError) in _ = try RLEHybrid.decodeBooleans(&r, count: Self.count) }
    }

    @Test("PLAIN")
    func plain() {
        let strings = F.strings((0..<50).map { "value \($0) é" })
        let seed = F.bytes { out in strings.withView { PlainEncoding.encode($0, into: &out) } }
        Self.fuzz("PLAIN BYTE_ARRAY", seeds: [seed], seed: 201) { (r) throws(ParquetError) in _ = try PlainEncoding.decodeByteArrays(&r, count: 50) }
        Self.fuzz("PLAIN INT96", seeds: [seed], seed: 202) { (r) throws(ParquetError) in _ = try PlainEncoding.decodeInt96(&r, count: 20) }
        Self.fuzz("PLAIN BOOLEAN", seeds: [seed], seed: 203) { (r) throws(ParquetError) in _ = try PlainEncoding.decodeBooleans(&r, count: 400) }
    }

    @Test("DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY")
    func delta() {
        var rng = SeededGenerator(seed: 3)
        let i64 = (0..<Self.count).map { _ in Int64.random(in: -1000...100_000, using: &rng) }
        let i32 = (0..<Self.count).map { i in Int32(i * 7 - 3) }
        let seeds = [
            F.bytes { out in i64.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } },
            F.bytes { out in i32.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } },
        ]
        Self.fuzz("DELTA_BINARY_PACKED Int64", seeds: seeds, seed: 301) { (r) throws(ParquetError) in _ = try DeltaBinaryPacked.decodeInt64(&r, maxCount: 2 * Self.count) }
        Self.fuzz("DELTA_BINARY_PACKED Int32", seeds: seeds, seed: 302) { (r) throws(ParquetError) in _ = try DeltaBinaryPacked.decodeInt32(&r, maxCount: 2 * Self.count) }
        let strings = F.byteArrays(F.randomByteArrays(count: 100, using: &rng))
        let dlba = F.bytes { out in strings.withView { DeltaLengthByteArray.encode($0, into: &out) } }
        let dba = F.bytes { out in strings.withView { DeltaByteArray.encode($0, into: &out) } }
        Self.fuzz("DELTA_LENGTH_BYTE_ARRAY", seeds: [dlba], seed: 303) { (r) throws(ParquetError) in _ = try DeltaLengthByteArray.decode(&r, maxCount: 200) }
        Self.fuzz("DELTA_BYTE_ARRAY", seeds: [dba], seed: 304) { (r) throws(ParquetError) in _ = try DeltaByteArray.decode(&r, maxCount: 200) }
        Self.fuzz("DELTA_BYTE_ARRAY fixed", seeds: [dba], seed: 305) { (r) throws(ParquetError) in _ = try DeltaByteArray.decodeFixedBytes(&r, width: 4, maxCount: 200) }
    }

    @Test("BYTE_STREAM_SPLIT")
    func byteStreamSplit() {
        let values = (0..<100).map { Double($0) * 1.5 }
        let seed = F.bytes { out in values.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) } }
        Self.fuzz("BYTE_STREAM_SPLIT", seeds: [seed], seed: 401) { (r) throws(ParquetError) in _ = try ByteStreamSplit.decodeDouble(&r, count: 100) }
        Self.fuzz("BYTE_STREAM_SPLIT fixed", seeds: [seed], seed: 402) { (r) throws(ParquetError) in _ = try ByteStreamSplit.decode(&r, width: 3, count: 200) }
    }
}
