/// A page or level encoding (Encodings.md).
///
/// Thrift enum `Encoding`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let plain = Encoding(rawValue: 0)  // PLAIN
    public static let plainDictionary = Encoding(rawValue: 2)  // PLAIN_DICTIONARY
    public static let rle = Encoding(rawValue: 3)  // RLE
    public static let bitPacked = Encoding(rawValue: 4)  // BIT_PACKED
    public static let deltaBinaryPacked = Encoding(rawValue: 5)  // DELTA_BINARY_PACKED
    public static let deltaLengthByteArray = Encoding(rawValue: 6)  // DELTA_LENGTH_BYTE_ARRAY
    public static let deltaByteArray = Encoding(rawValue: 7)  // DELTA_BYTE_ARRAY
    public static let rleDictionary = Encoding(rawValue: 8)  // RLE_DICTIONARY
    public static let byteStreamSplit = Encoding(rawValue: 9)  // BYTE_STREAM_SPLIT

    /// The spec's spelling, e.g. `PLAIN`.
    public var name: String {
        switch rawValue {
        case 0: return "PLAIN"
        case 2: return "PLAIN_DICTIONARY"
        case 3: return "RLE"
        case 4: return "BIT_PACKED"
        case 5: return "DELTA_BINARY_PACKED"
        case 6: return "DELTA_LENGTH_BYTE_ARRAY"
        case 7: return "DELTA_BYTE_ARRAY"
        case 8: return "RLE_DICTIONARY"
        case 9: return "BYTE_STREAM_SPLIT"
        default: return "Encoding(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("Encoding(") }
}
