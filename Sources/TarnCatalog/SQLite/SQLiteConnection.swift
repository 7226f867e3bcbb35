// The thin wrapper over the system SQLite library: the only file group that imports CSQLite.
import CSQLite
import Foundation

/// SQLite's "copy the buffer now" destructor: a cast macro (`SQLITE_TRANSIENT`) Swift cannot import.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value bound to a statement parameter or read from a column.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func integer(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
    /// Times are stored as whole microseconds since the Unix epoch (see `Date.catalogMicroseconds`).
    static func date(_ value: Date) -> SQLiteValue { .integer(value.catalogMicroseconds) }
    static func optional(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
    static func optional(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.integer) ?? .null }
    static func optional(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
    static func optional(_ value: Double?) -> SQLiteValue { value.map(SQLiteValue.real) ?? .null }
    static func optional(_ value: Date?) -> SQLiteValue { value.map(SQLiteValue.date) ?? .null }
}

extension Date {
    /// The catalog keeps times as whole microseconds since 1970 (INTEGER columns): exact
    /// to store and compare, where a `Double` of seconds would drift by a rounding step
    /// on each trip through `timeIntervalSince1970`.
    var catalogMicroseconds: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }

    init(catalogMicroseconds: Int64) { self.init(timeIntervalSince1970: Double(catalogMicroseconds) / 1_000_000) }

    /// This time as the catalog will give it back.
    var catalogRounded: Date { Date(catalogMicroseconds: catalogMicroseconds) }
}

/// One open SQLite database file. Owns the handle (closed in `deinit`) and a cache of
/// prepared statements. Not thread-safe by itself: `Catalog` serializes calls with a lock.
final class SQLiteConnection {
    let path: String
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// Open transactions: 0 outside, 1 inside `BEGIN`, more inside savepoints.
    private var transactionDepth = 0

    /// Opens (and with `create`, creates) the file at `path`.
    init(path: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(CatalogError) {
        self.path = path
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else {
            throw CatalogError(.sqlite, "cannot open the catalog: SQLite is out of memory", path: path, sqliteCode: code)
        }
        handle = pointer
        if code != SQLITE_OK {
            let error = SQLiteConnection.error(code: code, message: String(cString: sqlite3_errmsg(pointer)), path: path, doing: "cannot open the catalog")
            sqlite3_close_v2(pointer)
            throw error
        }
        sqlite3_extended_result_codes(handle, 1)
        // Another Tarn process holding the write lock makes us wait, not fail.
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit {
        statements.removeAll()  // finalizes every cached statement before the close
        sqlite3_close_v2(handle)
    }

    // MARK: - Running SQL

    /// Runs SQL text without parameters (DDL, pragmas, transaction control); may hold
    /// several statements.
    func execute(_ sql: String) throws(CatalogError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw SQLiteConnection.error(code: code, message: text, path: path, doing: "cannot run '\(SQLiteConnection.firstLine(sql))'")
        }
    }

    /// Runs one statement with bound parameters to completion; returns the rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(CatalogError) -> Int {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// Runs a query with bound parameters and maps each row.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], row transform: (SQLiteRow) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() {
            rows.append(try transform(SQLiteRow(statement: statement.pointer)))
        }
        return rows
    }

    /// The first row of a query, if any.
    func queryFirst<T>(_ sql: String, _ values: [SQLiteValue] = [], row transform: (SQLiteRow) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return try transform(SQLiteRow(statement: statement.pointer))
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: - Transactions

    var isInTransaction: Bool { transactionDepth > 0 }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// The outermost level is `BEGIN IMMEDIATE` (takes the write lock up front, so the busy
    /// timeout applies there and never in the middle); inner levels are savepoints.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        let level = transactionDepth
        try execute(level == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT tarn_\(level)")
        transactionDepth += 1
        let result: T
        do {
            result = try body()
        } catch {
            transactionDepth -= 1
            // Keep the caller's error; a failed rollback has nothing better to say.
            try? execute(level == 0 ? "ROLLBACK" : "ROLLBACK TO tarn_\(level); RELEASE tarn_\(level)")
            throw error
        }
        transactionDepth -= 1
        do {
            try execute(level == 0 ? "COMMIT" : "RELEASE tarn_\(level)")
        } catch {
            try? execute(level == 0 ? "ROLLBACK" : "ROLLBACK TO tarn_\(level); RELEASE tarn_\(level)")
            throw error
        }
        return result
    }

    // MARK: - Statements and errors

    private func cachedStatement(_ sql: String) throws(CatalogError) -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else {
            throw failure(code, doing: "cannot prepare '\(SQLiteConnection.firstLine(sql))'")
        }
        let statement = SQLiteStatement(pointer: pointer, connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// The error for a failed call, with SQLite's current message for this connection.
    func failure(_ code: Int32, doing what: String) -> CatalogError {
        SQLiteConnection.error(code: code, message: String(cString: sqlite3_errmsg(handle)), path: path, doing: what)
    }

    static func error(code: Int32, message: String, path: String, doing what: String) -> CatalogError {
        let primary = code & 0xFF
        if primary == SQLITE_NOTADB {
            return CatalogError(.notADatabase, "not a Tarn catalog: the file is not a SQLite database (SQLite: \(message))", path: path, sqliteCode: code)
        }
        if primary == SQLITE_BUSY {
            return CatalogError(.busy, "\(what): the catalog is locked by another writer (another tarn process?) for longer than the busy timeout (SQLite: \(message))", path: path, sqliteCode: code)
        }
        let kind: CatalogError.Kind = primary == SQLITE_CORRUPT ? .corruptRecord : primary == SQLITE_CONSTRAINT ? .invalidArgument : .sqlite
        return CatalogError(kind, "\(what): \(message) (SQLite code \(code))", path: path, sqliteCode: code)
    }

    private static func firstLine(_ sql: String) -> String {
        let line = sql.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? sql
        return line.count > 80 ? String(line.prefix(77)) + "..." : line
    }
}

/// A prepared statement; finalized in `deinit`.
final class SQLiteStatement {
    let pointer: OpaquePointer
    unowned let connection: SQLiteConnection
    let sql: String

    init(pointer: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.pointer = pointer
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(pointer) }

    func bind(_ values: [SQLiteValue]) throws(CatalogError) {
        precondition(values.count == Int(sqlite3_bind_parameter_count(pointer)),
                     "\(values.count) values bound to \(sqlite3_bind_parameter_count(pointer)) parameters in: \(sql)")
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(pointer, index)
            case .integer(let number): code = sqlite3_bind_int64(pointer, index, number)
            case .real(let number): code = sqlite3_bind_double(pointer, index, number)
            case .text(let text): code = sqlite3_bind_text(pointer, index, text, -1, sqliteTransient)
            }
            if code != SQLITE_OK { throw connection.failure(code, doing: "cannot bind parameter \(index)") }
        }
    }

    /// Advances to the next row: true while there is one, false when done.
    func step() throws(CatalogError) -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.failure(code, doing: "cannot run '\(sql.split(separator: "\n").first ?? "")'")
        }
    }

    func reset() {
        sqlite3_reset(pointer)
        sqlite3_clear_bindings(pointer)
    }
}

/// The current row of a stepping statement: typed reads by column index.
struct SQLiteRow {
    let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(statement, column) != 0 }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    func date(_ column: Int32) -> Date { Date(catalogMicroseconds: sqlite3_column_int64(statement, column)) }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    func optionalDate(_ column: Int32) -> Date? { isNull(column) ? nil : date(column) }
    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
}
