import Foundation

extension Catalog {
    /// Creates a database. Throws `.alreadyExists` when the name is taken.
    @discardableResult
    public func createDatabase(_ database: CatalogDatabase) throws -> CatalogDatabase {
        try write {
            if try databaseID(database.name) != nil {
                throw CatalogError(.alreadyExists, "database '\(database.name)' already exists", path: path)
            }
            return try insertDatabase(database)
        }
    }

    /// The database named `name`, created (with `description`) when missing.
    @discardableResult
    public func ensureDatabase(_ name: String, description: String = "", location: String? = nil) throws -> CatalogDatabase {
        try write {
            if let existing = try database(named: name) { return existing }
            return try insertDatabase(CatalogDatabase(name: name, description: description, location: location))
        }
    }

    /// All databases, by name.
    public func databases() throws -> [CatalogDatabase] {
        try locked {
            try connection.query("SELECT name, description, location, parameters_json, created_at FROM databases ORDER BY name", row: databaseFromRow)
        }
    }

    public func database(named name: String) throws -> CatalogDatabase? {
        try locked {
            try connection.queryFirst("SELECT name, description, location, parameters_json, created_at FROM databases WHERE name = ?",
                                      [.text(name)], row: databaseFromRow)
        }
    }

    /// Deletes a database with its tables, versions, partitions and crawled-file records.
    public func deleteDatabase(_ name: String) throws {
        try write {
            guard try connection.run("DELETE FROM databases WHERE name = ?", [.text(name)]) > 0 else {
                throw CatalogError(.notFound, "no database '\(name)'", path: path)
            }
        }
    }

    // MARK: - Internals

    private func insertDatabase(_ database: CatalogDatabase) throws -> CatalogDatabase {
        guard !database.name.isEmpty else { throw CatalogError(.invalidArgument, "a database needs a name", path: path) }
        let created = now()
        try connection.run("INSERT INTO databases (name, description, location, parameters_json, created_at) VALUES (?, ?, ?, ?, ?)",
                           [.text(database.name), .text(database.description), .optional(database.location),
                            .text(SchemaCoding.encode(database.parameters)), .date(created)])
        var stored = database
        stored.createTime = created
        return stored
    }

    private func databaseFromRow(_ row: SQLiteRow) throws -> CatalogDatabase {
        var database = CatalogDatabase(name: row.string(0), description: row.string(1), location: row.optionalString(2),
                                       parameters: try SchemaCoding.decodeStringMap(row.string(3)))
        database.createTime = row.date(4)
        return database
    }

    func databaseID(_ name: String) throws -> Int64? {
        try connection.queryFirst("SELECT id FROM databases WHERE name = ?", [.text(name)]) { $0.int64(0) }
    }

    func requireDatabaseID(_ name: String) throws -> Int64 {
        guard let id = try databaseID(name) else { throw CatalogError(.notFound, "no database '\(name)'", path: path) }
        return id
    }
}
