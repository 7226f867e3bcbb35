// The RLE / bit-packing hybrid (RLE = 3), Encodings.md:
//
//   rle-bit-packed-hybrid: <length> <encoded-data>
//   // length is not always prepended, please check the table below for more detail
//   length := length of the <encoded-data> in bytes stored as 4 bytes little endian (unsigned int32)
//   encoded-data := <run>*
//   run := <bit-packed-run> | <rle-run>
//   bit-packed-run := <bit-packed-header> <bit-packed-values>
//   bit-packed-header := varint-encode(<bit-pack-scaled-run-len> << 1 | 1)
//   // we always bit-pack a multiple of 8 values at a time, so we only store the number of values / 8
//   bit-pack-scaled-run-len := (bit-packed-run-len) / 8
//   rle-run := <rle-header> <repeated-value>
//   rle-header := varint-encode( (rle-run-len) << 1)
//   repeated-value := value that is repeated, using a fixed-width of round-up-to-next-byte(bit-width)
//
//   "bit-packed-run-len and rle-run-len must be in the range [1, 2^31 - 1]."
//
//   Prepend length?   Data page v1: levels Y, dictionary indices N, booleans Y
//                     Data page v2: levels N, dictionary indices N, booleans Y
//
// Dictionary indices: "the bit width used to encode the entry ids stored as 1 byte (max bit
// width = 32), followed by the values encoded using the RLE/Bit-Packing described above".
//
// Encoder policy: look at the input in groups of eight; a group of eight equal values starts an
// RLE run that extends as far as the value repeats; every other group joins a bit-packed run.
// A final partial group is padded with zeros.

enum RLEHybrid {
    /// Bits needed for values 0…maxValue (0 for 0).
    static func bitWidth(forMaxValue maxValue: Int) -> Int {
        precondition(maxValue >= 0)
        return Int.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Longest run the spec allows: 2^31 - 1 values.
    static let maxRunLength = Int(Int32.max)

    // MARK: Encoding

    /// Upper bound on the encoded size of `count` values, used to reserve the output once.
    static func maxEncodedSize(count: Int, bitWidth: Int) -> Int {
        // Every run covers at least eight values except the last, and at most one header per
        // group needs more than one byte per 64 groups; 5 bytes per group of header and value
        // plus the packed bits is a safe overestimate.
        let groups = (count + 7) / 8
        return groups * (bitWidth + 2 + (bitWidth + 7) / 8) + 2 * (5 + 4) + (count / (1 << 20) + 1) * 10
    }

    /// Appends the hybrid encoding of `values` (no length prefix). Each value must fit in
    /// `bitWidth` bits (0…32).
    // Pre-specialized so callers outside the module (or in unspecialized generic code) do not
    // run the per-value loop through witness tables (measured ~100× slower).
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, bitWidth: Int, into out: inout ByteWriter
    ) {
        precondition(bitWidth >= 0 && bitWidth <= 32 && bitWidth <= T.bitWidth, "bit width \(bitWidth) out of range")
        let n = values.count
        guard n > 0, let base = values.baseAddress else { return }
        out.append(upTo: maxEncodedSize(count: n, bitWidth: bitWidth)) { p in
            encodeRuns(base, count: n, bitWidth: bitWidth, to: p)
        }
    }

