import Testing
import TarnTestSupport
@testable import TarnParquet

/// Vectors computed with the reference implementation (Python `xxhash` 3.x, `xxh64_intdigest`).
@Suite struct XXHash64Tests {
    static let vectors: [([UInt8], UInt64)] = [
        ([], 0xEF46_DB37_51D8_E999),
        (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
        (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
        (Array("parquet".utf8), 0x3C9D_2927_5C52_E429),
        (Array("12345678".utf8), 0xD2D0_2F08_CF7C_FD4A),
        (Array("123456789".utf8), 0x8CB8_41DB_40E6_AE83),
        (Array("Nobody inspects the spammish repetition".utf8), 0xFBCE_A83C_8A37_8BF1),
        (Array(0..<32), 0xCBF5_9C51_16FF_32B4),
        (Array(0..<33), 0x0C53_5D1A_CAFB_8EAD),
        (Array(0..<100), 0x6AC1_E580_3216_6597),
        (Array(repeating: Array(0...255), count: 4).flatMap { $0 } + Array("xyz".utf8), 0xE146_CB31_B65B_C21A),
    ]

    @Test func knownVectors() {
        for (input, expected) in Self.vectors {
            #expect(XXHash64.hash(input) == expected, "length \(input.count)")
        }
    }

    @Test func seeds() {
        #expect(XXHash64.hash(Array("abc".utf8), seed: 1) == 0xBEA9_CA81_9932_8908)
        #expect(XXHash64.hash(Array(0..<100), seed: 0x9E37_79B9_7F4A_7C15) == 0x3B97_D91E_BA03_E785)
    }

    @Test func fixedWidthFastPaths() {
        let int32s: [(Int32, UInt64)] = [
            (0, 0x3AEF_A6FD_5CF2_DEB4), (1, 0xF42F_9400_1FCB_5351), (-1, 0x7F78_E4BD_A3AD_DF93),
            (42, 0xD756_D7B6_2FC5_0BF1), (.max, 0x293B_B5F3_6EDF_E474), (.min, 0x822E_5121_1BF0_8373),
        ]
        for (value, expected) in int32s {
            #expect(SplitBlockBloomFilter.hash(value) == expected, "\(value)")
            #expect(withUnsafeBytes(of: value.littleEndian) { XXHash64.hash($0) } == expected, "\(value)")
        }
        let int64s: [(Int64, UInt64)] = [
            (0, 0x34C9_6ACD_CADB_1BBB), (1, 0x9F29_CB17_A2A4_9995), (-1, 0x85D1_36AD_B773_C6C9),
            (42, 0xB556_806F_B6D1_4353), (.max, 0xFF70_CC60_366E_770C), (.min, 0x3F42_5EAC_F015_44E0),
        ]
        for (value, expected) in int64s {
            #expect(SplitBlockBloomFilter.hash(value) == expected, "\(value)")
            #expect(withUnsafeBytes(of: value.littleEndian) { XXHash64.hash($0) } == expected, "\(value)")
        }
        #expect(SplitBlockBloomFilter.hash(Float(0)) == 0x3AEF_A6FD_5CF2_DEB4)
        #expect(SplitBlockBloomFilter.hash(Float(-0.0)) == 0x822E_5121_1BF0_8373)
        #expect(SplitBlockBloomFilter.hash(Float(1.5)) == 0x4F2D_8259_5C48_3A0D)
        #expect(SplitBlockBloomFilter.hash(Double(1.5)) == 0x49F7_B96B_6B5C_CAF9)
        #expect(SplitBlockBloomFilter.hash(Double(-0.0)) == 0x3F42_5EAC_F015_44E0)
    }

    /// Every length 0...80 through the general path agrees with a slice of a longer buffer
    /// (catches reads past the end that happen to see the same bytes).
    @Test func prefixesAreIndependentOfTrailingBytes() {
        var random = SeededGenerator(seed: 7)
        let data = random.bytes(96)
        for length in 0...80 {
            let copy = Array(data.prefix(length))
            let inPlace = data.withUnsafeBytes { XXHash64.hash(UnsafeRawBufferPointer(rebasing: $0.prefix(length))) }
            #expect(XXHash64.hash(copy) == inPlace, "length \(length)")
        }
    }
}
