import TarnCore

/// A streaming reader of one raw file as a table: batches of at most about
/// `ReadOptions.batchBytes` of input each, all with `schema`.
public protocol TableReader {
    var schema: Schema { get }
    /// The next batch, or nil at the end of the input.
    ///
    /// Throws `IngestError` for input that cannot be read (and for bad records when the
    /// policy is to fail), and `WideningNeeded` when a value does not fit the column type
    /// chosen from the sample: the caller widens (re-infers over the whole file) and starts over.
    mutating func next() throws -> ColumnBatch?
    /// Records read so far (rejected ones included).
    var recordsRead: Int { get }
}

/// A value later in the file that does not fit the type inferred from the sample.
public struct WideningNeeded: Error, Sendable, CustomStringConvertible {
    /// The column path (`address.city`).
    public var column: String
    public var type: DataType
    public var value: String
    public var location: SourceLocation

    public init(column: String, type: DataType, value: String, location: SourceLocation) {
        self.column = column
        self.type = type
        self.value = value
        self.location = location
    }

    public var description: String {
        "\(location): column '\(column)': \"\(value)\" does not fit \(type) (inferred from the sample)"
    }
}

/// What a reader needs besides the bytes: where the file is (for messages), how big a
/// batch may grow, and what to do with bad records.
public struct ReadOptions {
    /// The file name used in error locations and bad-record entries.
    public var fileName: String?
    /// A batch ends after about this many input bytes.
    public var batchBytes: Int
    /// Where rejected records go; nil = the first bad record fails the read.
    public var badRecords: BadRecordLog?
    /// Parse on this many threads where the format allows it (uncompressed CSV).
    public var threads: Int

    public init(fileName: String? = nil, batchBytes: Int = 16 << 20, badRecords: BadRecordLog? = nil, threads: Int = 2) {
        self.fileName = fileName
        self.batchBytes = batchBytes
        self.badRecords = badRecords
        self.threads = max(1, threads)
    }

    /// Reports a bad record: throws `error` when there is no log (or the log is over its
    /// limit), else records it and returns so the reader skips the record.
    public func reject(_ error: IngestError, raw: UnsafeRawBufferPointer) throws(IngestError) {
        guard let badRecords else { throw error }
        try badRecords.record(error, raw: raw)
    }
}
