// The split-block bloom filter of parquet-format BloomFilter.md
// (https://github.com/apache/parquet-format/blob/master/BloomFilter.md):
//
//   bitset  = z blocks of 256 bits; a block is 8 little-endian 32-bit words
//   block   = ((hash >> 32) * z) >> 32                (the hash's high 32 bits pick a block)
//   key     = hash & 0xFFFF_FFFF
//   mask[i] = 1 << ((key * SALT[i]) >> 27), i = 0..<8  (one bit in each word)
//   insert sets mask[i] in word i; a value might be present when all eight bits are set.
//
// Only the bitset lives here; the BloomFilterHeader (numBytes, algorithm BLOCK,
// hash XXHASH, compression UNCOMPRESSED) that precedes it in the file is Thrift's job.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet split-block bloom filter over 64-bit xxHash values.
package struct SplitBlockBloomFilter: Sendable, Equatable {
    /// BloomFilter.md bounds the bitset to 32 bytes (one block) ... 128 MiB.
    package static let minimumBytes = 32
    package static let maximumBytes = 128 << 20
    /// The false-positive probability BloomFilter.md recommends, and parquet-java's
    /// default (`parquet.bloom.filter.fpp`). Arrow C++/pyarrow and arrow-rs use 0.05.
    package static let defaultFalsePositiveProbability = 0.01

    static let salt = SIMD8<UInt32>(
        0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d,
        0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31)

    /// The bitset as 32-bit words in host order; `bitsetBytes` gives the file's bytes.
    private(set) var words: [UInt32]

    package var numberOfBytes: Int { words.count * 4 }
    package var numberOfBlocks: Int { words.count / 8 }

    /// An empty filter of `numberOfBytes` bytes, a power of two in 32 ... 128 MiB.
    package init(numberOfBytes: Int) {
        precondition(
            numberOfBytes >= Self.minimumBytes && numberOfBytes <= Self.maximumBytes
                && numberOfBytes & (numberOfBytes - 1) == 0,
            "bloom filter size \(numberOfBytes) is not a power of two in 32...\(Self.maximumBytes)")
        words = Array(repeating: 0, count: numberOfBytes / 4)
    }

    /// An empty filter sized for `distinctValues` at `falsePositiveProbability`.
    package init(distinctValues: Int, falsePositiveProbability: Double = defaultFalsePositiveProbability) {
        self.init(numberOfBytes: Self.optimalNumberOfBytes(distinctValues: distinctValues, falsePositiveProbability: falsePositiveProbability))
    }

    /// A filter read back from a file's bitset bytes.
    package init(bitset: UnsafeRawBufferPointer) throws(ParquetError) {
        let count = bitset.count
        if count < Self.minimumBytes || count > Self.maximumBytes || count & (count - 1) != 0 {
            throw ParquetError(.malformed, "bloom filter bitset of \(count) bytes is not a power of two in 32...\(Self.maximumBytes)")
        }
        words = (0..<(count / 4)).map { UInt32(littleEndian: bitset.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
    }

    /// Bytes for `distinctValues` at `falsePositiveProbability`, by BloomFilter.md's
    /// bits-per-value formula `-8 / ln(1 - p^(1/8))`, rounded up to a power of two and
    /// clamped to 32 B ... 128 MiB. The same sizes as Arrow C++ (pyarrow).
    package static func optimalNumberOfBytes(distinctValues: Int, falsePositiveProbability p: Double) -> Int {
        precondition(p > 0 && p < 1, "false-positive probability \(p) is not in (0, 1)")
        let bits = -8 * Double(Swift.max(distinctValues, 0)) / log(1 - pow(p, 1.0 / 8))
        let bytes = bits / 8
        if !bytes.isFinite || bytes >= Double(maximumBytes) { return maximumBytes }
        var size = minimumBytes
        while Double(size) < bytes { size <<= 1 }
        return size
    }

    @inline(__always)
    static func mask(_ hash: UInt64) -> SIMD8<UInt32> {
        let key = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: hash))
        return SIMD8<UInt32>(repeating: 1) &<< ((key &* salt) &>> 27)
    }

    @inline(__always)
    func blockIndex(_ hash: UInt64) -> Int {
        // (hash >> 32) < 2^32 and numberOfBlocks <= 2^22, so the product fits in 64 bits.
        Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(numberOfBlocks)) >> 32)
    }

    /// Adds a value by its xxHash64 (see `SplitBlockBloomFilter.hash(_:)`).
    @inline(__always)
    package mutating func insert(hash: UInt64) {
        let first = blockIndex(hash) &* 8
        let mask = Self.mask(hash)
        words.withUnsafeMutableBufferPointer { buffer in
            // blockIndex < numberOfBlocks, so words first ..< first + 8 exist.
            let block = UnsafeMutableRawPointer(buffer.baseAddress! + first)
            block.storeBytes(of: block.loadUnaligned(as: SIMD8<UInt32>.self) | mask, as: SIMD8<UInt32>.self)
        }
    }

    /// False when the value was certainly never inserted; true when it may have been.
    @inline(__always)
    package func mightContain(hash: UInt64) -> Bool {
        let first = blockIndex(hash) &* 8
        let mask = Self.mask(hash)
        return words.withUnsafeBufferPointer { buffer in
            let block = UnsafeRawPointer(buffer.baseAddress! + first).loadUnaligned(as: SIMD8<UInt32>.self)
            return block & mask == mask
        }
    }

    /// The bitset as stored after the BloomFilterHeader: words little-endian.
    package var bitsetBytes: [UInt8] {
        var out = ByteWriter(capacity: numberOfBytes)
        write(into: &out)
        return out.bytes
    }

    /// Appends the bitset (little-endian words) to `out`.
    func write(into out: inout ByteWriter) {
        #if _endian(little)
        words.withUnsafeBytes { out.write($0) }
        #else
        out.reserve(additional: numberOfBytes)
        for word in words { out.write(littleEndian: word) }
        #endif
    }

    /// The number of set bits (a fill ratio near 1 means the filter was undersized).
    package var setBitCount: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}
