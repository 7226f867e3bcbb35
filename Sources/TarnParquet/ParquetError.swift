/// The one error type of TarnParquet: what went wrong, in words a person can act on,
/// and where (the file, and the column path or byte offset when known).
public struct ParquetError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// A batch or value that does not fit the writer's schema or options.
        case invalidInput
        /// A file whose bytes break the format (bad magic, lengths, Thrift, pages).
        case malformed
        /// Valid Parquet that uses something Tarn does not implement.
        case unsupported
        /// Reading, writing or renaming a file failed.
        case io
        /// A compression library reported an error.
        case compression
    }

    public var kind: Kind
    public var message: String
    /// The file being read or written, when known.
    public var path: String?
    /// The column path (`a.b.c`), when the error concerns one column.
    public var column: String?

    public init(_ kind: Kind, _ message: String, path: String? = nil, column: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.column = column
    }

    public var description: String {
        var text = ""
        if let path { text += "\(path): " }
        if let column { text += "column '\(column)': " }
        return text + message
    }

    /// `error` as a ParquetError naming `path` (errors from elsewhere become `.io`).
    static func wrap(_ error: Error, path: String?) -> ParquetError {
        var wrapped = error as? ParquetError ?? ParquetError(.io, "\(error)")
        if wrapped.path == nil { wrapped.path = path }
        return wrapped
    }

    /// The same error with the file path filled in, if it had none.
    func at(path: String) -> ParquetError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}
