/// The physical (storage) type of a leaf column: `Type` in parquet.thrift.
///
/// Thrift enum `Type`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct PhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let boolean = PhysicalType(rawValue: 0)  // BOOLEAN
    public static let int32 = PhysicalType(rawValue: 1)  // INT32
    public static let int64 = PhysicalType(rawValue: 2)  // INT64
    public static let int96 = PhysicalType(rawValue: 3)  // INT96
    public static let `float` = PhysicalType(rawValue: 4)  // FLOAT
    public static let `double` = PhysicalType(rawValue: 5)  // DOUBLE
    public static let byteArray = PhysicalType(rawValue: 6)  // BYTE_ARRAY
    public static let fixedLenByteArray = PhysicalType(rawValue: 7)  // FIXED_LEN_BYTE_ARRAY

    /// The spec's spelling, e.g. `BOOLEAN`.
    public var name: String {
        switch rawValue {
        case 0: return "BOOLEAN"
        case 1: return "INT32"
        case 2: return "INT64"
        case 3: return "INT96"
        case 4: return "FLOAT"
        case 5: return "DOUBLE"
        case 6: return "BYTE_ARRAY"
        case 7: return "FIXED_LEN_BYTE_ARRAY"
        default: return "Type(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("Type(") }
}
