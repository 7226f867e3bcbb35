// BYTE_STREAM_SPLIT (= 9), Encodings.md:
//
//   "This encoding creates K byte-streams of length N where K is the size in bytes of the data
//    type and N is the number of elements in the data sequence."
//   "The bytes of each value are scattered to the corresponding streams. The 0-th byte goes to
//    the 0-th stream, the 1-st byte goes to the 1-st stream and so on. The streams are
//    concatenated in the following order: 0-th stream, 1-st stream, etc."
//   "the end of the streams is also the end of data page. No padding is allowed."
//
//   AA BB CC DD  00 11 22 33  A3 B4 C5 D6  →  AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6
//
// For FIXED_LEN_BYTE_ARRAY(W), K = W.

enum ByteStreamSplit {
    static func encode(_ values: UnsafeBufferPointer<Float>, into out: inout ByteWriter) { encode(raw: UnsafeRawBufferPointer(values), width: 4, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) { encode(raw: UnsafeRawBufferPointer(values), width: 8, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Int32>, into out: inout ByteWriter) { encode(raw: UnsafeRawBufferPointer(values), width: 4, into: &out) }
    static func encode(_ values: UnsafeBufferPointer<Int64>, into out: inout ByteWriter) { encode(raw: UnsafeRawBufferPointer(values), width: 8, into: &out) }

    static func encode(_ values: FixedBytesView, into out: inout ByteWriter) {
        encode(raw: UnsafeRawBufferPointer(rebasing: values.data[0 ..< values.count * values.width]), width: values.width, into: &out)
    }

    /// Scatters `raw` (values of `width` bytes, back to back) into `width` streams.
    static func encode(raw: UnsafeRawBufferPointer, width: Int, into out: inout ByteWriter) {
        precondition(width > 0 && raw.count % width == 0)
        let n = raw.count / width
        guard n > 0 else { return }
        let src = raw.baseAddress!
        out.appendUninitialized(count: raw.count) { dst in
            switch width {
            case 4: scatter(src, n, dst, UInt32.self)
            case 8: scatter(src, n, dst, UInt64.self)
            default:
                // Stream by stream: sequential writes, strided reads.
                for k in 0..<width {
                    let stream = dst + k * n
                    for i in 0..<n { stream.storeBytes(of: src.load(fromByteOffset: i * width + k, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
                }
            }
        }
    }

    /// One load per value, one byte to each stream.
    @inline(__always)
    private static func scatter<W: FixedWidthInteger & UnsignedInteger>(_ src: UnsafeRawPointer, _ n: Int, _ dst: UnsafeMutableRawPointer, _: W.Type) {
        let width = MemoryLayout<W>.size
        let out = dst.assumingMemoryBound(to: UInt8.self)
        for i in 0..<n {
            let v = W(littleEndian: src.loadUnaligned(fromByteOffset: i * width, as: W.self))
            for k in 0..<width { out[k * n + i] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        }
    }

    /// Gathers `count` values of `width` bytes from the next `count * width` bytes.
    static func decode(_ reader: inout ByteReader, width: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard width > 0, count >= 0, count <= reader.remaining / width else {
            throw ParquetError(.malformed, "BYTE_STREAM_SPLIT: \(count) values of \(width) bytes do not fit in the \(reader.remaining) bytes left at offset \(reader.position)")
        }
        let src = try reader.readBytes(count * width)
        var out = [UInt8](repeating: 0, count: count * width)
        guard count > 0 else { return out }
        out.withUnsafeMutableBufferPointer { dst in
            for k in 0..<width {
                let stream = src.baseAddress! + k * count
                for i in 0..<count { dst[i * width + k] = stream.load(fromByteOffset: i, as: UInt8.self) }
            }
        }
        return out
    }

    static func decodeFloat(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Float] { try decodeTyped(&reader, count: count) }
    static func decodeDouble(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Double] { try decodeTyped(&reader, count: count) }
    static func decodeInt32(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Int32] { try decodeTyped(&reader, count: count) }
    static func decodeInt64(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [Int64] { try decodeTyped(&reader, count: count) }

    private static func decodeTyped<T: BitwiseCopyable & Numeric>(_ reader: inout ByteReader, count: Int) throws(ParquetError) -> [T] {
        let bytes = try decode(&reader, width: MemoryLayout<T>.size, count: count)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { b in
                if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: b.baseAddress!, byteCount: b.count) }
            }
            initialized = count
        }
    }
}
