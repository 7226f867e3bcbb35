/// The compression codec of a column chunk's pages (Compression.md).
///
/// Thrift enum `CompressionCodec`: an open set, so values from newer writers pass through as
/// unknown raw values instead of failing the decode.
public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ThriftEnum {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let uncompressed = CompressionCodec(rawValue: 0)  // UNCOMPRESSED
    public static let snappy = CompressionCodec(rawValue: 1)  // SNAPPY
    public static let gzip = CompressionCodec(rawValue: 2)  // GZIP
    public static let lzo = CompressionCodec(rawValue: 3)  // LZO
    public static let brotli = CompressionCodec(rawValue: 4)  // BROTLI
    public static let lz4 = CompressionCodec(rawValue: 5)  // LZ4
    public static let zstd = CompressionCodec(rawValue: 6)  // ZSTD
    public static let lz4Raw = CompressionCodec(rawValue: 7)  // LZ4_RAW

    /// The spec's spelling, e.g. `UNCOMPRESSED`.
    public var name: String {
        switch rawValue {
        case 0: return "UNCOMPRESSED"
        case 1: return "SNAPPY"
        case 2: return "GZIP"
        case 3: return "LZO"
        case 4: return "BROTLI"
        case 5: return "LZ4"
        case 6: return "ZSTD"
        case 7: return "LZ4_RAW"
        default: return "CompressionCodec(\(rawValue))"
        }
    }

    public var description: String { name }

    /// Whether the value is one this version of the spec defines.
    public var isKnown: Bool { !name.hasPrefix("CompressionCodec(") }
}
