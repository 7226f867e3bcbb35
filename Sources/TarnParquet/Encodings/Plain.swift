// PLAIN (= 0), Encodings.md:
//
//   "Values are encoded back to back."
//    - BOOLEAN: bit-packed, LSB first (using the same packing scheme as the RLE/bit-packing hybrid)
//    - INT32: 4 bytes little endian
//    - INT64: 8 bytes little endian
//    - INT96: 12 bytes little endian (deprecated)
//    - FLOAT: 4 bytes IEEE little endian
//    - DOUBLE: 8 bytes IEEE little endian
//    - BYTE_ARRAY: length in 4 bytes little endian followed by the bytes contained in the array
//    - FIXED_LEN_BYTE_ARRAY: the bytes contained in the array
//
// Fixed-width values are one memory copy (the encodings assume a little-endian machine).

enum PlainEncoding {
    // MARK: Encoding

    /// Booleans from a bitmap (value i is bit `bitOffset + i` of `words`, least significant
    /// first), packed LSB first into `(count + 7) / 8` bytes.
    static func encodeBooleans(words: UnsafeBufferPointer<UInt64>, bitOffset: Int = 0, count: Int, into out: inout ByteWriter) {
        precondition(bitOffset >= 0 && count >= 0 && (bitOffset + count + 63) / 64 <= words.count, "bitmap too short")
        let byteCount = (count + 7) / 8
        guard byteCount > 0 else { return }
        out.appendUninitialized(count: byteCount) { p in
            RLEHybrid.copyBits(words: words, bitOffset: bitOffset, count: count, to: p)
        }
    }

    static func encode(_ values: UnsafeBufferPointer<Int32>, into out: inout ByteWriter) { encodeFixed(values, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter) { encodeFixed(values, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Float>, into out: inout ByteWriter) { encodeFixed(values, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) { encodeFixed(values, into: &out) }

    @inline(__always)
    private static func encodeFixed<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>, into out: inout ByteWriter) {
        let byteCount = values.count * MemoryLayout<T>.size
        guard byteCount > 0 else { return }
        out.appendUninitialized(count: byteCount) { p in
            p.copyMemory(from: values.baseAddress!, byteCount: byteCount)
        }
    }

    /// BYTE_ARRAY: each value as its 4-byte little-endian length and its bytes.
    static func encode(_ values: ByteArrayView, into out: inout ByteWriter) {
        let n = values.count
        guard n > 0 else { return }
        let dataBytes = Int(values.offsets[n]) - Int(values.offsets[0])
        precondition(dataBytes >= 0, "ByteArrayView offsets decrease")
        let total = dataBytes + 4 * n
        let offsets = values.offsets.baseAddress!
        let data = values.data.baseAddress
        out.appendUninitialized(count: total) { p in
            var o = 0
            var start = Int(offsets[0])
            for i in 0..<n {
                let end = Int(offsets[i + 1])
                let length = end - start
                p.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: o, as: UInt32.self)
                copyBytes(from: data.map { $0 + start }, to: p + o + 4, count: length)
                o += 4 + length
                start = end
            }
            precondition(o == total, "ByteArrayView offsets decrease")
        }
    }

    /// FIXED_LEN_BYTE_ARRAY: the values back to back.
    static func encode(_ values: FixedBytesView, into out: inout ByteWriter) {
        let byteCount = values.count * values.width
        guard byteCount > 0 else { return }
        out.write(UnsafeRawBufferPointer(rebasing: values.data[0..<byteCount]))
    }

    // MARK: Decoding

    /// Throws unless `count` values of `width` bytes remain, without overflowing.
    private static func requireValues(_ reader: ByteReader, count: Int, width: Int, type: String) throws(ParquetError) {
        guard count >= 0, width == 0 || count <= reader.remaining / width else {
            throw ParquetError(.malformed, "PLAIN \(type): \(count) values need \(count) × \(width) bytes at offset \(reader.position), \(reader.remaining) left")
        }
    }

    /// `count` booleans as a bitmap (value i is bit i % 64 of word i / 64).
    static func decodeBooleans(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [UInt64] {
        guard count >= 0, (count + 7) / 8 <= reader.remaining else {
            throw ParquetError(.malformed, "PLAIN BOOLEAN: \(count) values need \((count + 7) / 8) bytes at offset \(reader.position), \(reader.remaining) left")
        }
        let bytes = try reader.readBytes((count + 7) / 8)
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        words.withUnsafeMutableBytes { w in copyBytes(from: bytes.baseAddress, to: w.baseAddress!, count: bytes.count) }
        if count % 64 != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(count % 64)) - 1 }
        return words
    }

    static func decodeInt32(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Int32] {
        try decodeFixed(&reader, count: count, type: "INT32")
    }

    static func decodeInt64(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Int64] {
        try decodeFixed(&reader, count: count, type: "INT64")
    }

    static func decodeFloat(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Float] {
        try decodeFixed(&reader, count: count, type: "FLOAT")
    }

    static func decodeDouble(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Double] {
        try decodeFixed(&reader, count: count, type: "DOUBLE")
    }

    static func decodeInt96(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Int96] {
        try requireValues(reader, count: count, width: 12, type: "INT96")
        var values: [Int96] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            let low = try reader.read(littleEndian: UInt64.self)
            let high = try reader.read(littleEndian: UInt32.self)
            values.append(Int96(low: low, high: high))
        }
        return values
    }

    private static func decodeFixed<T: BitwiseCopyable & Numeric>(_ reader: inout ByteReader, count: Int, type: String) throws(ParquetError) -> [T] {
        let size = MemoryLayout<T>.size
        try requireValues(reader, count: count, width: size, type: type)
        let bytes = try reader.readBytes(count * size)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: count * size)
            }
            initialized = count
        }
    }

    /// `count` BYTE_ARRAY values; each length is checked against the bytes left.
    static func decodeByteArrays(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> DecodedByteArrays {
        // Each value takes at least its 4-byte length, which bounds `count` by the input.
        try requireValues(reader, count: count, width: 4, type: "BYTE_ARRAY")
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(count + 1)
        var data: [UInt8] = []
        data.reserveCapacity(reader.remaining - 4 * count)
        for _ in 0..<count {
            let at = reader.position
            let length = Int(try reader.read(littleEndian: UInt32.self))
            guard length <= reader.remaining else {
                throw ParquetError(.malformed, "PLAIN BYTE_ARRAY: length \(length) at offset \(at) runs past the end (\(reader.remaining) bytes left)")
            }
            data.append(contentsOf: try reader.readBytes(length))
            offsets.append(Int32(data.count))
        }
        return DecodedByteArrays(offsets: offsets, data: data)
    }

    /// `count` FIXED_LEN_BYTE_ARRAY values of `width` bytes, back to back.
    static func decodeFixedBytes(_ reader: inout ByteReader, width: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard width > 0 else { throw ParquetError(.malformed, "FIXED_LEN_BYTE_ARRAY width \(width) must be positive") }
        try requireValues(reader, count: count, width: width, type: "FIXED_LEN_BYTE_ARRAY(\(width))")
        return Array(try reader.readBytes(count * width))
    }
}
