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
            case 4:
                let blocks = transpose4(src, n, dst)
                scatter(src, n, dst, UInt32.self, from: blocks * 4)
            case 8:
                let blocks = transpose8(src, n, dst)
                scatter(src, n, dst, UInt64.self, from: blocks * 8)
            default:
                // Stream by stream: sequential writes, strided reads.
                for k in 0..<width {
                    let stream = dst + k * n
                    for i in 0..<n { stream.storeBytes(of: src.load(fromByteOffset: i * width + k, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
                }
            }
        }
    }

    /// Values `start..<n` one at a time: one load per value, one byte to each stream.
    @inline(__always)
    private static func scatter<W: FixedWidthInteger & UnsignedInteger>(_ src: UnsafeRawPointer, _ n: Int, _ dst: UnsafeMutableRawPointer, _: W.Type, from start: Int) {
        let width = MemoryLayout<W>.size
        let out = dst.assumingMemoryBound(to: UInt8.self)
        for i in start..<n {
            let v = W(littleEndian: src.loadUnaligned(fromByteOffset: i * width, as: W.self))
            for k in 0..<width { out[k * n + i] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        }
    }

    /// Eight 8-byte values at a time: an 8×8 byte transpose in registers (swap 4-, 2-, then
    /// 1-byte blocks), then one 8-byte store per stream. Returns the number of blocks done.
    @inline(__always)
    private static func transpose8(_ src: UnsafeRawPointer, _ n: Int, _ dst: UnsafeMutableRawPointer) -> Int {
        let blocks = n / 8
        for b in 0..<blocks {
            let s = src + b * 64
            var r0 = s.loadUnaligned(fromByteOffset: 0, as: UInt64.self), r1 = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            var r2 = s.loadUnaligned(fromByteOffset: 16, as: UInt64.self), r3 = s.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            var r4 = s.loadUnaligned(fromByteOffset: 32, as: UInt64.self), r5 = s.loadUnaligned(fromByteOffset: 40, as: UInt64.self)
            var r6 = s.loadUnaligned(fromByteOffset: 48, as: UInt64.self), r7 = s.loadUnaligned(fromByteOffset: 56, as: UInt64.self)
            @inline(__always) func swap(_ a: inout UInt64, _ b: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
                let t = ((a >> shift) ^ b) & mask
                a ^= t << shift
                b ^= t
            }
            let m32: UInt64 = 0x0000_0000_FFFF_FFFF, m16: UInt64 = 0x0000_FFFF_0000_FFFF, m8: UInt64 = 0x00FF_00FF_00FF_00FF
            swap(&r0, &r4, 32, m32); swap(&r1, &r5, 32, m32); swap(&r2, &r6, 32, m32); swap(&r3, &r7, 32, m32)
            swap(&r0, &r2, 16, m16); swap(&r1, &r3, 16, m16); swap(&r4, &r6, 16, m16); swap(&r5, &r7, 16, m16)
            swap(&r0, &r1, 8, m8); swap(&r2, &r3, 8, m8); swap(&r4, &r5, 8, m8); swap(&r6, &r7, 8, m8)
            let o = b * 8
            dst.storeBytes(of: r0, toByteOffset: o, as: UInt64.self)
            dst.storeBytes(of: r1, toByteOffset: n + o, as: UInt64.self)
            dst.storeBytes(of: r2, toByteOffset: 2 * n + o, as: UInt64.self)
            dst.storeBytes(of: r3, toByteOffset: 3 * n + o, as: UInt64.self)
            dst.storeBytes(of: r4, toByteOffset: 4 * n + o, as: UInt64.self)
            dst.storeBytes(of: r5, toByteOffset: 5 * n + o, as: UInt64.self)
            dst.storeBytes(of: r6, toByteOffset: 6 * n + o, as: UInt64.self)
            dst.storeBytes(of: r7, toByteOffset: 7 * n + o, as: UInt64.self)
        }
        return blocks
    }

    /// Four 4-byte values at a time: a 4×4 byte transpose (swap 2-, then 1-byte blocks).
    @inline(__always)
    private static func transpose4(_ src: UnsafeRawPointer, _ n: Int, _ dst: UnsafeMutableRawPointer) -> Int {
        let blocks = n / 4
        for b in 0..<blocks {
            let s = src + b * 16
            var r0 = s.loadUnaligned(fromByteOffset: 0, as: UInt32.self), r1 = s.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            var r2 = s.loadUnaligned(fromByteOffset: 8, as: UInt32.self), r3 = s.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
            @inline(__always) func swap(_ a: inout UInt32, _ b: inout UInt32, _ shift: UInt32, _ mask: UInt32) {
                let t = ((a >> shift) ^ b) & mask
                a ^= t << shift
                b ^= t
            }
            swap(&r0, &r2, 16, 0x0000_FFFF); swap(&r1, &r3, 16, 0x0000_FFFF)
            swap(&r0, &r1, 8, 0x00FF_00FF); swap(&r2, &r3, 8, 0x00FF_00FF)
            let o = b * 4
            dst.storeBytes(of: r0, toByteOffset: o, as: UInt32.self)
            dst.storeBytes(of: r1, toByteOffset: n + o, as: UInt32.self)
            dst.storeBytes(of: r2, toByteOffset: 2 * n + o, as: UInt32.self)
            dst.storeBytes(of: r3, toByteOffset: 3 * n + o, as: UInt32.self)
        }
        return blocks
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
