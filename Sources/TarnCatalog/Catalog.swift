import Foundation

/// The catalog: one SQLite file holding databases, tables and their versions, partitions,
/// crawled-file records, job bookmarks, and workflow and node runs.
///
/// Every change runs in a transaction; wrap several in `transaction { }` to make them one.
/// The file is in WAL mode with a busy timeout, so several `Catalog` instances — in this
/// process or in other Tarn processes — can use it at once. One instance may be shared
/// between threads: its calls are serialized. Errors thrown are `CatalogError`s.
public final class Catalog: @unchecked Sendable {
    /// The catalog file.
    public let path: String
    let connection: SQLiteConnection
    /// Serializes calls on `connection` (recursive: transactions call the API inside).
    private let lock = NSRecursiveLock()
    /// The clock for stored times; tests may replace it.
    var now: () -> Date = Date.init

    /// Opens the catalog at `path`, creating the file (and its folder) unless
    /// `createIfMissing` is false, and brings its schema up to date.
    /// - Throws: `.notADatabase` when the file is not SQLite, `.newerSchema` when a newer
    ///   Tarn wrote it, `.missingCatalog` when it does not exist and may not be created.
    public convenience init(path: String, createIfMissing: Bool = true, busyTimeoutSeconds: Double = 5) throws {
        try self.init(path: path, createIfMissing: createIfMissing, busyTimeoutSeconds: busyTimeoutSeconds, migrations: Migrations.steps)
    }

    /// Opens with a given list of migrations (tests use older or newer lists).
    init(path: String, createIfMissing: Bool, busyTimeoutSeconds: Double, migrations: [Migrations.Step]) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard createIfMissing else {
                throw CatalogError(.missingCatalog, "no catalog here (run `tarn crawl` to make one, or pass --catalog)", path: path)
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw CatalogError(.sqlite, "cannot create the catalog's folder: \(error.localizedDescription)", path: path)
                }
            }
        }
        var isFolder: ObjCBool = false
        if exists, FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CatalogError(.notADatabase, "not a Tarn catalog: this is a folder (pass the catalog file, such as .tarn/catalog.sqlite)", path: path)
        }
        connection = try SQLiteConnection(path: path, create: createIfMissing, busyTimeoutMilliseconds: Int32(busyTimeoutSeconds * 1000))
        // The first statement reads the file header: a file that is not SQLite fails here.
        let journalMode = try connection.queryFirst("PRAGMA journal_mode = WAL") { $0.string(0) }
        if journalMode?.lowercased() != "wal" {
            throw CatalogError(.sqlite, "cannot switch the catalog to WAL mode (journal mode is \(journalMode ?? "unknown"))", path: path)
        }
        try connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        try migrate(to: migrations)
    }

    /// The schema version of the open file.
    public var schemaVersion: Int {
        get throws { try locked { try storedSchemaVersion() } }
    }

    /// Runs `body` as one transaction: everything it changes is committed together when it
    /// returns, and nothing is kept when it throws. Transactions nest (inner ones are
    /// savepoints). Other writers wait (up to the busy timeout) until it ends.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try locked { try connection.transaction(body) }
    }

    /// Runs `body` holding the lock, so a thread's sequence of statements is not interleaved.
    @discardableResult
    func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// A write: locked and in a transaction.
    @discardableResult
    func write<T>(_ body: () throws -> T) throws -> T {
        try locked { try connection.transaction(body) }
    }

    // MARK: - Migrations

    private func storedSchemaVersion() throws -> Int {
        try connection.queryFirst("SELECT COALESCE(MAX(version), 0) FROM tarn_schema_version") { $0.int(0) } ?? 0
    }

    /// Applies the steps past the stored version, each in its own transaction.
    private func migrate(to steps: [Migrations.Step]) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS tarn_schema_version (
                version INTEGER PRIMARY KEY,
                summary TEXT NOT NULL,
                applied_at INTEGER NOT NULL
            )
            """)
        for step in steps {
            // Re-read inside the write lock: another process may be migrating too.
            try connection.transaction {
                let stored = try storedSchemaVersion()
                guard stored < step.version else { return }
                try connection.execute(step.sql)
                try connection.run("INSERT INTO tarn_schema_version (version, summary, applied_at) VALUES (?, ?, ?)",
                                   [.integer(step.version), .text(step.summary), .date(now())])
            }
        }
        let stored = try storedSchemaVersion()
        if stored > steps.count {
            throw CatalogError(.newerSchema, "the catalog has schema version \(stored), newer than the \(steps.count) this Tarn knows; use a newer tarn", path: path)
        }
    }
}
