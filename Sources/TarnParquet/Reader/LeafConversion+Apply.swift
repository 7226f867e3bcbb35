import TarnCore

extension LeafConversion {
    /// Turns dense physical values into the storage of `type`. Decimals are checked to fit
    /// their storage; anything that does not is a malformed file.
    func apply(_ values: ColumnValues, type: DataType, path: String) throws(ParquetError) -> ColumnValues {
        switch self {
        case .direct:
            return values
        case .resizeInteger:
            switch (values, type.storage) {
            case (.int32(let v), .int64): return .int64(v.map(Int64.init))
            case (.int32(let v), .int128): return .int128(v.map { Int128($0) })
            case (.int64(let v), .int128): return .int128(v.map { Int128($0) })
            case (.int64(let v), .int32):
                var out = [Int32]()
                out.reserveCapacity(v.count)
                for value in v {
                    guard let narrow = Int32(exactly: value) else { throw tooWide(path, type) }
                    out.append(narrow)
                }
                return .int32(out)
            default: return values
            }
        case .bigEndianDecimal:
            return try Self.decimals(values, type: type, path: path)
        case .float16ToFloat:
            guard case .fixedBytes(2, let data) = values else { return values }
            var out = [Float]()
            out.reserveCapacity(data.count / 2)
            for i in stride(from: 0, to: data.count, by: 2) {
                out.append(Float16Bits(UInt16(data[i]) | UInt16(data[i + 1]) << 8).value)
            }
            return .float32(out)
        case .fixedToBytes:
            guard case .fixedBytes(let width, let data) = values else { return values }
            let count = width > 0 ? data.count / width : 0
            guard data.count <= Int(Int32.max) else {
                throw ParquetError(.unsupported, "a column chunk holds more than 2 GiB of byte-array values", column: path)
            }
            return .bytes(offsets: (0...count).map { Int32($0 * width) }, data: data)
        }
    }

    private func tooWide(_ path: String, _ type: DataType) -> ParquetError {
        ParquetError(.malformed, "a value does not fit \(type)", column: path)
    }

    /// Big-endian two's complement values (each up to 16 significant bytes) as unscaled integers.
    private static func decimals(_ values: ColumnValues, type: DataType, path: String) throws(ParquetError) -> ColumnValues {
        let storage = type.storage
        var int32s: [Int32] = [], int64s: [Int64] = [], int128s: [Int128] = []
        func add(_ bytes: ArraySlice<UInt8>) throws(ParquetError) {
            var value: Int128 = 0
            let base = bytes.startIndex
            if let first = bytes.first {
                // Leading sign bytes beyond 16 are allowed as long as they only extend the sign.
                let negative = first >= 0x80
                let extra = Swift.max(0, bytes.count - 16)
                for k in 0..<extra where bytes[base + k] != (negative ? 0xFF : 0) {
                    throw ParquetError(.malformed, "a decimal value has more than 16 significant bytes", column: path)
                }
                value = negative ? -1 : 0
                for k in extra..<bytes.count { value = (value << 8) | Int128(bytes[base + k]) }
                if extra > 0, (value < 0) != negative {
                    throw ParquetError(.malformed, "a decimal value has more than 16 significant bytes", column: path)
                }
            }
            switch storage {
            case .int32:
                guard let v = Int32(exactly: value) else { throw ParquetError(.malformed, "a value does not fit \(type)", column: path) }
                int32s.append(v)
            case .int64:
                guard let v = Int64(exactly: value) else { throw ParquetError(.malformed, "a value does not fit \(type)", column: path) }
                int64s.append(v)
            default:
                int128s.append(value)
            }
        }
        switch values {
        case .bytes(let offsets, let data):
            for i in 0..<(offsets.count - 1) { try add(data[Int(offsets[i])..<Int(offsets[i + 1])]) }
        case .fixedBytes(let width, let data):
            for start in stride(from: 0, to: data.count, by: width) { try add(data[start..<(start + width)]) }
        default:
            return values
        }
        switch storage {
        case .int32: return .int32(int32s)
        case .int64: return .int64(int64s)
        default: return .int128(int128s)
        }
    }
}
