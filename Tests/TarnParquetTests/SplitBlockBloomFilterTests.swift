import Testing
@testable import TarnParquet

@Suite struct SplitBlockBloomFilterTests {
    @Test func sizing() {
        typealias Filter = SplitBlockBloomFilter
        // 1000 values at 1%: 9,683 bits = 1,211 bytes, rounded up to 2,048 (pyarrow agrees).
        #expect(Filter.optimalNumberOfBytes(distinctValues: 1000, falsePositiveProbability: 0.01) == 2048)
        #expect(Filter.optimalNumberOfBytes(distinctValues: 0, falsePositiveProbability: 0.01) == 32)
        #expect(Filter.optimalNumberOfBytes(distinctValues: 1, falsePositiveProbability: 0.01) == 32)
        // pyarrow's default, 1,048,576 values at 5%: 1 MiB.
        #expect(Filter.optimalNumberOfBytes(distinctValues: 1 << 20, falsePositiveProbability: 0.05) == 1 << 20)
        #expect(Filter.optimalNumberOfBytes(distinctValues: 1_000_000, falsePositiveProbability: 0.01) == 2 << 20)
        #expect(Filter.optimalNumberOfBytes(distinctValues: Int.max, falsePositiveProbability: 0.01) == 128 << 20)
        #expect(Filter.optimalNumberOfBytes(distinctValues: 1 << 40, falsePositiveProbability: 1e-9) == 128 << 20)
        for ndv in [1, 10, 100, 12_345, 1 << 20] {
            let bytes = Filter.optimalNumberOfBytes(distinctValues: ndv, falsePositiveProbability: 0.01)
            #expect(bytes & (bytes - 1) == 0 && bytes >= 32)
        }
    }

