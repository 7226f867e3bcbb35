/// The buffers of one column, by layout. Fixed-width values are dense arrays with one slot
/// per row (a null row's slot holds 0); variable-width values are Arrow-style offsets into
/// one byte buffer; nested values hold child columns.
public enum ColumnValues: Sendable {
    case boolean(Bitmap)
    /// int8/16/32, uint8/16/32 (bit pattern), date, time(ms), decimal with precision ≤ 9.
    case int32([Int32])
    /// int64, uint64 (bit pattern), timestamp, time(us, ns), decimal with precision ≤ 18.
    case int64([Int64])
    /// decimal with precision 19...38 (unscaled).
    case int128([Int128])
    case float32([Float])
    case float64([Double])
    /// string, binary, json: value `i` is `data[offsets[i] ..< offsets[i + 1]]`; `offsets[0] == 0`.
    case bytes(offsets: [Int32], data: [UInt8])
    /// uuid: value `i` is `data[i * width ..< (i + 1) * width]`.
    case fixedBytes(width: Int, data: [UInt8])
    /// Element `j` of row `i` is child row `offsets[i] + j`, for `j < offsets[i + 1] - offsets[i]`.
    indirect case list(offsets: [Int32], element: Column)
    /// One child column per field, each with the struct's row count.
    case structure([Column])
    /// A list of entries: keys and values are parallel child columns.
    indirect case map(offsets: [Int32], keys: Column, values: Column)

    /// Number of rows these buffers hold (struct columns report their first child's; `nil`
    /// for a struct without children or a zero-width fixed column).
    public var rowCount: Int? {
        switch self {
        case .boolean(let bits): return bits.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .int128(let v): return v.count
        case .float32(let v): return v.count
        case .float64(let v): return v.count
        case .bytes(let offsets, _): return offsets.count - 1
        case .fixedBytes(let width, let data): return width > 0 ? data.count / width : nil
        case .list(let offsets, _), .map(let offsets, _, _): return offsets.count - 1
        case .structure(let children): return children.first?.count
        }
    }

    public var kind: StorageKind {
        switch self {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        case .int128: return .int128
        case .float32: return .float32
        case .float64: return .float64
        case .bytes: return .bytes
        case .fixedBytes(let width, _): return .fixedBytes(width)
        case .list: return .list
        case .structure: return .structure
        case .map: return .map
        }
    }
}
