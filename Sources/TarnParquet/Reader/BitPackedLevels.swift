// BIT_PACKED (= 4), deprecated, for levels of data page v1 only (Encodings.md):
//
//   "This is a bit-packed only encoding, which is deprecated and will be replaced by the
//    RLE/bit-packing hybrid encoding. [...] the bit-packing is done from the most
//    significant bit to the least significant bit. [...] For example, the numbers 1
//    through 7 using bit width 3:
//      dec value: 0   1   2   3   4   5   6   7
//      bit value: 000 001 010 011 100 101 110 111
//      bit label: ABC DEF GHI JKL MNO PQR STU VWX
//    would be encoded like this [...]:
//      bit value: 00000101 00111001 01110111
//      bit label: ABCDEFGH IJKLMNOP QRSTUVWX"
//
// There is no length prefix: the levels take ceil(count * bitWidth / 8) bytes.

enum BitPackedLevels {
    static func decode(_ reader: inout ByteReader, maxLevel: Int, count: Int) throws(ParquetError) -> [UInt16] {
        let width = RLEHybrid.bitWidth(forMaxValue: maxLevel)
        guard count >= 0, count <= (Int.max - 7) / Swift.max(width, 1) else {
            throw ParquetError(.malformed, "BIT_PACKED levels: bad count \(count)")
        }
        let bytes = try reader.readBytes((count * width + 7) / 8)
        var levels = [UInt16](repeating: 0, count: count)
        var bit = 0
        for i in 0..<count {
            var value = 0
            for _ in 0..<width {
                let byte = bytes[bit >> 3]
                value = value << 1 | Int(byte >> UInt8(7 - bit & 7) & 1)
                bit += 1
            }
            guard value <= maxLevel else {
                throw ParquetError(.malformed, "BIT_PACKED level \(value) exceeds the column's maximum \(maxLevel)")
            }
            levels[i] = UInt16(value)
        }
        return levels
    }
}
