import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("RLE / bit-packed hybrid")
struct RLEHybridTests {
    typealias F = EncodingFixtures

    @Test("bit packing 0…7 at width 3 gives the bytes of Encodings.md")
    func specBitPacking() {
        let values: [UInt32] = [0, 1, 2, 3, 4, 5, 6, 7]
        var out = [UInt8](repeating: 0, count: 3)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBytes { _ = BitPacking.pack(v.baseAddress!, count: 8, bitWidth: 3, to: $0.baseAddress!) }
        }
        #expect(out == [0b1000_1000, 0b1100_0110, 0b1111_1010])
        // As a hybrid run: one bit-packed group (header 1 << 1 | 1), then the same bytes.
        let encoded = F.bytes { out in values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 3, into: &out) } }
        #expect(encoded == [0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010])
    }

    @Test("a repeated value becomes one RLE run; a short tail a padded group")
    func runChoice() throws {
        let values = [UInt32](repeating: 5, count: 100)
        let encoded = F.bytes { out in values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 3, into: &out) } }
        #expect(encoded == [0xC8, 0x01, 0x05])  // varint(100 << 1), value in one byte
        let mixed: [UInt32] = [1, 2, 3] + [UInt32](repeating: 7, count: 8) + [1]
        let bytes = F.bytes { out in mixed.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 3, into: &out) } }
        // [1,2,3,7,7,7,7,7] packed, then 7 × 3 as RLE... the group check starts at 0, so the first
        // group is mixed, the second (7,7,7,7,7,1 + padding) too: all bit-packed, 2 groups.
        #expect(bytes[0] == 0x05)
        let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in
            var out: [UInt32] = []
            try RLEHybrid.decode(&r, bitWidth: 3, count: mixed.count, into: &out)
            return out
        }
        #expect(decoded == mixed)
        #expect(used == bytes.count)
        // Width 32 repeated value: four bytes.
        let wide = [UInt32](repeating: 0xDEAD_BEEF, count: 9)
        let w = F.bytes { out in wide.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: 32, into: &out) } }
        #expect(w == [18, 0xEF, 0xBE, 0xAD, 0xDE])
    }

    @Test("every bit width 0…32 round-trips at every edge size, random and run-heavy data")
    func roundTrips() throws {
        var rng = SeededGenerator(seed: F.seed)
        for width in 0...32 {
            let maxValue: UInt32 = width == 32 ? .max : (1 << UInt32(width)) - 1
            for size in F.sizes {
                for style in 0..<3 {
                    var values: [UInt32] = []
                    while values.count < size {
                        let v = UInt32.random(in: 0...maxValue, using: &rng)
                        let run = style == 0 ? 1 : Int.random(in: 1...(style == 1 ? 12 : 40), using: &rng)
                        values += repeatElement(v, count: Swift.min(run, size - values.count))
                    }
                    if style == 2 && size > 2 { values[size / 2] = maxValue }
                    let bytes = F.bytes { out in values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &out) } }
                    let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in
                        var out: [UInt32] = []
                        try RLEHybrid.decode(&r, bitWidth: width, count: size, into: &out)
                        return out
                    }
                    #expect(decoded == values, "width \(width) size \(size) style \(style) seed \(F.seed)")
                    #expect(used == bytes.count, "width \(width) size \(size) seed \(F.seed)")
                }
            }
        }
    }

    @Test("UInt16 levels for data pages v1 and v2")
    func levels() throws {
        var rng = SeededGenerator(seed: F.seed ^ 1)
        for size in F.sizes {
            for maxLevel in [0, 1, 2, 3, 7, 300] {
                let levels = (0..<size).map { _ in UInt16(Int.random(in: 0...maxLevel, using: &rng)) }
                let v1 = F.bytes { out in levels.withUnsafeBufferPointer { RLEHybrid.encodeLevelsV1($0, maxLevel: maxLevel, into: &out) } }
                let v2 = F.bytes { out in levels.withUnsafeBufferPointer { RLEHybrid.encodeLevelsV2($0, maxLevel: maxLevel, into: &out) } }
                if maxLevel == 0 {
                    #expect(v1.isEmpty && v2.isEmpty)
                } else {
                    #expect(Array(v1.dropFirst(4)) == v2)
                    #expect(v1.prefix(4) == [UInt8(v2.count & 0xFF), UInt8(v2.count >> 8 & 0xFF), UInt8(v2.count >> 16 & 0xFF), 0])
                }
                let (d1, used) = try decodingForTest(v1) { (r) throws(ParquetError) in try RLEHybrid.decodeLevelsV1(&r, maxLevel: maxLevel, count: size) }
                #expect(d1 == levels, "size \(size) max \(maxLevel) seed \(F.seed ^ 1)")
                #expect(used == v1.count)
                let d2 = try v2.withUnsafeBytes { (b) throws(ParquetError) in try RLEHybrid.decodeLevelsV2(b, maxLevel: maxLevel, count: size) }
                #expect(d2 == levels)
            }
        }
    }

    @Test("dictionary indices carry their bit width byte")
    func dictionaryIndices() throws {
        var rng = SeededGenerator(seed: F.seed ^ 2)
        for dictionaryCount in [1, 2, 3, 255, 256, 257, 70_000] {
            for size in F.sizes {
                let indices = (0..<size).map { _ in UInt32.random(in: 0..<UInt32(dictionaryCount), using: &rng) }
                let bytes = F.bytes { out in indices.withUnsafeBufferPointer { RLEHybrid.encodeDictionaryIndices($0, dictionaryCount: dictionaryCount, into: &out) } }
                #expect(Int(bytes[0]) == RLEHybrid.bitWidth(forMaxValue: dictionaryCount - 1))
                let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try RLEHybrid.decodeDictionaryIndices(&r, count: size) }
                #expect(decoded == indices, "dictionary \(dictionaryCount) size \(size) seed \(F.seed ^ 2)")
                #expect(used == bytes.count)
            }
        }
        #expect(RLEHybrid.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybrid.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybrid.bitWidth(forMaxValue: 7) == 3)
        #expect(RLEHybrid.bitWidth(forMaxValue: 8) == 4)
        #expect(RLEHybrid.bitWidth(forMaxValue: Int(UInt32.max)) == 32)
    }

    @Test("RLE booleans from a bitmap, at bit offsets, match the generic encoder's values")
    func booleans() throws {
        var rng = SeededGenerator(seed: F.seed ^ 3)
        for size in F.sizes + [1001, 4096] {
            for style in 0..<3 {
                for bitOffset in [0, 3, 64, 69] {
                    var bools: [Bool] = []
                    while bools.count < size {
                        let run = style == 0 ? 1 : Int.random(in: 1...(style == 1 ? 10 : 200), using: &rng)
                        bools += repeatElement(Bool.random(using: &rng), count: Swift.min(run, size - bools.count))
                    }
                    let words = F.bitmap(bools, bitOffset: bitOffset)
                    let bytes = F.bytes { out in words.withUnsafeBufferPointer { RLEHybrid.encodeBooleans(words: $0, bitOffset: bitOffset, count: size, into: &out) } }
                    let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try RLEHybrid.decodeBooleans(&r, count: size) }
                    #expect(F.bools(decoded, count: size) == bools, "size \(size) style \(style) offset \(bitOffset) seed \(F.seed ^ 3)")
                    #expect(used == bytes.count)
                    // The same values through the generic decoder at width 1.
                    let generic = try decodingForTest(Array(bytes.dropFirst(4))) { (r) throws(ParquetError) in
                        var out: [UInt8] = []
                        try RLEHybrid.decode(&r, bitWidth: 1, count: size, into: &out)
                        return out
                    }.0
                    #expect(generic == bools.map { $0 ? 1 : 0 })
                }
            }
        }
        // All true, 100 values: one RLE run of 100.
        let words = F.bitmap([Bool](repeating: true, count: 100))
        let bytes = F.bytes { out in words.withUnsafeBufferPointer { RLEHybrid.encodeBooleans(words: $0, count: 100, into: &out) } }
        #expect(bytes == [3, 0, 0, 0, 0xC8, 0x01, 0x01])
    }

    @Test("decoder rejects truncated data, bad headers and values wider than the bit width")
    func rejects() {
        func decode(_ bytes: [UInt8], width: Int, count: Int) throws {
            _ = try decodingForTest(bytes) { (r) throws(ParquetError) in
                var out: [UInt32] = []
                try RLEHybrid.decode(&r, bitWidth: width, count: count, into: &out)
            }
        }
        #expect(throws: ParquetError.self) { try decode([], width: 3, count: 1) }
        #expect(throws: ParquetError.self) { try decode([0x03, 0x88], width: 3, count: 8) }  // bit-packed group cut short
        #expect(throws: ParquetError.self) { try decode([0x10, 0x09], width: 3, count: 8) }  // RLE value 9 > 7
        #expect(throws: ParquetError.self) { try decode([0x10], width: 3, count: 8) }  // RLE value missing
        #expect(throws: ParquetError.self) { try decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], width: 3, count: 8) }
        #expect(throws: ParquetError.self) { try decode([0x10, 0x01], width: 33, count: 8) }
        #expect(throws: ParquetError.self) {
            _ = try decodingForTest([0x02, 0x00, 0x00, 0x00, 0x10]) { (r) throws(ParquetError) in try RLEHybrid.decodeLevelsV1(&r, maxLevel: 1, count: 8) }
        }
        #expect(throws: ParquetError.self) {
            _ = try decodingForTest([0x21]) { (r) throws(ParquetError) in try RLEHybrid.decodeDictionaryIndices(&r, count: 1) }
        }
    }
}
