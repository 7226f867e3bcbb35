/// A growable little-endian byte buffer that encoders append to.
///
/// Hot loops reserve the whole batch first (`reserve(additional:)`) and then write through
/// `appendUninitialized(count:_:)`, so there is no capacity check per value.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    mutating func reserve(additional: Int) {
        let needed = bytes.count + additional
        if needed > bytes.capacity { bytes.reserveCapacity(Swift.max(needed, bytes.capacity * 2)) }
    }

    mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always)
    mutating func write<T: FixedWidthInteger>(littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func write(_ value: Float) { write(littleEndian: value.bitPattern) }

    @inline(__always)
    mutating func write(_ value: Double) { write(littleEndian: value.bitPattern) }

    mutating func write(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    mutating func write(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func write(_ other: ArraySlice<UInt8>) { bytes.append(contentsOf: other) }

    /// Unsigned LEB128 varint, as used by Thrift compact and the RLE / delta encodings.
    @inline(__always)
    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// ZigZag-encoded signed varint: (n << 1) ^ (n >> 63).
    @inline(__always)
    mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends `count` bytes that `body` writes through a raw pointer. The bytes are
    /// zero-filled first, so `body` may leave some of them untouched.
    @inline(__always)
    mutating func appendUninitialized(count: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        let start = bytes.count
        reserve(additional: count)
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { body($0.baseAddress! + start) }
    }

    /// Overwrites four bytes at `offset` with `value` little-endian (for length prefixes
    /// written after their payload).
    mutating func patch(uint32 value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= bytes.count)
        withUnsafeBytes(of: value.littleEndian) { src in
            for i in 0..<4 { bytes[offset + i] = src[i] }
        }
    }
}
