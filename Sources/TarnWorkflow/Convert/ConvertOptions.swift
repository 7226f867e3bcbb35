import TarnCore
import TarnIngest
import TarnParquet

/// How `FileConverter` turns raw files into Parquet.
public struct ConvertOptions: Sendable {
    /// Format, dialect, null tokens and sample size of the raw input.
    public var input: RawTableOptions
    public var writer: ParquetWriterOptions
    /// A schema to use instead of inferring one; values that do not fit it are bad records.
    public var schema: Schema?
    /// Where rejected records go (JSON lines); nil: the first bad record fails the run.
    public var badRecordsPath: String?
    /// With `badRecordsPath`, more rejected records than this fails the run (nil: no limit).
    public var maxBadRecords: Int?
    /// Threads for parsing and encoding.
    public var threads: Int
    /// Input bytes per batch and thread.
    public var batchBytes: Int

    public init(input: RawTableOptions = RawTableOptions(), writer: ParquetWriterOptions = ParquetWriterOptions(),
                schema: Schema? = nil, badRecordsPath: String? = nil, maxBadRecords: Int? = nil,
                threads: Int = 2, batchBytes: Int = 1 << 20) {
        self.input = input
        self.writer = writer
        self.schema = schema
        self.badRecordsPath = badRecordsPath
        self.maxBadRecords = maxBadRecords
        self.threads = threads
        self.batchBytes = batchBytes
    }
}

/// What a conversion did (`tarn convert --json` prints it; jobs store it with their run).
public struct ConvertMetrics: Sendable, Codable, Equatable {
    public var files = 0
    public var rowsRead = 0
    public var rowsWritten = 0
    public var rowsRejected = 0
    public var bytesIn = 0
    public var bytesOut = 0
    public var seconds = 0.0
    /// Columns whose sampled type had to be widened after a full pass over the file.
    public var widenedColumns: [String] = []
    /// Input files that were not converted, with the reason (unknown format).
    public var skipped: [String] = []

    public init() {}

    /// Input megabytes (10^6 bytes) per second.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytesIn) / 1e6 / seconds : 0 }

    public mutating func add(_ other: ConvertMetrics) {
        files += other.files
        rowsRead += other.rowsRead
        rowsWritten += other.rowsWritten
        rowsRejected += other.rowsRejected
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        widenedColumns += other.widenedColumns
        skipped += other.skipped
    }
}
