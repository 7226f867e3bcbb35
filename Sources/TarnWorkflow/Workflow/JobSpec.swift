/// Where a convert job reads: raw files under a path, or tables of the catalog.
public enum JobSource: Sendable, Equatable {
    /// A raw file, or a folder of them (one table, named after the folder).
    case path(String)
    /// A catalog table, or with `table` nil every table of the database.
    case table(database: String, table: String?)
}

/// A convert job node: raw tables to curated Parquet under `target`, one folder per table.
public struct JobSpec: Sendable, Equatable {
    public var source: JobSource
    /// The curated root: table `t` is written to `target/t`.
    public var target: String
    /// The curated table's name, for a single source table (default: the source's name).
    public var tableName: String?
    /// `snappy` (default), `zstd`, `zstd:LEVEL`, `gzip`, `none`.
    public var compression: String
    /// Partition folders, in order: each a partition key of the raw table (its folder
    /// value is kept) or a column (rows are split by its value, and it leaves the files).
    /// nil: the raw table's own partition keys.
    public var partitionKeys: [String]?
    /// Roll to a new output file past this many (uncompressed) bytes (nil: one file per raw file and partition).
    public var targetFileSizeBytes: Int?
    /// A folder for rejected records (JSON lines, one file per run); nil: the first bad record fails the job.
    public var badRecordsPath: String?
    /// With `badRecordsPath`, more rejected records than this in one file fails the job.
    public var maxBadRecords: Int?
    /// Files converted at once (nil: the machine's cores).
    public var threads: Int?

    public init(source: JobSource, target: String, tableName: String? = nil, compression: String = "snappy",
                partitionKeys: [String]? = nil, targetFileSizeBytes: Int? = nil, badRecordsPath: String? = nil,
                maxBadRecords: Int? = nil, threads: Int? = nil) {
        self.source = source
        self.target = target
        self.tableName = tableName
        self.compression = compression
        self.partitionKeys = partitionKeys
        self.targetFileSizeBytes = targetFileSizeBytes
        self.badRecordsPath = badRecordsPath
        self.maxBadRecords = maxBadRecords
        self.threads = threads
    }
}
