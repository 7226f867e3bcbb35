// Bit packing as the RLE / bit-packed hybrid and DELTA_BINARY_PACKED use it (Encodings.md, RLE note 1):
//
//   "The values are packed from the least significant bit of each byte to the most significant
//    bit, though the order of the bits in each value remains in the usual order of most
//    significant to least significant."
//
//   dec value: 0   1   2   3   4   5   6   7          (bit width 3)
//   encoded:   10001000 11000110 11111010
//
// That is little-endian bit order: value i occupies bits [i*w, (i+1)*w) of the stream. Both
// directions go through a 64-bit accumulator and move eight bytes at a time.

enum BitPacking {
    @inline(__always)
    static func mask(bitWidth: Int) -> UInt64 {
        bitWidth >= 64 ? ~0 : (UInt64(1) << UInt64(bitWidth)) &- 1
    }

    /// Packs `count` values of `bitWidth` bits (0…64) to `dst`, which must have room for
    /// `(count * bitWidth + 7) / 8` bytes; returns that byte count. Bits of a value above
    /// `bitWidth` are dropped.
    @inline(__always)
    @discardableResult
    static func pack<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafePointer<T>, count: Int, bitWidth: Int, to dst: UnsafeMutableRawPointer
    ) -> Int {
        let totalBytes = (count * bitWidth + 7) / 8
        if bitWidth == 0 || count == 0 { return 0 }
        let m = mask(bitWidth: bitWidth)
        let w = UInt64(bitWidth)
        var acc: UInt64 = 0
        var filled: UInt64 = 0  // bits held in `acc`, always < 64
        var out = 0
        for i in 0..<count {
            let x = UInt64(truncatingIfNeeded: src[i]) & m
            acc |= x &<< filled
            filled += w
            if filled >= 64 {
                dst.storeBytes(of: acc.littleEndian, toByteOffset: out, as: UInt64.self)
                out += 8
                filled -= 64
                // The bits of x that did not fit; a smart shift gives 0 when the shift is 64.
                acc = x >> (w - filled)
            }
        }
        var rest = acc
        while out < totalBytes {
            dst.storeBytes(of: UInt8(truncatingIfNeeded: rest), toByteOffset: out, as: UInt8.self)
            rest >>= 8
            out += 1
        }
        return totalBytes
    }

    /// Unpacks `count` values of `bitWidth` bits (0…64, ≤ T's width) from `src`, reading no
    /// more than `byteCount` bytes. The caller guarantees `count * bitWidth <= byteCount * 8`.
    @inline(__always)
    static func unpack<T: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafeRawPointer, byteCount: Int, count: Int, bitWidth: Int, to dst: UnsafeMutablePointer<T>
    ) {
        precondition(count * bitWidth <= byteCount * 8 && bitWidth <= T.bitWidth)
        if bitWidth == 0 {
            dst.update(repeating: 0, count: count)
            return
        }
        let m = mask(bitWidth: bitWidth)
        let w = UInt64(bitWidth)
        var acc: UInt64 = 0
        var avail: UInt64 = 0  // unread bits in `acc`
        var pos = 0
        for i in 0..<count {
            if avail >= w {
                dst[i] = T(truncatingIfNeeded: acc & m)
                acc = acc >> w
                avail -= w
            } else {
                // Refill: eight bytes when they are in bounds, else the last few.
                var word: UInt64
                var got: UInt64
                if byteCount - pos >= 8 {
                    word = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
                    pos += 8
                    got = 64
                } else {
                    word = 0
                    got = 0
                    while pos < byteCount {
                        word |= UInt64(src.load(fromByteOffset: pos, as: UInt8.self)) << got
                        pos += 1
                        got += 8
                    }
                }
                let used = w - avail  // bits of the value taken from `word`; 1…64 ≤ got
                dst[i] = T(truncatingIfNeeded: (acc | (word &<< avail)) & m)
                acc = word >> used
                avail = got - used
            }
        }
    }
}
