/// The error type of TarnCatalog: what went wrong, with the catalog file it happened in and,
/// for SQLite failures, SQLite's own code and text.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file exists but is not a SQLite database (or is encrypted or corrupt).
        case notADatabase
        /// The catalog was written by a newer Tarn: its schema version is past what this code knows.
        case newerSchema
        /// No catalog file at the path, and the caller asked not to create one.
        case missingCatalog
        /// No such database, table, partition or run.
        case notFound
        /// Something already exists under that name.
        case alreadyExists
        /// A value the caller passed that the catalog cannot store.
        case invalidArgument
        /// A stored value that cannot be read back (edited by hand, or a bug).
        case corruptRecord
        /// Another connection held the write lock past the busy timeout.
        case busy
        /// Any other failure reported by SQLite (`sqliteCode` says which).
        case sqlite
    }

    public var kind: Kind
    public var message: String
    /// The catalog file, when known.
    public var path: String?
    /// SQLite's extended result code, for failures SQLite reported.
    public var sqliteCode: Int32?

    public init(_ kind: Kind, _ message: String, path: String? = nil, sqliteCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.sqliteCode = sqliteCode
    }

    /// `path: message`.
    public var description: String {
        guard let path else { return message }
        return "\(path): \(message)"
    }
}
