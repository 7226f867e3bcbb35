/// Whether a schema field is required, optional or repeated.
///
/// Thrift enum `FieldRepetitionType`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct FieldRepetitionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let required = FieldRepetitionType(rawValue: 0)  // REQUIRED
    public static let optional = FieldRepetitionType(rawValue: 1)  // OPTIONAL
    public static let `repeated` = FieldRepetitionType(rawValue: 2)  // REPEATED
    public static let vector = FieldRepetitionType(rawValue: 3)  // VECTOR

    /// The spec's spelling, e.g. `REQUIRED`.
    public var name: String {
        switch rawValue {
        case 0: return "REQUIRED"
        case 1: return "OPTIONAL"
        case 2: return "REPEATED"
        case 3: return "VECTOR"
        default: return "FieldRepetitionType(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("FieldRepetitionType(") }
}
