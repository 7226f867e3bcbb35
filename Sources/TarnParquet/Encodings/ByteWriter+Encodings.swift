// Raw-pointer helpers the encoders share: write into reserved output with no per-value
// capacity checks (STYLE.md, "The hot path").

extension ByteWriter {
    /// Appends at most `maxCount` bytes that `body` writes through a raw pointer; `body` returns
    /// how many it wrote, and the rest is dropped. For outputs whose exact size is known only
    /// after encoding: reserve the worst case once, then write with no capacity checks.
    @inline(__always)
    mutating func append(upTo maxCount: Int, _ body: (UnsafeMutableRawPointer) -> Int) {
        var written = 0
        appendUninitialized(count: maxCount) { written = body($0) }
        precondition(written >= 0 && written <= maxCount, "encoder wrote past its reserved bound")
        bytes.removeLast(maxCount - written)
    }
}

/// Writes `value` as an unsigned LEB128 varint at `p`; returns the number of bytes (≤ 10).
@inline(__always)
func storeVarint(_ value: UInt64, at p: UnsafeMutableRawPointer) -> Int {
    var v = value
    var n = 0
    while v >= 0x80 {
        p.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: n, as: UInt8.self)
        v >>= 7
        n += 1
    }
    p.storeBytes(of: UInt8(v), toByteOffset: n, as: UInt8.self)
    return n + 1
}

/// ZigZag then LEB128: (n << 1) ^ (n >> 63).
@inline(__always)
func storeZigZag(_ value: Int64, at p: UnsafeMutableRawPointer) -> Int {
    storeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), at: p)
}

/// Copies `count` bytes (memcpy); a no-op for zero bytes or nil pointers.
@inline(__always)
func copyBytes(from src: UnsafeRawPointer?, to dst: UnsafeMutableRawPointer, count: Int) {
    guard count > 0, let src else { return }
    dst.copyMemory(from: src, byteCount: count)
}
