/// What kind of data a table holds, in the crawler's terms (`csv`, `json`, `parquet`, …).
/// An open set: a value the catalog has not heard of still round-trips.
public struct Classification: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let csv = Classification(rawValue: "csv")
    public static let json = Classification(rawValue: "json")
    public static let parquet = Classification(rawValue: "parquet")
    public static let avro = Classification(rawValue: "avro")
    public static let orc = Classification(rawValue: "orc")
    public static let unknown = Classification(rawValue: "unknown")

    public var description: String { rawValue }
}

/// How a table's files are compressed: whole-file (`gzip`, `zstd` for raw text) or the
/// Parquet codec of its column chunks. Spelled as Glue's `compressionType` parameter.
public struct CompressionType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let none = CompressionType(rawValue: "none")
    public static let gzip = CompressionType(rawValue: "gzip")
    public static let zstd = CompressionType(rawValue: "zstd")
    public static let snappy = CompressionType(rawValue: "snappy")

    public var description: String { rawValue }
}

/// The CSV dialect of a table's files (what the crawler sniffed).
public struct CSVFormat: Hashable, Sendable {
    public var delimiter: Character
    /// The quote character, or nil when fields are never quoted.
    public var quote: Character?
    /// The character that escapes a quote inside a quoted field, or nil when a quote is
    /// written twice (RFC 4180).
    public var escape: Character?
    /// Whether the first record after `skipRows` names the columns.
    public var hasHeader: Bool
    /// Lines to skip before the header (or before the data when there is no header).
    public var skipRows: Int

    public init(delimiter: Character = ",", quote: Character? = "\"", escape: Character? = nil, hasHeader: Bool = true, skipRows: Int = 0) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.hasHeader = hasHeader
        self.skipRows = skipRows
    }

    /// Lines before the first data record: the skipped ones and the header.
    public var headerLineCount: Int { skipRows + (hasHeader ? 1 : 0) }
}

/// How JSON records are laid out in a file.
public enum JSONLayout: String, Hashable, Sendable {
    /// One object per line (JSON lines, NDJSON).
    case lines
    /// One top-level array of objects.
    case array
}

/// How a table's files are written: classification, compression and the text dialect.
public struct TableFormat: Hashable, Sendable {
    public var classification: Classification
    public var compression: CompressionType
    /// The dialect, for CSV tables.
    public var csv: CSVFormat?
    /// The record layout, for JSON tables.
    public var jsonLayout: JSONLayout?
    /// The data files as a glob relative to the table's location (`**/*.csv.gz`); nil
    /// derives one from classification and compression (see `dataFileGlob`); empty means
    /// the location is itself the one data file.
    public var filePattern: String?

    public init(classification: Classification, compression: CompressionType = .none, csv: CSVFormat? = nil, jsonLayout: JSONLayout? = nil, filePattern: String? = nil) {
        self.classification = classification
        self.compression = compression
        self.csv = csv
        self.jsonLayout = jsonLayout
        self.filePattern = filePattern
    }

    public static func parquet(compression: CompressionType = .snappy, filePattern: String? = nil) -> TableFormat {
        TableFormat(classification: .parquet, compression: compression, filePattern: filePattern)
    }

    public static func csv(_ dialect: CSVFormat = CSVFormat(), compression: CompressionType = .none, filePattern: String? = nil) -> TableFormat {
        TableFormat(classification: .csv, compression: compression, csv: dialect, filePattern: filePattern)
    }

    public static func json(_ layout: JSONLayout = .lines, compression: CompressionType = .none, filePattern: String? = nil) -> TableFormat {
        TableFormat(classification: .json, compression: compression, jsonLayout: layout, filePattern: filePattern)
    }

    /// The glob of data files under the location: `filePattern`, else one derived from
    /// the classification (`**/*.parquet`, `**/*.csv`, `**/*.tsv` for tab-separated,
    /// `**/*.jsonl` or `**/*.json`) with `.gz` / `.zst` for whole-file compression.
    public var dataFileGlob: String {
        if let filePattern { return filePattern }
        var extensionName: String
        switch classification {
        case .parquet: return "**/*.parquet"
        case .csv: extensionName = csv?.delimiter == "\t" ? "tsv" : "csv"
        case .json: extensionName = jsonLayout == .array ? "json" : "jsonl"
        default: extensionName = classification.rawValue
        }
        switch compression {
        case .gzip: extensionName += ".gz"
        case .zstd: extensionName += ".zst"
        default: break
        }
        return "**/*." + extensionName
    }

    /// `location` joined with the data-file glob: what a reader such as DuckDB opens.
    public func dataPath(location: String) -> String {
        let glob = dataFileGlob
        if glob.isEmpty { return location }
        return location.hasSuffix("/") ? location + glob : location + "/" + glob
    }
}
