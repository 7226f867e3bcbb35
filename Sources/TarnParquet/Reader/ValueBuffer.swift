import TarnCore

/// The present (non-null) values of one leaf column, decoded page after page into one
/// contiguous buffer of the leaf's physical type. INT96 arrives here already converted to
/// nanoseconds since the epoch, so it shares the INT64 buffer.
///
/// Only the buffer of `kind` is used; the others stay empty. Separate arrays (rather than
/// one enum with payloads) let pages append in place without copy-on-write copies.
struct ValueBuffer {
    enum Kind: Equatable {
        case boolean, int32, int64, float, double, bytes
        case fixedBytes(width: Int)
    }

    let kind: Kind
    var bits = Bitmap()
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// BYTE_ARRAY: value i is `data[offsets[i] ..< offsets[i + 1]]`. FIXED_LEN_BYTE_ARRAY:
    /// value i is `data[i * width ..< (i + 1) * width]`.
    var offsets: [Int32] = [0]
    var data: [UInt8] = []

    init(kind: Kind) {
        self.kind = kind
    }

    init(physicalType: PhysicalType, typeLength: Int) {
        switch physicalType {
        case .boolean: kind = .boolean
        case .int32: kind = .int32
        case .int64, .int96: kind = .int64
        case .float: kind = .float
        case .double: kind = .double
        case .byteArray: kind = .bytes
        default: kind = .fixedBytes(width: typeLength)
        }
    }

    var count: Int {
        switch kind {
        case .boolean: return bits.count
        case .int32: return int32s.count
        case .int64: return int64s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .bytes: return offsets.count - 1
        case .fixedBytes(let width): return width > 0 ? data.count / width : 0
        }
    }

    // MARK: Appending decoded pages

    mutating func append(booleanWords words: [UInt64], count: Int) {
        words.withUnsafeBufferPointer { bits.append(words: $0, range: 0..<count) }
    }

    /// Appends byte arrays decoded with offsets from 0 (`DecodedByteArrays`).
    mutating func append(_ values: DecodedByteArrays) throws(ParquetError) {
        let base = Int(offsets[offsets.count - 1])
        guard base + values.data.count <= Int(Int32.max) else {
            throw ParquetError(.unsupported, "a column chunk holds more than 2 GiB of byte-array values")
        }
        data.append(contentsOf: values.data)
        offsets.reserveCapacity(offsets.count + values.count)
        let shift = Int32(base)
        for i in 1..<values.offsets.count { offsets.append(values.offsets[i] + shift) }
    }

    /// Appends FIXED_LEN_BYTE_ARRAY values back to back.
    mutating func append(fixedBytes bytes: [UInt8]) {
        data.append(contentsOf: bytes)
    }

    /// Appends the INT96 values as nanoseconds since 1970-01-01 (the Impala / Spark layout:
    /// 8 bytes of nanoseconds within the day, then a 4-byte Julian day; day 2440588 is the
    /// epoch). The day is unsigned and out-of-range values wrap, as in Arrow's
    /// `Int96GetNanoSeconds`.
    mutating func append(int96 values: [Int96]) {
        int64s.reserveCapacity(int64s.count + values.count)
        for value in values {
            let days = Int64(value.high) &- 2_440_588
            int64s.append(days &* 86_400_000_000_000 &+ Int64(bitPattern: value.low))
        }
    }

    /// Appends `dictionary[index]` for each index, checking every index.
    mutating func append(from dictionary: ValueBuffer, indices: [UInt32]) throws(ParquetError) {
        let size = dictionary.count
        for index in indices where Int(index) >= size {
            throw ParquetError(.malformed, "dictionary index \(index) is out of range (the dictionary has \(size) entries)")
        }
        switch kind {
        case .boolean:
            bits.reserveCapacity(bits.count + indices.count)
            for index in indices { bits.append(dictionary.bits[Int(index)]) }
        case .int32: gather(dictionary.int32s, indices, into: &int32s)
        case .int64: gather(dictionary.int64s, indices, into: &int64s)
        case .float: gather(dictionary.floats, indices, into: &floats)
        case .double: gather(dictionary.doubles, indices, into: &doubles)
        case .bytes:
            var total = Int(offsets[offsets.count - 1])
            for index in indices {
                total += Int(dictionary.offsets[Int(index) + 1] - dictionary.offsets[Int(index)])
            }
            guard total <= Int(Int32.max) else {
                throw ParquetError(.unsupported, "a column chunk holds more than 2 GiB of byte-array values")
            }
            data.reserveCapacity(total)
            offsets.reserveCapacity(offsets.count + indices.count)
            dictionary.data.withUnsafeBufferPointer { source in
                for index in indices {
                    let start = Int(dictionary.offsets[Int(index)]), end = Int(dictionary.offsets[Int(index) + 1])
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end]))
                    offsets.append(Int32(data.count))
                }
            }
        case .fixedBytes(let width):
            data.reserveCapacity(data.count + indices.count * width)
            dictionary.data.withUnsafeBufferPointer { source in
                for index in indices {
                    let start = Int(index) * width
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<(start + width)]))
                }
            }
        }
    }

    private func gather<T>(_ source: [T], _ indices: [UInt32], into out: inout [T]) {
        out.reserveCapacity(out.count + indices.count)
        source.withUnsafeBufferPointer { s in
            for index in indices { out.append(s[Int(index)]) }
        }
    }

    /// Appends all values of `other` (same kind): row groups read one after another.
    mutating func append(contentsOf other: ValueBuffer) throws(ParquetError) {
        switch kind {
        case .boolean: other.bits.words.withUnsafeBufferPointer { bits.append(words: $0, range: 0..<other.bits.count) }
        case .int32: int32s.append(contentsOf: other.int32s)
        case .int64: int64s.append(contentsOf: other.int64s)
        case .float: floats.append(contentsOf: other.floats)
        case .double: doubles.append(contentsOf: other.doubles)
        case .bytes: try append(DecodedByteArrays(offsets: other.offsets, data: other.data))
        case .fixedBytes: data.append(contentsOf: other.data)
        }
    }

    /// Keeps the first `n` values.
    mutating func truncate(to n: Int) {
        guard n < count else { return }
        switch kind {
        case .boolean: bits = Bitmap(words: bits.words, count: n)
        case .int32: int32s.removeSubrange(n...)
        case .int64: int64s.removeSubrange(n...)
        case .float: floats.removeSubrange(n...)
        case .double: doubles.removeSubrange(n...)
        case .bytes:
            offsets.removeSubrange((n + 1)...)
            data.removeSubrange(Int(offsets[n])...)
        case .fixedBytes(let width): data.removeSubrange((n * width)...)
        }
    }

    /// The values as a column buffer of the physical layout (FIXED_LEN_BYTE_ARRAY as
    /// `fixedBytes`, even of width 0).
    func finish() -> ColumnValues {
        switch kind {
        case .boolean: return .boolean(bits)
        case .int32: return .int32(int32s)
        case .int64: return .int64(int64s)
        case .float: return .float32(floats)
        case .double: return .float64(doubles)
        case .bytes: return .bytes(offsets: offsets, data: data)
        case .fixedBytes(let width): return .fixedBytes(width: width, data: data)
        }
    }
}
