import TarnCore

/// A run of dense (non-null) values in their Parquet physical form, borrowed for the
/// duration of one call. Column writers take these once per slice, never per value.
enum PhysicalSlice {
    case boolean(words: UnsafeBufferPointer<UInt64>, range: Range<Int>)
    case int32(UnsafeBufferPointer<Int32>)
    case int64(UnsafeBufferPointer<Int64>)
    case float(UnsafeBufferPointer<Float>)
    case double(UnsafeBufferPointer<Double>)
    case byteArray(ByteArrayView)
    case fixed(FixedBytesView)

    var count: Int {
        switch self {
        case .boolean(_, let range): return range.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .byteArray(let v): return v.count
        case .fixed(let v): return v.count
        }
    }
}

extension ColumnDescriptor {
    /// Calls `body` with dense `values[range]` converted to this column's physical type,
    /// after checking what the type promises (UTF-8 text, decimal precision, integer width).
    func withPhysicalSlice<R>(of values: ColumnValues, range: Range<Int>, validateUTF8: Bool,
                              _ body: (PhysicalSlice) throws -> R) throws -> R {
        switch (values, conversion) {
        case (.boolean(let bits), _):
            return try bits.words.withUnsafeBufferPointer { words in try body(.boolean(words: words, range: range)) }
        case (.int32(let array), .timeMillisToMicros):
            let micros = array[range].map { Int64($0) * 1_000 }
            return try micros.withUnsafeBufferPointer { p in try body(.int64(p)) }
        case (.int32(let array), _):
            return try array.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[range])
                try checkRange(p)
                return try body(.int32(p))
            }
        case (.int64(let array), _):
            return try array.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[range])
                try checkRange(p)
                return try body(.int64(p))
            }
        case (.float32(let array), _):
            return try array.withUnsafeBufferPointer { all in try body(.float(UnsafeBufferPointer(rebasing: all[range]))) }
        case (.float64(let array), _):
            return try array.withUnsafeBufferPointer { all in try body(.double(UnsafeBufferPointer(rebasing: all[range]))) }
        case (.int128(let array), .decimal128ToFixed(let width)):
            let fixed = try decimalBytes(array[range], width: width)
            return try fixed.withUnsafeBytes { raw in try body(.fixed(FixedBytesView(data: raw, width: width, count: range.count))) }
        case (.fixedBytes(16, let data), .uuidToString):
            let (offsets, text) = uuidStrings(data, range: range)
            return try offsets.withUnsafeBufferPointer { o in
                try text.withUnsafeBytes { t in try body(.byteArray(ByteArrayView(offsets: o, data: t))) }
            }
        case (.fixedBytes(let width, let data), _):
            return try data.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[(range.lowerBound * width)..<(range.upperBound * width)])
                return try body(.fixed(FixedBytesView(data: slice, width: width, count: range.count)))
            }
        case (.bytes(let offsets, let data), _):
            return try offsets.withUnsafeBufferPointer { all in
                try data.withUnsafeBytes { raw in
                    let view = ByteArrayView(offsets: UnsafeBufferPointer(rebasing: all[range.lowerBound...range.upperBound]), data: raw)
                    if validateUTF8, field.type == .string || field.type == .json { try checkUTF8(view) }
                    return try body(.byteArray(view))
                }
            }
        default:
            throw ParquetError(.invalidInput, "storage \(values.kind) cannot be written as \(field.type)", column: dottedPath)
        }
    }

    /// Narrow integers and decimals must fit their declared width or precision; a value that
    /// does not would be read back as a different number.
    private func checkRange<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>) throws {
        let bounds: ClosedRange<Int64>
        switch field.type {
        case .int8: bounds = -128...127
        case .int16: bounds = -32_768...32_767
        case .uint8: bounds = 0...255
        case .uint16: bounds = 0...65_535
        case .decimal(let precision, _) where precision <= 18:
            var limit: Int64 = 1
            for _ in 0..<precision { limit *= 10 }
            bounds = (1 - limit)...(limit - 1)
        default: return
        }
        for (i, v) in values.enumerated() where !bounds.contains(Int64(v)) {
            throw ParquetError(.invalidInput, "value \(v) (at position \(i) of the slice) does not fit \(field.type)", column: dottedPath)
        }
    }

    private func checkUTF8(_ view: ByteArrayView) throws {
        guard view.count > 0 else { return }
        let start = Int(view.offsets[0]), end = Int(view.offsets[view.count])
        let bytes = UnsafeRawBufferPointer(rebasing: view.data[start..<end])
        guard let bad = UTF8Validation.firstInvalidOffset(in: bytes) else { return }
        // Name the value: the last offset at or before the bad byte.
        var index = 0
        while index + 1 < view.count && Int(view.offsets[index + 1]) - start <= bad { index += 1 }
        throw ParquetError(.invalidInput, "value \(index) of the slice is not valid UTF-8 (byte \(bad + start - Int(view.offsets[index])))", column: dottedPath)
    }

    /// Unscaled Int128 decimals → big-endian two's complement in `width` bytes.
    private func decimalBytes(_ values: ArraySlice<Int128>, width: Int) throws -> [UInt8] {
        guard case .decimal(let precision, _) = field.type else { return [] }
        var limit: Int128 = 1
        for _ in 0..<precision { limit *= 10 }
        var out = [UInt8](repeating: 0, count: values.count * width)
        var position = 0
        for v in values {
            if v >= limit || v <= -limit {
                throw ParquetError(.invalidInput, "value \(v) has more than \(precision) digits for \(field.type)", column: dottedPath)
            }
            var x = UInt128(bitPattern: v)
            for k in stride(from: width - 1, through: 0, by: -1) {
                out[position + k] = UInt8(truncatingIfNeeded: x)
                x >>= 8
            }
            position += width
        }
        return out
    }

    /// 16-byte UUIDs → `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    private func uuidStrings(_ data: [UInt8], range: Range<Int>) -> ([Int32], [UInt8]) {
        var offsets = [Int32](unsafeUninitializedCapacity: range.count + 1) { buffer, count in
            for i in 0...range.count { buffer[i] = Int32(i * 36) }
            count = range.count + 1
        }
        // Straight into the output through raw pointers (one append per value cost more
        // than the formatting), two hex digits per table lookup and store.
        let text = [UInt8](unsafeUninitializedCapacity: range.count * 36) { out, count in
            data.withUnsafeBufferPointer { source in
                let hex = hexPairs
                let dash = UInt8(ascii: "-")
                let o = UnsafeMutableRawPointer(out.baseAddress!)
                var position = 0
                for row in range {
                    let value = source.baseAddress! + row * 16
                    @inline(__always) func pairs(_ from: Int, _ to: Int) {
                        for k in from..<to {
                            o.storeBytes(of: hex[Int(value[k])], toByteOffset: position, as: UInt16.self)
                            position &+= 2
                        }
                    }
                    pairs(0, 4); o.storeBytes(of: dash, toByteOffset: position, as: UInt8.self); position &+= 1
                    pairs(4, 6); o.storeBytes(of: dash, toByteOffset: position, as: UInt8.self); position &+= 1
                    pairs(6, 8); o.storeBytes(of: dash, toByteOffset: position, as: UInt8.self); position &+= 1
                    pairs(8, 10); o.storeBytes(of: dash, toByteOffset: position, as: UInt8.self); position &+= 1
                    pairs(10, 16)
                }
                count = position
            }
        }
        offsets[0] = 0
        return (offsets, text)
    }
}

/// Each byte as its two lowercase hex digits, in memory order (allocated once, never freed).
private let hexPairs: UnsafePointer<UInt16> = {
    let digits = Array("0123456789abcdef".utf8)
    let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
    for byte in 0..<256 {
        let pair = [digits[byte >> 4], digits[byte & 15]]
        table[byte] = pair.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
    }
    return UnsafePointer(table)
}()
