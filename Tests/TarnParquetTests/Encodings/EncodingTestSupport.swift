import TarnTestSupport
@testable import TarnParquet

enum EncodingFixtures {
    /// Sizes at the edges of groups (8), miniblocks (32), words (64) and blocks (128).
    static let sizes = [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000]
    static let seed: UInt64 = 0x7A2_2026

    /// Runs `body` with a ByteWriter and returns its bytes.
    static func bytes(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
        var out = ByteWriter()
        body(&out)
        return out.bytes
    }

    /// Byte arrays as Arrow-style offsets + data.
    static func byteArrays(_ values: [[UInt8]], leadingBytes: Int = 0) -> DecodedByteArrays {
        var data = [UInt8](repeating: 0xEE, count: leadingBytes)
        var offsets: [Int32] = [Int32(leadingBytes)]
        for v in values {
            data += v
            offsets.append(Int32(data.count))
        }
        return DecodedByteArrays(offsets: offsets, data: data)
    }

    static func strings(_ values: [String]) -> DecodedByteArrays { byteArrays(values.map { Array($0.utf8) }) }

    /// Random byte strings that often share prefixes (to exercise DELTA_BYTE_ARRAY).
    static func randomByteArrays(count: Int, using rng: inout SeededGenerator) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for i in 0..<count {
            var v: [UInt8]
            if i > 0 && Bool.random(using: &rng) {
                let prev = out[i - 1]
                v = Array(prev.prefix(Int.random(in: 0...prev.count, using: &rng)))
            } else {
                v = []
            }
            let extra = Int.random(in: 0...(i % 10 == 0 ? 100 : 12), using: &rng)
            for _ in 0..<extra { v.append(UInt8.random(in: 0...255, using: &rng)) }
            out.append(v)
        }
        return out
    }

    /// The value list of decoded byte arrays, from offsets relative to their first.
    static func list(_ values: DecodedByteArrays) -> [[UInt8]] {
        (0..<values.count).map { Array(values.data[Int(values.offsets[$0]) ..< Int(values.offsets[$0 + 1])]) }
    }

    /// Bitmap words for booleans (value i at bit i).
    static func bitmap(_ bools: [Bool], bitOffset: Int = 0) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (bitOffset + bools.count + 63) / 64 + 1)
        for (i, b) in bools.enumerated() where b {
            let k = bitOffset + i
            words[k / 64] |= 1 << UInt64(k % 64)
        }
        return words
    }

    static func bools(_ words: [UInt64], count: Int) -> [Bool] {
        (0..<count).map { words[$0 / 64] >> UInt64($0 % 64) & 1 == 1 }
    }
}

/// Decodes with a fresh reader over `bytes`; returns the result and the bytes consumed.
func decodingForTest<R>(_ bytes: [UInt8], _ body: (inout ByteReader) throws(ParquetError) -> R) throws -> (R, Int) {
    try bytes.withUnsafeBytes { (raw) throws -> (R, Int) in
        var reader = ByteReader(raw)
        let result = try body(&reader)
        return (result, reader.position)
    }
}
