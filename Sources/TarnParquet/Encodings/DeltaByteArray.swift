// DELTA_BYTE_ARRAY (= 7), Encodings.md:
//
//   "This is stored as a sequence of delta-encoded prefix lengths (DELTA_BINARY_PACKED),
//    followed by the suffixes encoded as delta length byte arrays (DELTA_LENGTH_BYTE_ARRAY)."
//
//   <Delta Encoded Prefix Lengths> <Delta Encoded Suffix Lengths> <Suffix Data>
//
//   "axis", "axle", "babble", "babyhood" →
//     DeltaEncoding(0, 2, 0, 3)   (the prefix lengths)
//     DeltaEncoding(4, 2, 6, 5)   (the suffix lengths)
//     "axislebabbleyhood"
//
//   "Note that, even for FIXED_LEN_BYTE_ARRAY, all lengths are encoded despite the redundancy."
//
// The prefix length of a value is the length of the longest common prefix with the value
// before it (0 for the first).

enum DeltaByteArray {
    /// Length of the common prefix of `a` and `b` (at most `limit` bytes), eight bytes at a time.
    @inline(__always)
    static func commonPrefix(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, limit: Int) -> Int {
        var i = 0
        while i + 8 <= limit {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != 0 { return i + UInt64(littleEndian: x).trailingZeroBitCount / 8 }
            i += 8
        }
        while i < limit && a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) { i += 1 }
        return i
    }

    static func encode(_ values: ByteArrayView, into out: inout ByteWriter) {
        let n = values.count
        // prefixes[i] and suffix offsets (Arrow-style: suffix i has length suffixEnds[i+1] - suffixEnds[i]).
        var prefixes = [Int32](repeating: 0, count: n)
        var suffixOffsets = [Int32](repeating: 0, count: n + 1)
        var suffixBytes = 0
        let base = values.data.baseAddress
        prefixes.withUnsafeMutableBufferPointer { pre in
            suffixOffsets.withUnsafeMutableBufferPointer { suf in
                var prevStart = 0, prevLength = 0
                for i in 0..<n {
                    let start = Int(values.offsets[i]), length = Int(values.offsets[i + 1]) - start
                    var prefix = 0
                    if i > 0, let base { prefix = commonPrefix(base + prevStart, base + start, limit: Swift.min(prevLength, length)) }
                    pre[i] = Int32(prefix)
                    suffixBytes += length - prefix
                    suf[i + 1] = Int32(suffixBytes)
                    prevStart = start
                    prevLength = length
                }
            }
        }
        prefixes.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        suffixOffsets.withUnsafeBufferPointer { DeltaBinaryPacked.encode(LengthDeltaSource(offsets: $0), into: &out) }
        guard suffixBytes > 0, let base else { return }
        out.append(upTo: suffixBytes) { p in
            var o = 0
            for i in 0..<n {
                let start = Int(values.offsets[i]) + Int(prefixes[i])
                let length = Int(values.offsets[i + 1]) - start
                copyBytes(from: base + start, to: p + o, count: length)
                o += length
            }
            return o
        }
    }

    /// FIXED_LEN_BYTE_ARRAY values: the same encoding, every length written.
    static func encode(_ values: FixedBytesView, into out: inout ByteWriter) {
        let n = values.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        for i in 0...n { offsets[i] = Int32(i * values.width) }
        offsets.withUnsafeBufferPointer { o in
            encode(ByteArrayView(offsets: o, data: values.data), into: &out)
        }
    }

    /// Decodes a stream of at most `maxCount` values. Throws `.malformed` when the two length
    /// streams disagree, a prefix is longer than the value before it, or the data is short.
    /// The decoded bytes are limited to 2^31 - 1 (Int32 offsets).
    static func decode(_ reader: inout ByteReader, maxCount: Int) throws(ParquetError) -> DecodedByteArrays {
        let prefixes = try DeltaBinaryPacked.decodeInt32(&reader, maxCount: maxCount)
        let suffixLengths = try DeltaBinaryPacked.decodeInt32(&reader, maxCount: maxCount)
        guard prefixes.count == suffixLengths.count else {
            throw ParquetError(.malformed, "DELTA_BYTE_ARRAY: \(prefixes.count) prefix lengths but \(suffixLengths.count) suffix lengths")
        }
        let suffixes = try DeltaLengthByteArray.readData(&reader, lengths: suffixLengths, encoding: "DELTA_BYTE_ARRAY")
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(prefixes.count + 1)
        var data: [UInt8] = []
        data.reserveCapacity(suffixes.data.count)
        var previousStart = 0, previousLength = 0
        for i in 0..<prefixes.count {
            let prefix = Int(prefixes[i])
            guard prefix >= 0 && prefix <= previousLength else {
                throw ParquetError(.malformed, "DELTA_BYTE_ARRAY: value \(i) has prefix length \(prefix) but the value before it has \(previousLength) bytes")
            }
            let suffix = Int(suffixLengths[i])
            guard data.count + prefix + suffix <= Int(Int32.max) else {
                throw ParquetError(.malformed, "DELTA_BYTE_ARRAY: decoded values exceed 2^31 - 1 bytes")
            }
            let start = data.count
            // Byte by byte: appending a slice of `data` to itself would copy the whole array.
            for k in 0..<prefix { data.append(data[previousStart + k]) }
            data.append(contentsOf: suffixes[i])
            offsets.append(Int32(data.count))
            previousStart = start
            previousLength = prefix + suffix
        }
        return DecodedByteArrays(offsets: offsets, data: data)
    }

    /// FIXED_LEN_BYTE_ARRAY: as `decode`, then checks every value is `width` bytes.
    static func decodeFixedBytes(_ reader: inout ByteReader, width: Int, maxCount: Int) throws(ParquetError) -> [UInt8] {
        let values = try decode(&reader, maxCount: maxCount)
        for i in 0..<values.count where Int(values.offsets[i + 1] - values.offsets[i]) != width {
            throw ParquetError(.malformed, "DELTA_BYTE_ARRAY: value \(i) has \(values.offsets[i + 1] - values.offsets[i]) bytes, the column's width is \(width)")
        }
        return values.data
    }
}