    @Test func maskSetsOneBitPerWord() {
        var filter = SplitBlockBloomFilter(numberOfBytes: 32)
        filter.insert(hash: 0x0123_4567_89AB_CDEF)
        #expect(filter.setBitCount == 8)
        for word in filter.words { #expect(word.nonzeroBitCount == 1) }
        // The spec's mask: bit (key * SALT[i]) >> 27 of word i, key = low 32 bits.
        let key: UInt32 = 0x89AB_CDEF
        let salts: [UInt32] = [0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31]
        #expect(filter.words == salts.map { UInt32(1) << ((key &* $0) >> 27) })
        // Little-endian bytes.
        let bytes = filter.bitsetBytes
        #expect(bytes.count == 32)
        #expect(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24 == filter.words[0])
    }

    @Test func blockIndexUsesHighBits() {
        var filter = SplitBlockBloomFilter(numberOfBytes: 32 * 4)  // 4 blocks
        // high 32 bits 0xC000_0000 -> (0xC0000000 * 4) >> 32 = 3
        filter.insert(hash: 0xC000_0000_0000_0001)
        #expect(filter.words[0..<24].allSatisfy { $0 == 0 })
        #expect(filter.words[24..<32].allSatisfy { $0 != 0 })
        #expect(filter.blockIndex(0x3FFF_FFFF_FFFF_FFFF) == 0)
        #expect(filter.blockIndex(0x4000_0000_0000_0000) == 1)
        #expect(filter.blockIndex(0xFFFF_FFFF_0000_0000) == 3)
    }

    @Test func noFalseNegativesAndMeasuredFalsePositiveRate() {
        let count = 50_000
        for p in [0.01, 0.05] {
            var filter = SplitBlockBloomFilter(distinctValues: count, falsePositiveProbability: p)
            for i in 0..<count { filter.insert(hash: SplitBlockBloomFilter.hash(Int64(i))) }
            for i in 0..<count { #expect(filter.mightContain(hash: SplitBlockBloomFilter.hash(Int64(i)))) }
            var positives = 0
            let probes = 200_000
            for i in count..<(count + probes) where filter.mightContain(hash: SplitBlockBloomFilter.hash(Int64(i))) {
                positives += 1
            }
            let rate = Double(positives) / Double(probes)
            // Rounding the size up to a power of two only lowers the rate.
            #expect(rate < p * 1.2, "fpp \(p): measured \(rate) with \(filter.numberOfBytes) bytes")
            #expect(rate > 0, "fpp \(p): some false positives expected")
        }
    }

    @Test func undersizedFilterStillHasNoFalseNegatives() {
        var filter = SplitBlockBloomFilter(numberOfBytes: 32)
        for i in 0..<1000 { filter.insert(hash: SplitBlockBloomFilter.hash(Int32(i))) }
        for i in 0..<1000 { #expect(filter.mightContain(hash: SplitBlockBloomFilter.hash(Int32(i)))) }
    }

    @Test func readsBackItsBitset() throws {
        var filter = SplitBlockBloomFilter(distinctValues: 100)
        for i in 0..<100 { filter.insert(hash: SplitBlockBloomFilter.hash(Double(i) / 7)) }
        let bytes = filter.bitsetBytes
        let copy = try bytes.withUnsafeBytes { try SplitBlockBloomFilter(bitset: $0) }
        #expect(copy == filter)
        for bad in [0, 16, 48, 33] {
            #expect(throws: ParquetError.self) { try [UInt8](repeating: 0, count: bad).withUnsafeBytes { try SplitBlockBloomFilter(bitset: $0) } }
        }
    }

    /// The same values pyarrow 26.0.1 put in its bloom filters (ndv 1000, fpp 0.01, one
    /// column each, `use_dictionary=False`) give byte-identical bitsets. Expected values
    /// are CRC-32 and popcount of the 2,048-byte bitset after pyarrow's BloomFilterHeader.
    @Test func matchesPyarrowBitsets() {
        func filter(_ insert: (inout SplitBlockBloomFilter, Int) -> Void) -> SplitBlockBloomFilter {
            var filter = SplitBlockBloomFilter(distinctValues: 1000, falsePositiveProbability: 0.01)
            for i in 0..<1000 { insert(&filter, i) }
            return filter
        }
        let cases: [(String, SplitBlockBloomFilter, UInt32, Int)] = [
            ("int64 i", filter { $0.insert(hash: SplitBlockBloomFilter.hash(Int64($1))) }, 0x92B8_54EF, 6365),
            ("int32 7i-3000", filter { $0.insert(hash: SplitBlockBloomFilter.hash(Int32($1 * 7 - 3000))) }, 0xC261_3DEE, 6366),
            ("double i/3", filter { $0.insert(hash: SplitBlockBloomFilter.hash(Double($1) / 3)) }, 0x311F_C844, 6323),
            ("float i/3", filter { $0.insert(hash: SplitBlockBloomFilter.hash(Float(Double($1) / 3))) }, 0xA091_34AB, 6341),
            ("string value-i", filter { $0.insert(hash: SplitBlockBloomFilter.hash(bytes: Array("value-\($1)".utf8))) }, 0x457B_6107, 6323),
            ("flba(8) be32(i)+xyzw", filter { f, i in
                let bytes = [UInt8(i >> 24 & 0xff), UInt8(i >> 16 & 0xff), UInt8(i >> 8 & 0xff), UInt8(i & 0xff)] + Array("xyzw".utf8)
                f.insert(hash: SplitBlockBloomFilter.hash(bytes: bytes))
            }, 0x18B6_8E2A, 6308),
        ]
        for (name, filter, crc, popcount) in cases {
            #expect(filter.numberOfBytes == 2048, "\(name)")
            #expect(filter.setBitCount == popcount, "\(name)")
            #expect(CRC32.checksum(filter.bitsetBytes) == crc, "\(name)")
        }
    }

    @Test func batchInsertsMatchSingleInserts() {
        var single = SplitBlockBloomFilter(numberOfBytes: 1024)
        var batch = single
        let strings = ["", "a", "bc", "def"]
        var data: [UInt8] = []
        var offsets: [Int32] = [0]
        for s in strings {
            data += Array(s.utf8)
            offsets.append(Int32(data.count))
            single.insert(hash: SplitBlockBloomFilter.hash(bytes: Array(s.utf8)))
        }
        offsets.withUnsafeBufferPointer { o in data.withUnsafeBytes { batch.insert(offsets: o, data: $0) } }
        let ints: [Int64] = [1, 2, 3, -4]
        ints.withUnsafeBufferPointer { batch.insert($0) }
        for v in ints { single.insert(hash: SplitBlockBloomFilter.hash(v)) }
        let flba: [UInt8] = Array(0..<12)
        flba.withUnsafeBytes { batch.insert(fixedWidth: 4, data: $0) }
        for i in stride(from: 0, to: 12, by: 4) { single.insert(hash: SplitBlockBloomFilter.hash(bytes: Array(flba[i..<(i + 4)]))) }
        #expect(batch == single)
    }
}
