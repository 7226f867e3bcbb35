/// A bounds-checked little-endian cursor over bytes that may come from a corrupt file.
///
/// Every read checks the remaining length first and throws `ParquetError` (kind
/// `.malformed`) instead of trapping, so a bad file never reads out of bounds.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var position: Int

    init(_ buffer: UnsafeRawBufferPointer, position: Int = 0) {
        self.buffer = buffer
        self.position = position
    }

    var remaining: Int { buffer.count - position }
    var isAtEnd: Bool { position >= buffer.count }

    @inline(__always)
    func require(_ count: Int) throws(ParquetError) {
        if count < 0 || count > buffer.count - position {
            throw ParquetError(.malformed, "unexpected end of data: need \(count) bytes at offset \(position), \(Swift.max(0, buffer.count - position)) left")
        }
    }

    @inline(__always)
    mutating func readByte() throws(ParquetError) -> UInt8 {
        try require(1)
        defer { position += 1 }
        return buffer[position]
    }

    @inline(__always)
    mutating func read<T: FixedWidthInteger>(littleEndian type: T.Type) throws(ParquetError) -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        defer { position += size }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    mutating func readFloat() throws(ParquetError) -> Float { Float(bitPattern: try read(littleEndian: UInt32.self)) }
    mutating func readDouble() throws(ParquetError) -> Double { Double(bitPattern: try read(littleEndian: UInt64.self)) }

    /// Returns a view of the next `count` bytes (valid while `buffer` is).
    mutating func readBytes(_ count: Int) throws(ParquetError) -> UnsafeRawBufferPointer {
        try require(count)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<(position + count)])
    }

    mutating func skip(_ count: Int) throws(ParquetError) {
        try require(count)
        position += count
    }

    /// Unsigned LEB128; at most ten bytes.
    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw ParquetError(.malformed, "varint overflows 64 bits at offset \(position - 1)") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw ParquetError(.malformed, "varint longer than 10 bytes at offset \(position - 1)") }
        }
    }

    mutating func readZigZag() throws(ParquetError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }
}
