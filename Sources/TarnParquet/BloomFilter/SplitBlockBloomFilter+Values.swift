// Which bytes are hashed, per parquet-format BloomFilter.md: xxHash64 (seed 0) of the
// value's PLAIN encoding for INT32, INT64, FLOAT, DOUBLE and FIXED_LEN_BYTE_ARRAY, and
// of the bytes alone (no 4-byte length prefix) for BYTE_ARRAY. Floats hash their bit
// pattern, so 0.0 and -0.0 (and NaNs with different payloads) are different values.

extension SplitBlockBloomFilter {
    @inline(__always)
    package static func hash(_ value: Int32) -> UInt64 { XXHash64.hash(fourBytes: UInt32(bitPattern: value)) }

    @inline(__always)
    package static func hash(_ value: Int64) -> UInt64 { XXHash64.hash(eightBytes: UInt64(bitPattern: value)) }

    @inline(__always)
    package static func hash(_ value: Float) -> UInt64 { XXHash64.hash(fourBytes: value.bitPattern) }

    @inline(__always)
    package static func hash(_ value: Double) -> UInt64 { XXHash64.hash(eightBytes: value.bitPattern) }

    /// BYTE_ARRAY (the bytes without a length prefix) and FIXED_LEN_BYTE_ARRAY.
    @inline(__always)
    package static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 { XXHash64.hash(bytes) }

    package static func hash(bytes: [UInt8]) -> UInt64 { XXHash64.hash(bytes) }

    package mutating func insert(_ values: UnsafeBufferPointer<Int32>) {
        for value in values { insert(hash: Self.hash(value)) }
    }

    package mutating func insert(_ values: UnsafeBufferPointer<Int64>) {
        for value in values { insert(hash: Self.hash(value)) }
    }

    package mutating func insert(_ values: UnsafeBufferPointer<Float>) {
        for value in values { insert(hash: Self.hash(value)) }
    }

    package mutating func insert(_ values: UnsafeBufferPointer<Double>) {
        for value in values { insert(hash: Self.hash(value)) }
    }

    /// BYTE_ARRAY values in Arrow layout: value `i` is `data[offsets[i] ..< offsets[i + 1]]`.
    package mutating func insert(offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer) {
        guard offsets.count > 1 else { return }
        for i in 0..<(offsets.count - 1) {
            let start = Int(offsets[i]), end = Int(offsets[i + 1])
            precondition(start >= 0 && start <= end && end <= data.count, "byte array offsets out of bounds")
            insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: data[start..<end])))
        }
    }

    /// FIXED_LEN_BYTE_ARRAY values of `width` bytes each, back to back.
    package mutating func insert(fixedWidth width: Int, data: UnsafeRawBufferPointer) {
        precondition(width > 0 && data.count % width == 0, "data is not a whole number of \(width)-byte values")
        var start = 0
        while start < data.count {
            insert(hash: XXHash64.hash(UnsafeRawBufferPointer(rebasing: data[start..<(start + width)])))
            start += width
        }
    }
}
