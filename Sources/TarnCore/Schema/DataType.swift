/// The logical types Tarn carries between modules. Each maps to one Parquet physical +
/// logical type (TarnParquet) and to one Hive type name (the catalog).
public indirect enum DataType: Hashable, Sendable {
    case boolean
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64
    /// Fixed-point: `precision` significant digits (1...38), `scale` of them after the point.
    case decimal(precision: Int, scale: Int)
    /// UTF-8 text.
    case string
    case binary
    /// Days since 1970-01-01.
    case date
    /// Time of day since midnight.
    case time(TimeUnit)
    /// Instant since the Unix epoch; `utc` false means a local (wall-clock) time.
    case timestamp(TimeUnit, utc: Bool)
    /// 16 bytes, RFC 4122 order.
    case uuid
    /// JSON text.
    case json
    case list(Field)
    case structure([Field])
    /// A map is a list of key/value entries; keys are never null.
    case map(key: Field, value: Field)

    public var isNested: Bool {
        switch self {
        case .list, .structure, .map: return true
        default: return false
        }
    }

    /// How a column of this type stores its values (see `ColumnValues`).
    public var storage: StorageKind {
        switch self {
        case .boolean: return .boolean
        case .int8, .int16, .int32, .uint8, .uint16, .uint32, .date: return .int32
        case .int64, .uint64, .timestamp: return .int64
        case .time(let unit): return unit == .milliseconds ? .int32 : .int64
        case .float32: return .float32
        case .float64: return .float64
        case .decimal(let precision, _):
            return precision <= 9 ? .int32 : precision <= 18 ? .int64 : .int128
        case .string, .binary, .json: return .bytes
        case .uuid: return .fixedBytes(16)
        case .list: return .list
        case .structure: return .structure
        case .map: return .map
        }
    }
}

/// The buffer layout behind a type: one case of `ColumnValues` each.
public enum StorageKind: Hashable, Sendable {
    case boolean, int32, int64, int128, float32, float64, bytes, fixedBytes(Int), list, structure, map
}

public enum TimeUnit: String, Hashable, Sendable, CaseIterable {
    case milliseconds, microseconds, nanoseconds

    /// Units of this kind in one second.
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: return 1_000
        case .microseconds: return 1_000_000
        case .nanoseconds: return 1_000_000_000
        }
    }
}

extension DataType: CustomStringConvertible {
    /// The Hive / Spark SQL spelling the catalog shows (`bigint`, `decimal(10,2)`, `array<string>`).
    public var hiveName: String {
        switch self {
        case .boolean: return "boolean"
        case .int8: return "tinyint"
        case .int16: return "smallint"
        case .int32: return "int"
        case .int64: return "bigint"
        case .uint8: return "smallint"
        case .uint16: return "int"
        case .uint32: return "bigint"
        case .uint64: return "decimal(20,0)"
        case .float32: return "float"
        case .float64: return "double"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .string, .json, .uuid: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .time: return "bigint"
        case .timestamp: return "timestamp"
        case .list(let element): return "array<\(element.type.hiveName)>"
        case .structure(let fields):
            return "struct<" + fields.map { "\($0.name):\($0.type.hiveName)" }.joined(separator: ",") + ">"
        case .map(let key, let value): return "map<\(key.type.hiveName),\(value.type.hiveName)>"
        }
    }

    /// Tarn's own spelling (`int64`, `timestamp[us, UTC]`, `list<string>`).
    public var description: String {
        switch self {
        case .boolean: return "boolean"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .float32: return "float32"
        case .float64: return "float64"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .time(let unit): return "time[\(unit.abbreviation)]"
        case .timestamp(let unit, let utc): return "timestamp[\(unit.abbreviation)\(utc ? ", UTC" : "")]"
        case .uuid: return "uuid"
        case .json: return "json"
        case .list(let element): return "list<\(element.type)\(element.nullable ? "" : " not null")>"
        case .structure(let fields):
            return "struct<" + fields.map { "\($0.name): \($0.type)\($0.nullable ? "" : " not null")" }.joined(separator: ", ") + ">"
        case .map(let key, let value): return "map<\(key.type), \(value.type)\(value.nullable ? "" : " not null")>"
        }
    }
}

extension TimeUnit {
    public var abbreviation: String {
        switch self {
        case .milliseconds: return "ms"
        case .microseconds: return "us"
        case .nanoseconds: return "ns"
        }
    }
}
