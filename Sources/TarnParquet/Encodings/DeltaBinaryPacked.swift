// DELTA_BINARY_PACKED (= 5), Encodings.md:
//
//   header: <block size in values> <number of miniblocks in a block> <total value count> <first value>
//     block size: a multiple of 128, ULEB128; miniblocks per block: values per miniblock is a
//     multiple of 32, ULEB128; total value count: ULEB128; first value: zigzag ULEB128
//   block:  <min delta> <list of bitwidths of miniblocks> <miniblocks>
//     min delta: zigzag ULEB128; one bit-width byte per miniblock; each miniblock bit-packed
//
//   "If there are not enough values to fill the last miniblock, we pad the miniblock so that
//    its length is always the number of values in a full miniblock multiplied by the bit width."
//   "If, in the last block, less than <number of miniblocks in a block> miniblocks are needed
//    to store the values, the bytes storing the bit widths of the unneeded miniblocks are still
//    present, their value should be zero [...] There are no additional padding bytes for the
//    miniblock bodies though, as if their bit widths were 0."
//   "Overflow should be allowed and handled as wrapping around in 2's complement notation."
//   "Writers must not use more bits when bit packing the miniblock data than would be required
//    to PLAIN encode the physical type (e.g. INT32 data must not use more than 32 bits)."
//
// Tarn writes blocks of 128 values in 4 miniblocks of 32. INT32 deltas are computed in 32-bit
// wrapping arithmetic (as Arrow's writer and reader do, in the unsigned type), so widths stay
// within 32 bits; INT64 in 64-bit wrapping arithmetic.

/// Values the delta encoder reads, as bit patterns of their physical width.
protocol DeltaSource {
    associatedtype Bits: FixedWidthInteger & UnsignedInteger
    var count: Int { get }
    func bits(at i: Int) -> Bits
}

struct Int32DeltaSource: DeltaSource {
    let values: UnsafeBufferPointer<Int32>
    var count: Int { values.count }
    @inline(__always) func bits(at i: Int) -> UInt32 { UInt32(bitPattern: values[i]) }
}

struct Int64DeltaSource: DeltaSource {
    let values: UnsafeBufferPointer<Int64>
    var count: Int { values.count }
    @inline(__always) func bits(at i: Int) -> UInt64 { UInt64(bitPattern: values[i]) }
}

/// Lengths of byte arrays read from Arrow-style offsets (for the DELTA_*_BYTE_ARRAY encodings).
struct LengthDeltaSource: DeltaSource {
    let offsets: UnsafeBufferPointer<Int32>
    var count: Int { offsets.count - 1 }
    @inline(__always) func bits(at i: Int) -> UInt32 { UInt32(bitPattern: offsets[i + 1] &- offsets[i]) }
}

enum DeltaBinaryPacked {
    static let blockSize = 128
    static let miniblocksPerBlock = 4
    static let valuesPerMiniblock = 32
    /// Largest block size the decoder accepts; other writers use 128 (or a small multiple).
    static let maxDecodedBlockSize = 1 << 16

    // MARK: Encoding

    static func encode(_ values: UnsafeBufferPointer<Int32>, into out: inout ByteWriter) {
        encode(Int32DeltaSource(values: values), into: &out)
    }

    static func encode(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter) {
        encode(Int64DeltaSource(values: values), into: &out)
    }

    /// Worst case: the header, then per block its min delta, width bytes and full-width miniblocks.
    static func maxEncodedSize<Bits: FixedWidthInteger>(count: Int, bits: Bits.Type) -> Int {
        let blocks = (Swift.max(count - 1, 0) + blockSize - 1) / blockSize
        return 4 * 10 + blocks * (10 + miniblocksPerBlock + blockSize * Bits.bitWidth / 8)
    }

    @inline(__always)
    static func signExtend<Bits: FixedWidthInteger & UnsignedInteger>(_ x: Bits) -> Int64 {
        let shift = UInt64(64 - Bits.bitWidth)
        return Int64(bitPattern: UInt64(x) << shift) >> Int64(shift)
    }

    static func encode<Source: DeltaSource>(_ source: Source, into out: inout ByteWriter) {
        typealias Bits = Source.Bits
        let n = source.count
        out.append(upTo: maxEncodedSize(count: n, bits: Bits.self)) { p in
            var o = storeVarint(UInt64(blockSize), at: p)
            o += storeVarint(UInt64(miniblocksPerBlock), at: p + o)
            o += storeVarint(UInt64(n), at: p + o)
            guard n > 0 else {
                o += storeVarint(0, at: p + o)
                return o
            }
            var previous = source.bits(at: 0)
            o += storeZigZag(signExtend(previous), at: p + o)
            // Flipping the sign bit maps signed order onto unsigned order.
            let signBit = Bits(1) << (Bits.bitWidth - 1)
            withUnsafeTemporaryAllocation(of: Bits.self, capacity: blockSize) { scratch in
                let d = scratch.baseAddress!
                var next = 1
                while next < n {
                    let inBlock = Swift.min(blockSize, n - next)
                    // 1. Deltas (wrapping) and their minimum as signed integers.
                    var minKey = ~Bits(0)
                    for k in 0..<inBlock {
                        let value = source.bits(at: next + k)
                        let delta = value &- previous
                        previous = value
                        d[k] = delta
                        minKey = Swift.min(minKey, delta ^ signBit)
                    }
                    let minDelta = minKey ^ signBit
                    // 2. Subtract the frame of reference; padding values are zero.
                    for k in 0..<inBlock { d[k] = d[k] &- minDelta }
                    for k in inBlock..<blockSize { d[k] = 0 }
                    // 3. Min delta, the width bytes, the miniblocks that hold values.
                    o += storeZigZag(signExtend(minDelta), at: p + o)
                    let used = (inBlock + valuesPerMiniblock - 1) / valuesPerMiniblock
                    var widths: (Int, Int, Int, Int) = (0, 0, 0, 0)
                    withUnsafeMutableBytes(of: &widths) { wb in
                        let w = wb.baseAddress!.assumingMemoryBound(to: Int.self)
                        for m in 0..<miniblocksPerBlock {
                            var bitsUsed: Bits = 0
                            if m < used {
                                let start = m * valuesPerMiniblock
                                for k in start..<(start + valuesPerMiniblock) { bitsUsed |= d[k] }
                            }
                            w[m] = Bits.bitWidth - bitsUsed.leadingZeroBitCount
                            p.storeBytes(of: UInt8(w[m]), toByteOffset: o + m, as: UInt8.self)
                        }
                        o += miniblocksPerBlock
                        for m in 0..<used {
                            o += BitPacking.pack(d + m * valuesPerMiniblock, count: valuesPerMiniblock, bitWidth: w[m], to: p + o)
                        }
                    }
                    next += inBlock
                }
            }
            return o
        }
    }