    @inline(__always)
    private static func storeRLERun(value: UInt64, length: Int, valueBytes: Int, to p: UnsafeMutableRawPointer) -> Int {
        var written = 0
        var left = length
        while left > 0 {
            let run = Swift.min(left, maxRunLength)
            written += storeVarint(UInt64(run) << 1, at: p + written)
            var v = value
            for _ in 0..<valueBytes {
                p.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: written, as: UInt8.self)
                v >>= 8
                written += 1
            }
            left -= run
        }
        return written
    }

    /// Writes values `start ..< end` as bit-packed runs, padding the last group with zeros.
    @inline(__always)
    private static func storeBitPacked<T: FixedWidthInteger & UnsignedInteger>(
        _ base: UnsafePointer<T>, start: Int, end: Int, bitWidth: Int, to p: UnsafeMutableRawPointer
    ) -> Int {
        var written = 0
        var i = start
        while i < end {
            // Headers hold at most (2^31 - 1) / 8 groups.
            let groups = Swift.min((end - i + 7) / 8, maxRunLength / 8)
            written += storeVarint(UInt64(groups) << 1 | 1, at: p + written)
            let full = Swift.min(groups * 8, end - i) & ~7
            written += BitPacking.pack(base + i, count: full, bitWidth: bitWidth, to: p + written)
            i += full
            if full < groups * 8 {
                // Final partial group: copy to a zero-padded group of eight.
                var group: (T, T, T, T, T, T, T, T) = (0, 0, 0, 0, 0, 0, 0, 0)
                withUnsafeMutableBytes(of: &group) { g in
                    let gp = g.baseAddress!.assumingMemoryBound(to: T.self)
                    for k in 0..<(end - i) { gp[k] = base[i + k] }
                    written += BitPacking.pack(UnsafePointer(gp), count: 8, bitWidth: bitWidth, to: p + written)
                }
                i = end
            }
        }
        return written
    }

    private static func encodeRuns<T: FixedWidthInteger & UnsignedInteger>(
        _ v: UnsafePointer<T>, count n: Int, bitWidth: Int, to p: UnsafeMutableRawPointer
    ) -> Int {
        let valueBytes = (bitWidth + 7) / 8
        if bitWidth == 0 {
            // Every value is 0: one RLE run.
            return storeRLERun(value: 0, length: n, valueBytes: 0, to: p)
        }
        var written = 0
        var literalStart = 0
        var i = 0
        while i + 8 <= n {
            let x = v[i]
            let diff = (v[i + 1] ^ x) | (v[i + 2] ^ x) | (v[i + 3] ^ x) | (v[i + 4] ^ x)
                | (v[i + 5] ^ x) | (v[i + 6] ^ x) | (v[i + 7] ^ x)
            if diff != 0 {
                i += 8
                continue
            }
            // Eight equal values: extend by groups, then value by value.
            var j = i + 8
            while j + 8 <= n {
                let d = (v[j] ^ x) | (v[j + 1] ^ x) | (v[j + 2] ^ x) | (v[j + 3] ^ x)
                    | (v[j + 4] ^ x) | (v[j + 5] ^ x) | (v[j + 6] ^ x) | (v[j + 7] ^ x)
                if d != 0 { break }
                j += 8
            }
            while j < n && v[j] == x { j += 1 }
            written += storeBitPacked(v, start: literalStart, end: i, bitWidth: bitWidth, to: p + written)
            written += storeRLERun(value: UInt64(x), length: j - i, valueBytes: valueBytes, to: p + written)
            i = j
            literalStart = j
        }
        written += storeBitPacked(v, start: literalStart, end: n, bitWidth: bitWidth, to: p + written)
        return written
    }

    /// Definition or repetition levels for data page v1: 4-byte little-endian length, then the
    /// hybrid with the bit width of `maxLevel`. Writes nothing when `maxLevel` is 0 (the spec
    /// omits levels whose maximum is 0).
    // Pre-specialized so callers outside the module (or in unspecialized generic code) do not
    // run the per-value loop through witness tables (measured ~100× slower).
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    static func encodeLevelsV1<T: FixedWidthInteger & UnsignedInteger>(
        _ levels: UnsafeBufferPointer<T>, maxLevel: Int, into out: inout ByteWriter
    ) {
        guard maxLevel > 0 else { return }
        encodeWithLengthPrefix(levels, bitWidth: bitWidth(forMaxValue: maxLevel), into: &out)
    }

    /// Definition or repetition levels for data page v2: the hybrid alone (the page header holds
    /// the byte length). Writes nothing when `maxLevel` is 0.
    // Pre-specialized so callers outside the module (or in unspecialized generic code) do not
    // run the per-value loop through witness tables (measured ~100× slower).
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    static func encodeLevelsV2<T: FixedWidthInteger & UnsignedInteger>(
        _ levels: UnsafeBufferPointer<T>, maxLevel: Int, into out: inout ByteWriter
    ) {
        guard maxLevel > 0 else { return }
        encode(levels, bitWidth: bitWidth(forMaxValue: maxLevel), into: &out)
    }

    /// RLE_DICTIONARY data page body: one byte of bit width, then the hybrid. The bit width
    /// is that of `dictionaryCount - 1` (0 for a dictionary of one entry).
    static func encodeDictionaryIndices(
        _ indices: UnsafeBufferPointer<UInt32>, dictionaryCount: Int, into out: inout ByteWriter
    ) {
        let width = bitWidth(forMaxValue: Swift.max(dictionaryCount - 1, 0))
        out.write(UInt8(width))
        encode(indices, bitWidth: width, into: &out)
    }

    private static func encodeWithLengthPrefix<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, bitWidth: Int, into out: inout ByteWriter
    ) {
        let lengthAt = out.count
        out.write(littleEndian: UInt32(0))
        encode(values, bitWidth: bitWidth, into: &out)
        out.patch(uint32: UInt32(out.count - lengthAt - 4), at: lengthAt)
    }

    /// RLE-encoded booleans (data page v1 or v2): 4-byte little-endian length, then the hybrid
    /// with bit width 1. Input is a bitmap: value i is bit `bitOffset + i` of `words`
    /// (bit k of word k / 64 counting from the least significant).
    static func encodeBooleans(
        words: UnsafeBufferPointer<UInt64>, bitOffset: Int = 0, count: Int, into out: inout ByteWriter
    ) {
        precondition(bitOffset >= 0 && count >= 0 && (bitOffset + count + 63) / 64 <= words.count, "bitmap too short")
        let lengthAt = out.count
        out.write(littleEndian: UInt32(0))
        if count > 0 {
            // Groups of eight booleans are bytes of the bitmap: 0x00 and 0xFF are uniform.
            var packed = [UInt8](repeating: 0, count: (count + 7) / 8)
            packed.withUnsafeMutableBytes { dst in
                copyBits(words: words, bitOffset: bitOffset, count: count, to: dst.baseAddress!)
            }
            packed.withUnsafeBufferPointer { bytes in
                out.append(upTo: maxEncodedSize(count: count, bitWidth: 1)) { p in
                    encodeBooleanRuns(bytes.baseAddress!, count: count, to: p)
                }
            }
        }
        out.patch(uint32: UInt32(out.count - lengthAt - 4), at: lengthAt)
    }

    /// Copies `count` bits starting at `bitOffset` of `words` to `dst` as LSB-first bytes,
    /// `(count + 7) / 8` of them, with the bits past `count` cleared.
    static func copyBits(words: UnsafeBufferPointer<UInt64>, bitOffset: Int, count: Int, to dst: UnsafeMutableRawPointer) {
        let byteCount = (count + 7) / 8
        guard byteCount > 0 else { return }
        let firstWord = bitOffset / 64
        let shift = UInt64(bitOffset % 64)
        let wordCount = (count + 63) / 64
        var out = 0
        for k in 0..<wordCount {
            var word = words[firstWord + k] >> shift
            if shift != 0 && firstWord + k + 1 < words.count { word |= words[firstWord + k + 1] << (64 - shift) }
            let bytes = Swift.min(8, byteCount - out)
            if bytes == 8 {
                dst.storeBytes(of: word.littleEndian, toByteOffset: out, as: UInt64.self)
            } else {
                for b in 0..<bytes {
                    dst.storeBytes(of: UInt8(truncatingIfNeeded: word >> UInt64(8 * b)), toByteOffset: out + b, as: UInt8.self)
                }
            }
            out += bytes
        }
        let tailBits = count % 8
        if tailBits != 0 {
            let last = dst.load(fromByteOffset: byteCount - 1, as: UInt8.self)
            dst.storeBytes(of: last & UInt8((1 << tailBits) - 1), toByteOffset: byteCount - 1, as: UInt8.self)
        }
    }

    /// The hybrid at bit width 1 over LSB-first packed bytes (the bits past `count` are zero).
    private static func encodeBooleanRuns(_ b: UnsafePointer<UInt8>, count: Int, to p: UnsafeMutableRawPointer) -> Int {
        let fullBytes = count / 8
        let tailBits = count % 8
        var written = 0
        var literalStart = 0
        var i = 0
        func storeLiteral(_ start: Int, _ end: Int) {
            // Bytes start..<end, plus the padded tail byte when end is the last byte.
            var s = start
            while s < end {
                let groups = Swift.min(end - s, maxRunLength / 8)
                written += storeVarint(UInt64(groups) << 1 | 1, at: p + written)
                (p + written).copyMemory(from: b + s, byteCount: groups)
                written += groups
                s += groups
            }
        }
        while i < fullBytes {
            let x = b[i]
            guard x == 0 || x == 0xFF else {
                i += 1
                continue
            }
            var j = i + 1
            while j < fullBytes && b[j] == x { j += 1 }
            var length = (j - i) * 8
            if j == fullBytes && tailBits != 0 {
                // The tail joins the run when all its bits match.
                let tail = b[fullBytes]
                if tail == x & UInt8((1 << tailBits) - 1) {
                    length += tailBits
                    j += 1
                }
            }
            storeLiteral(literalStart, i)
            written += storeRLERun(value: UInt64(x & 1), length: length, valueBytes: 1, to: p + written)
            i = j
            literalStart = j
        }
        storeLiteral(literalStart, (count + 7) / 8)
        return written
    }

    // MARK: Decoding

    /// Decodes `count` values of `bitWidth` bits (0…32) from the hybrid runs at `reader`,
    /// appending them to `out`. Stops after `count` values (a last bit-packed run may end in
    /// padding, which is skipped). Throws `.malformed` for bad headers, values wider than
    /// `bitWidth`, or data that ends early.
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ reader: inout ByteReader, bitWidth: Int, count: Int, into out: inout [T]
    ) throws(ParquetError) {
        guard bitWidth >= 0 && bitWidth <= 32 && bitWidth <= T.bitWidth else {
            throw ParquetError(.malformed, "RLE/bit-packed hybrid: bit width \(bitWidth) out of range")
        }
        guard count >= 0 else { throw ParquetError(.malformed, "RLE/bit-packed hybrid: negative value count \(count)") }
        // Reserve no more than the input could plausibly hold; longer RLE runs grow the array.
        out.reserveCapacity(out.count + Swift.min(count, reader.remaining * 8 + 64))
        let valueBytes = (bitWidth + 7) / 8
        let limit: UInt64 = bitWidth == 32 ? UInt64(UInt32.max) : (UInt64(1) << UInt64(bitWidth)) - 1
        var left = count
        while left > 0 {
            let headerAt = reader.position
            let header = try reader.readVarint()
            let runLength = header >> 1
            if header & 1 == 1 {
                guard runLength <= UInt64(maxRunLength / 8) else {
                    throw ParquetError(.malformed, "RLE/bit-packed hybrid: bit-packed run of \(runLength) groups at offset \(headerAt) exceeds 2^31 - 1 values")
                }
                let groups = Int(runLength)
                let take = Swift.min(groups * 8, left)
                let needed = (take * bitWidth + 7) / 8
                let bytes = try reader.readBytes(needed)
                let start = out.count
                out.append(contentsOf: repeatElement(0, count: take))
                out.withUnsafeMutableBufferPointer { o in
                    if let src = bytes.baseAddress {
                        BitPacking.unpack(src, byteCount: needed, count: take, bitWidth: bitWidth, to: o.baseAddress! + start)
                    }
                }
                // The padding of the last run may be cut short at the end of the data.
                try reader.skip(Swift.min(groups * bitWidth - needed, reader.remaining))
                left -= take
            } else {
                guard runLength <= UInt64(maxRunLength) else {
                    throw ParquetError(.malformed, "RLE/bit-packed hybrid: RLE run of \(runLength) values at offset \(headerAt) exceeds 2^31 - 1")
                }
                var value: UInt64 = 0
                for k in 0..<valueBytes { value |= UInt64(try reader.readByte()) << UInt64(8 * k) }
                guard value <= limit else {
                    throw ParquetError(.malformed, "RLE/bit-packed hybrid: repeated value \(value) at offset \(headerAt) does not fit in \(bitWidth) bits")
                }
                let take = Swift.min(Int(runLength), left)
                out.append(contentsOf: repeatElement(T(truncatingIfNeeded: value), count: take))
                left -= take
            }
        }
    }

    /// Levels of a data page v1: reads the 4-byte length and decodes `count` levels from
    /// exactly that many bytes. Returns all zeros, reading nothing, when `maxLevel` is 0.
    static func decodeLevelsV1(_ reader: inout ByteReader, maxLevel: Int, count: Int) throws(ParquetError) -> [UInt16] {
        guard maxLevel > 0 else { return [UInt16](repeating: 0, count: count) }
        let length = Int(try reader.read(littleEndian: UInt32.self))
        var inner = ByteReader(try reader.readBytes(length))
        var levels: [UInt16] = []
        try decodeLevels(&inner, maxLevel: maxLevel, count: count, into: &levels)
        return levels
    }

    /// Levels of a data page v2, from exactly the bytes the page header gives them.
    static func decodeLevelsV2(_ bytes: UnsafeRawBufferPointer, maxLevel: Int, count: Int) throws(ParquetError) -> [UInt16] {
        guard maxLevel > 0 else { return [UInt16](repeating: 0, count: count) }
        var inner = ByteReader(bytes)
        var levels: [UInt16] = []
        try decodeLevels(&inner, maxLevel: maxLevel, count: count, into: &levels)
        return levels
    }

    private static func decodeLevels(_ reader: inout ByteReader, maxLevel: Int, count: Int, into levels: inout [UInt16]) throws(ParquetError) {
        guard maxLevel <= Int(UInt16.max) else { throw ParquetError(.malformed, "level maximum \(maxLevel) exceeds 65535") }
        try decode(&reader, bitWidth: bitWidth(forMaxValue: maxLevel), count: count, into: &levels)
        for level in levels where Int(level) > maxLevel {
            throw ParquetError(.malformed, "level \(level) exceeds the column's maximum \(maxLevel)")
        }
    }

    /// RLE_DICTIONARY data page body: the bit-width byte, then `count` indices.
    static func decodeDictionaryIndices(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [UInt32] {
        let width = Int(try reader.readByte())
        guard width <= 32 else { throw ParquetError(.malformed, "dictionary index bit width \(width) exceeds 32") }
        var indices: [UInt32] = []
        try decode(&reader, bitWidth: width, count: count, into: &indices)
        return indices
    }

    /// RLE booleans: the 4-byte length, then `count` values at bit width 1, returned as a
    /// bitmap (value i is bit i % 64 of word i / 64).
    static func decodeBooleans(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [UInt64] {
        let length = Int(try reader.read(littleEndian: UInt32.self))
        var inner = ByteReader(try reader.readBytes(length))
        var bits: [UInt8] = []
        try decode(&inner, bitWidth: 1, count: count, into: &bits)
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        for (i, bit) in bits.enumerated() where bit != 0 { words[i >> 6] |= 1 << UInt64(i & 63) }
        return words
    }
}
