/// Whether a column index's min/max lists are sorted, and which way.
///
/// Thrift enum `BoundaryOrder`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
struct BoundaryOrder: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    var rawValue: Int32

    init(rawValue: Int32) { self.rawValue = rawValue }

    static let unordered = BoundaryOrder(rawValue: 0)  // UNORDERED
    static let ascending = BoundaryOrder(rawValue: 1)  // ASCENDING
    static let descending = BoundaryOrder(rawValue: 2)  // DESCENDING

    /// The spec's spelling, e.g. `UNORDERED`.
    var name: String {
        switch rawValue {
        case 0: return "UNORDERED"
        case 1: return "ASCENDING"
        case 2: return "DESCENDING"
        default: return "BoundaryOrder(\(rawValue))"
        }
    }

    var description: String { name }

    /// Whether the value is one this version of the spec defines.
    var isKnown: Bool { !name.hasPrefix("BoundaryOrder(") }
}
