/// The deprecated type annotation, superseded by `LogicalType` but still written for old readers.
///
/// Thrift enum `ConvertedType`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct ConvertedType: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let utf8 = ConvertedType(rawValue: 0)  // UTF8
    public static let map = ConvertedType(rawValue: 1)  // MAP
    public static let mapKeyValue = ConvertedType(rawValue: 2)  // MAP_KEY_VALUE
    public static let list = ConvertedType(rawValue: 3)  // LIST
    public static let `enum` = ConvertedType(rawValue: 4)  // ENUM
    public static let decimal = ConvertedType(rawValue: 5)  // DECIMAL
    public static let date = ConvertedType(rawValue: 6)  // DATE
    public static let timeMillis = ConvertedType(rawValue: 7)  // TIME_MILLIS
    public static let timeMicros = ConvertedType(rawValue: 8)  // TIME_MICROS
    public static let timestampMillis = ConvertedType(rawValue: 9)  // TIMESTAMP_MILLIS
    public static let timestampMicros = ConvertedType(rawValue: 10)  // TIMESTAMP_MICROS
    public static let uint8 = ConvertedType(rawValue: 11)  // UINT_8
    public static let uint16 = ConvertedType(rawValue: 12)  // UINT_16
    public static let uint32 = ConvertedType(rawValue: 13)  // UINT_32
    public static let uint64 = ConvertedType(rawValue: 14)  // UINT_64
    public static let int8 = ConvertedType(rawValue: 15)  // INT_8
    public static let int16 = ConvertedType(rawValue: 16)  // INT_16
    public static let int32 = ConvertedType(rawValue: 17)  // INT_32
    public static let int64 = ConvertedType(rawValue: 18)  // INT_64
    public static let json = ConvertedType(rawValue: 19)  // JSON
    public static let bson = ConvertedType(rawValue: 20)  // BSON
    public static let interval = ConvertedType(rawValue: 21)  // INTERVAL

    /// The spec's spelling, e.g. `UTF8`.
    public var name: String {
        switch rawValue {
        case 0: return "UTF8"
        case 1: return "MAP"
        case 2: return "MAP_KEY_VALUE"
        case 3: return "LIST"
        case 4: return "ENUM"
        case 5: return "DECIMAL"
        case 6: return "DATE"
        case 7: return "TIME_MILLIS"
        case 8: return "TIME_MICROS"
        case 9: return "TIMESTAMP_MILLIS"
        case 10: return "TIMESTAMP_MICROS"
        case 11: return "UINT_8"
        case 12: return "UINT_16"
        case 13: return "UINT_32"
        case 14: return "UINT_64"
        case 15: return "INT_8"
        case 16: return "INT_16"
        case 17: return "INT_32"
        case 18: return "INT_64"
        case 19: return "JSON"
        case 20: return "BSON"
        case 21: return "INTERVAL"
        default: return "ConvertedType(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("ConvertedType(") }
}
