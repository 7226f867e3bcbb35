import TarnCore

/// How a column's values are encoded in data pages.
public enum ColumnEncoding: String, Sendable, CaseIterable {
    /// Dictionary when it pays, PLAIN otherwise; booleans PLAIN (v1) or RLE (v2).
    case automatic
    case plain
    /// RLE_DICTIONARY with a dictionary page, falling back to PLAIN when the dictionary
    /// outgrows `dictionaryPageSizeLimitBytes`.
    case dictionary
    /// RLE / bit-packed hybrid: booleans only.
    case rle
    /// DELTA_BINARY_PACKED: INT32 and INT64 columns.
    case deltaBinaryPacked
    /// DELTA_LENGTH_BYTE_ARRAY: BYTE_ARRAY columns.
    case deltaLengthByteArray
    /// DELTA_BYTE_ARRAY: BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns.
    case deltaByteArray
    /// BYTE_STREAM_SPLIT: FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY columns.
    case byteStreamSplit
}

public enum DataPageVersion: Int, Sendable {
    case v1 = 1
    case v2 = 2
}

/// Everything a `ParquetWriter` lets a caller choose. The defaults suit every common reader
/// (pyarrow, DuckDB, polars, Spark, Trino, Athena) and read fast.
public struct ParquetWriterOptions: Sendable {
    public var compression: Compression = .snappy
    /// Per-column codec overrides, keyed by dotted column path (`user.name`) or top-level name.
    public var columnCompression: [String: Compression] = [:]
    public var encoding: ColumnEncoding = .automatic
    /// Per-column encoding overrides, keyed like `columnCompression`.
    public var columnEncodings: [String: ColumnEncoding] = [:]
    public var dataPageVersion: DataPageVersion = .v1
    /// Target size of one data page's encoded values and levels (before compression).
    public var dataPageSizeBytes = 1 << 20
    /// Upper bound on the rows of one data page, so pages stay small for tiny values too.
    public var dataPageMaxRows = 20_000
    /// A row group ends once its encoded size reaches this many bytes. 32 MB: a row group is
    /// held in memory until it is complete (the dictionary page must precede its data
    /// pages), so this bounds the writer's memory; a converted 5M-row CSV peaked at ~125 MB
    /// with it against ~170 MB with 128 MB (measured before pages moved to `SegmentedBytes`,
    /// which took it to ~104 MB), for files 0.5% larger. Readers get one unit of
    /// parallel work per row group (DuckDB writes ~123k rows per row group, polars 256Ki).
    public var rowGroupSizeBytes = 32 << 20
    /// A row group also ends after this many rows.
    public var rowGroupMaxRows = 1 << 20
    /// A dictionary larger than this (PLAIN-encoded) makes the column fall back to PLAIN.
    public var dictionaryPageSizeLimitBytes = 1 << 20
    public var writeStatistics = true
    /// Binary min/max longer than this are truncated (and marked inexact).
    public var statisticsTruncateLengthBytes = 64
    /// Write the ColumnIndex and OffsetIndex (the page index).
    public var writePageIndex = true
    /// Columns (dotted paths or top-level names) that get a split-block bloom filter.
    public var bloomFilterColumns: Set<String> = []
    /// Target false-positive probability of bloom filters.
    public var bloomFilterFalsePositiveProbability = 0.01
    /// Store a CRC-32 of every page in its header.
    public var writePageChecksums = false
    /// Write UUIDs as FIXED_LEN_BYTE_ARRAY(16) with the UUID logical type instead of their
    /// 36-character string (Spark cannot read the UUID logical type).
    public var uuidLogicalType = false
    /// Write TIME columns with the TIME logical type instead of plain INT64 microseconds
    /// (Spark cannot read the TIME logical type).
    public var timeLogicalType = false
    /// Check that STRING and JSON values are valid UTF-8.
    public var validateUTF8 = true
    /// 1 encodes the columns one after another on the calling thread; any other value
    /// spreads them over all cores.
    public var threads = 0
    public var createdBy = "tarn version \(tarnVersion)"
    public var keyValueMetadata: [(key: String, value: String)] = []

    public init() {}

    func compression(for path: String, topLevel: String) -> Compression {
        columnCompression[path] ?? columnCompression[topLevel] ?? compression
    }

    func encoding(for path: String, topLevel: String) -> ColumnEncoding {
        columnEncodings[path] ?? columnEncodings[topLevel] ?? encoding
    }
}

/// The version written into `created_by`.
public let tarnVersion = "0.1.0"