    // MARK: Decoding

    /// Decodes an INT32 stream. Throws when its value count exceeds `maxCount` (the caller's
    /// bound, e.g. the page's value count), or on any malformed or truncated input.
    static func decodeInt32(_ reader: inout ByteReader, maxCount: Int) throws(ParquetError) -> [Int32] {
        let bits = try decode(&reader, maxCount: maxCount, as: UInt32.self)
        return bits.map { Int32(bitPattern: $0) }
    }

    /// Decodes an INT64 stream; see `decodeInt32`.
    static func decodeInt64(_ reader: inout ByteReader, maxCount: Int) throws(ParquetError) -> [Int64] {
        let bits = try decode(&reader, maxCount: maxCount, as: UInt64.self)
        return bits.map { Int64(bitPattern: $0) }
    }

    /// The decoder, on bit patterns: leaves `reader` just after the last miniblock holding values.
    static func decode<Bits: FixedWidthInteger & UnsignedInteger>(
        _ reader: inout ByteReader, maxCount: Int, as: Bits.Type
    ) throws(ParquetError) -> [Bits] {
        let headerAt = reader.position
        let blockSizeValue = try reader.readVarint()
        let miniblockValue = try reader.readVarint()
        let totalValue = try reader.readVarint()
        let first = try reader.readZigZag()
        guard blockSizeValue > 0, blockSizeValue % 128 == 0, blockSizeValue <= UInt64(maxDecodedBlockSize) else {
            throw ParquetError(.malformed, "DELTA_BINARY_PACKED at offset \(headerAt): block size \(blockSizeValue) is not a multiple of 128 up to \(maxDecodedBlockSize)")
        }
        let blockValues = Int(blockSizeValue)
        guard miniblockValue > 0, miniblockValue <= UInt64(blockValues / 32), blockValues % Int(miniblockValue) == 0,
              (blockValues / Int(miniblockValue)) % 32 == 0 else {
            throw ParquetError(.malformed, "DELTA_BINARY_PACKED at offset \(headerAt): \(miniblockValue) miniblocks do not divide a block of \(blockValues) into multiples of 32")
        }
        guard totalValue <= UInt64(Swift.max(maxCount, 0)) else {
            throw ParquetError(.malformed, "DELTA_BINARY_PACKED at offset \(headerAt): \(totalValue) values, more than the \(maxCount) expected")
        }
        let total = Int(totalValue)
        let miniblocks = Int(miniblockValue)
        let perMiniblock = blockValues / miniblocks
        guard Bits.bitWidth == 64 || (first >= Int64(Int32.min) && first <= Int64(Int32.max)) else {
            throw ParquetError(.malformed, "DELTA_BINARY_PACKED at offset \(headerAt): first value \(first) does not fit in 32 bits")
        }
        var out = [Bits]()
        guard total > 0 else { return out }
        out.reserveCapacity(total)
        var previous = Bits(truncatingIfNeeded: first)
        out.append(previous)
        while out.count < total {
            // Wider min deltas are reduced modulo 2^32 for INT32: the sums wrap the same way.
            let minDelta = Bits(truncatingIfNeeded: try reader.readZigZag())
            let widthsAt = reader.position
            let widths = try reader.readBytes(miniblocks)
            for m in 0..<miniblocks where out.count < total {
                let width = Int(widths[m])
                guard width <= Bits.bitWidth else {
                    throw ParquetError(.malformed, "DELTA_BINARY_PACKED: miniblock bit width \(width) at offset \(widthsAt + m) exceeds \(Bits.bitWidth)")
                }
                let body = try reader.readBytes(perMiniblock * width / 8)
                let take = Swift.min(perMiniblock, total - out.count)
                let start = out.count
                out.append(contentsOf: repeatElement(0, count: take))
                out.withUnsafeMutableBufferPointer { o in
                    let dst = o.baseAddress! + start
                    if width > 0 {
                        BitPacking.unpack(body.baseAddress!, byteCount: body.count, count: take, bitWidth: width, to: dst)
                    }
                    for k in 0..<take {
                        previous = previous &+ minDelta &+ dst[k]
                        dst[k] = previous
                    }
                }
            }
        }
        return out
    }
}
