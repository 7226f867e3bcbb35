/// The kind of a page; says which header of `PageHeader` is set.
///
/// Thrift enum `PageType`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let dataPage = PageType(rawValue: 0)  // DATA_PAGE
    public static let indexPage = PageType(rawValue: 1)  // INDEX_PAGE
    public static let dictionaryPage = PageType(rawValue: 2)  // DICTIONARY_PAGE
    public static let dataPageV2 = PageType(rawValue: 3)  // DATA_PAGE_V2

    /// The spec's spelling, e.g. `DATA_PAGE`.
    public var name: String {
        switch rawValue {
        case 0: return "DATA_PAGE"
        case 1: return "INDEX_PAGE"
        case 2: return "DICTIONARY_PAGE"
        case 3: return "DATA_PAGE_V2"
        default: return "PageType(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("PageType(") }
}
