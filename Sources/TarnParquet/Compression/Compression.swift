/// The codec applied to page bodies, as chosen by a caller writing Parquet.
///
/// Names parse as `none`/`uncompressed`, `snappy`, `gzip`, `gzip:LEVEL`, `zstd`,
/// `zstd:LEVEL`. Default levels: gzip 6 (zlib's own default; pyarrow uses 9, which
/// costs about twice the time for ~1% smaller pages), zstd 1 (the same as pyarrow).
public enum Compression: Sendable, Hashable, CustomStringConvertible {
    case uncompressed
    case snappy
    /// DEFLATE in a gzip member (RFC 1952); `level` 0...9.
    case gzip(level: Int)
    /// A Zstandard frame; `level` from `Compression.zstdLevels` (negative levels are faster).
    case zstd(level: Int)

    public static let defaultGzipLevel = 6
    public static let defaultZstdLevel = 1
    public static let gzipLevels: ClosedRange<Int> = 0...9
    /// `ZSTD_minCLevel()...ZSTD_maxCLevel()` of libzstd 1.5.
    public static let zstdLevels: ClosedRange<Int> = -(1 << 17)...22

    /// gzip at the default level.
    public static var gzip: Compression { .gzip(level: defaultGzipLevel) }
    /// zstd at the default level.
    public static var zstd: Compression { .zstd(level: defaultZstdLevel) }

    /// Parses a codec name such as `snappy`, `zstd:3` or `none` (case-insensitive).
    public init(parsing text: String) throws(ParquetError) {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        var level: Int?
        if parts.count == 2 {
            guard let parsed = Int(parts[1]) else {
                throw ParquetError(.invalidInput, "compression level in '\(text)' is not an integer")
            }
            level = parsed
        }
        switch name {
        case "none", "uncompressed", "snappy":
            if level != nil { throw ParquetError(.invalidInput, "compression '\(name)' takes no level (got '\(text)')") }
            self = name == "snappy" ? .snappy : .uncompressed
        case "gzip":
            self = .gzip(level: level ?? Compression.defaultGzipLevel)
        case "zstd":
            self = .zstd(level: level ?? Compression.defaultZstdLevel)
        default:
            throw ParquetError(.invalidInput, "unknown compression '\(text)'; expected none, snappy, gzip[:0-9] or zstd[:level]")
        }
        try validate()
    }

    /// Throws when the level is outside what the library accepts.
    public func validate() throws(ParquetError) {
        switch self {
        case .uncompressed, .snappy:
            return
        case .gzip(let level):
            if !Compression.gzipLevels.contains(level) {
                throw ParquetError(.invalidInput, "gzip level \(level) is outside \(Compression.gzipLevels.lowerBound)...\(Compression.gzipLevels.upperBound)")
            }
        case .zstd(let level):
            if !Compression.zstdLevels.contains(level) {
                throw ParquetError(.invalidInput, "zstd level \(level) is outside \(Compression.zstdLevels.lowerBound)...\(Compression.zstdLevels.upperBound)")
            }
        }
    }

    /// The `CompressionCodec` value of parquet.thrift.
    public var parquetCodec: Int32 {
        switch self {
        case .uncompressed: return 0
        case .snappy: return 1
        case .gzip: return 2
        case .zstd: return 6
        }
    }

    /// The codec a file's column chunk names, at default levels (levels are not stored).
    /// Codecs Tarn does not implement (LZO 3, BROTLI 4, LZ4 5, LZ4_RAW 7) throw `.unsupported`.
    public init(parquetCodec: Int32) throws(ParquetError) {
        switch parquetCodec {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 6: self = .zstd
        case 3, 4, 5, 7:
            let names: [Int32: String] = [3: "LZO", 4: "BROTLI", 5: "LZ4", 7: "LZ4_RAW"]
            throw ParquetError(.unsupported, "compression codec \(names[parquetCodec]!) is not supported")
        default:
            throw ParquetError(.malformed, "unknown compression codec \(parquetCodec)")
        }
    }

    /// The parquet.thrift name (`UNCOMPRESSED`, `SNAPPY`, `GZIP`, `ZSTD`).
    public var parquetName: String {
        switch self {
        case .uncompressed: return "UNCOMPRESSED"
        case .snappy: return "SNAPPY"
        case .gzip: return "GZIP"
        case .zstd: return "ZSTD"
        }
    }

    /// The name `init(parsing:)` accepts: `none`, `snappy`, `gzip:6`, `zstd:1`.
    public var description: String {
        switch self {
        case .uncompressed: return "none"
        case .snappy: return "snappy"
        case .gzip(let level): return "gzip:\(level)"
        case .zstd(let level): return "zstd:\(level)"
        }
    }
}
