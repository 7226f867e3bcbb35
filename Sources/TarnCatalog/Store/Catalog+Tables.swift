import Foundation
import TarnCore

extension Catalog {
    /// Stores `table` in its database (which must exist): inserts it at version 1, or
    /// updates the stored one. A new version is recorded only when the schema or the
    /// partition keys changed; other changes (location, format, properties, deprecation)
    /// update the table in place. Storing a table un-deprecates it unless it says otherwise.
    @discardableResult
    public func createOrUpdateTable(_ table: CatalogTable) throws -> TableUpdate {
        try write {
            guard !table.name.isEmpty else { throw CatalogError(.invalidArgument, "a table needs a name", path: path) }
            let databaseID = try requireDatabaseID(table.database)
            let time = now()
            guard let (tableID, existing) = try storedTable(database: table.database, name: table.name) else {
                try connection.run("""
                    INSERT INTO tables (database_id, name, description, \(Self.sharedColumns), \(Self.propertyColumns),
                                        version, deprecated, created_at, updated_at)
                    VALUES (?, ?, ?, \(Self.placeholders(Self.sharedColumnCount + Self.propertyColumnCount)), 1, ?, ?, ?)
                    """,
                    [.integer(databaseID), .text(table.name), .text(table.description)] + sharedValues(table)
                        + propertyValues(table.properties) + [.bool(table.deprecated), .date(time), .date(time)])
                try insertVersion(tableID: connection.lastInsertRowID, version: 1, table: table, time: time)
                return .created
            }
            var candidate = table
            candidate.version = existing.version
            candidate.createTime = existing.createTime
            candidate.updateTime = existing.updateTime
            candidate.properties.lastCrawled = candidate.properties.lastCrawled?.catalogRounded
            if candidate == existing { return .unchanged }

            let shapeChanged = !existing.hasSameShape(as: table)
            let version = shapeChanged ? existing.version + 1 : existing.version
            try connection.run("""
                UPDATE tables SET description = ?, \(Self.assignments(Self.sharedColumns)), \(Self.assignments(Self.propertyColumns)),
                                  version = ?, deprecated = ?, updated_at = ?
                WHERE id = ?
                """,
                [.text(table.description)] + sharedValues(table) + propertyValues(table.properties)
                    + [.integer(version), .bool(table.deprecated), .date(time), .integer(tableID)])
            if shapeChanged {
                try insertVersion(tableID: tableID, version: version, table: table, time: time)
                return .newVersion(version)
            }
            return .updated
        }
    }

    /// The table `database.name`, deprecated or not; nil when there is none.
    public func table(database: String, name: String) throws -> CatalogTable? {
        try locked { try storedTable(database: database, name: name)?.table }
    }

    /// The tables of a database, by name. Throws `.notFound` when the database is missing.
    public func tables(database: String, includeDeprecated: Bool = true) throws -> [CatalogTable] {
        try locked {
            let databaseID = try requireDatabaseID(database)
            return try connection.query("\(Self.selectTable) WHERE t.database_id = ? \(includeDeprecated ? "" : "AND t.deprecated = 0") ORDER BY t.name",
                                        [.integer(databaseID)]) { try tableFromRow($0).table }
        }
    }

    /// Every stored version of a table, oldest first.
    public func tableVersions(database: String, name: String) throws -> [TableVersion] {
        try locked {
            let (tableID, current) = try requireTable(database: database, name: name)
            return try connection.query("""
                SELECT version, created_at, \(Self.sharedColumns) FROM table_versions WHERE table_id = ? ORDER BY version
                """, [.integer(tableID)]) { row in
                var table = current
                try readShared(row, from: 2, into: &table)
                table.version = row.int(0)
                return TableVersion(versionID: row.int(0), createTime: row.date(1), table: table)
            }
        }
    }

    /// Marks a table deprecated (its files vanished) or not, without a new version.
    public func setTableDeprecated(database: String, name: String, _ deprecated: Bool = true) throws {
        try write {
            let (tableID, _) = try requireTable(database: database, name: name)
            try connection.run("UPDATE tables SET deprecated = ?, updated_at = ? WHERE id = ?",
                               [.bool(deprecated), .date(now()), .integer(tableID)])
        }
    }

    /// Deletes a table with its versions and partitions.
    public func deleteTable(database: String, name: String) throws {
        try write {
            let (tableID, _) = try requireTable(database: database, name: name)
            try connection.run("DELETE FROM tables WHERE id = ?", [.integer(tableID)])
        }
    }

    // MARK: - Rows

    /// The columns tables and table_versions share, in `sharedValues` order.
    static let sharedColumns = "location, classification, compression, csv_delimiter, csv_quote, csv_escape, csv_header, csv_skip, json_layout, file_pattern, schema_json, partition_keys_json"
    static let sharedColumnCount = 12
    static let propertyColumns = "record_count, size_bytes, object_count, average_record_size, last_crawled, parameters_json"
    static let propertyColumnCount = 6

    static let selectTable = """
        SELECT t.id, d.name, t.name, t.description, \(sharedColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
               t.record_count, t.size_bytes, t.object_count, t.average_record_size, t.last_crawled, t.parameters_json,
               t.version, t.deprecated, t.created_at, t.updated_at
        FROM tables t JOIN databases d ON d.id = t.database_id
        """

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    static func assignments(_ columns: String) -> String {
        columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) + " = ?" }.joined(separator: ", ")
    }

    func storedTable(database: String, name: String) throws -> (id: Int64, table: CatalogTable)? {
        try connection.queryFirst("\(Self.selectTable) WHERE d.name = ? AND t.name = ?", [.text(database), .text(name)], row: tableFromRow)
    }

    func requireTable(database: String, name: String) throws -> (id: Int64, table: CatalogTable) {
        guard let found = try storedTable(database: database, name: name) else {
            if try databaseID(database) == nil { throw CatalogError(.notFound, "no database '\(database)'", path: path) }
            throw CatalogError(.notFound, "no table '\(database).\(name)'", path: path)
        }
        return found
    }

    private func tableFromRow(_ row: SQLiteRow) throws -> (id: Int64, table: CatalogTable) {
        var table = CatalogTable(database: row.string(1), name: row.string(2), location: "", format: TableFormat(classification: .unknown), schema: Schema([]))
        table.description = row.string(3)
        try readShared(row, from: 4, into: &table)
        let base = Int32(4 + Self.sharedColumnCount)
        table.properties = TableProperties(
            recordCount: row.optionalInt64(base), sizeBytes: row.optionalInt64(base + 1), objectCount: row.optionalInt64(base + 2),
            averageRecordSize: row.optionalInt64(base + 3), lastCrawled: row.optionalDate(base + 4),
            custom: try SchemaCoding.decodeStringMap(row.string(base + 5)))
        table.version = row.int(base + 6)
        table.deprecated = row.bool(base + 7)
        table.createTime = row.date(base + 8)
        table.updateTime = row.date(base + 9)
        return (row.int64(0), table)
    }

    private func sharedValues(_ table: CatalogTable) -> [SQLiteValue] {
        let format = table.format
        let csv = format.csv
        return [
            .text(table.location), .text(format.classification.rawValue), .text(format.compression.rawValue),
            .optional(csv.map { String($0.delimiter) }), .optional(csv?.quote.map { String($0) }), .optional(csv?.escape.map { String($0) }),
            csv.map { .bool($0.hasHeader) } ?? .null, .optional(csv?.skipRows),
            .optional(format.jsonLayout?.rawValue), .optional(format.filePattern),
            .text(SchemaCoding.encode(table.schema)), .text(SchemaCoding.encode(table.partitionKeys)),
        ]
    }

    /// Reads the shared columns starting at `first` into `table`.
    private func readShared(_ row: SQLiteRow, from first: Int32, into table: inout CatalogTable) throws {
        table.location = row.string(first)
        var format = TableFormat(classification: Classification(rawValue: row.string(first + 1)),
                                 compression: CompressionType(rawValue: row.string(first + 2)))
        if let delimiter = row.optionalString(first + 3)?.first {
            format.csv = CSVFormat(delimiter: delimiter, quote: row.optionalString(first + 4)?.first,
                                   escape: row.optionalString(first + 5)?.first,
                                   hasHeader: row.isNull(first + 6) ? true : row.bool(first + 6), skipRows: row.optionalInt(first + 7) ?? 0)
        }
        if let layout = row.optionalString(first + 8) {
            guard let parsed = JSONLayout(rawValue: layout) else {
                throw CatalogError(.corruptRecord, "table '\(table.qualifiedName)' has an unknown JSON layout '\(layout)'", path: path)
            }
            format.jsonLayout = parsed
        }
        format.filePattern = row.optionalString(first + 9)
        table.format = format
        table.schema = try SchemaCoding.decode(row.string(first + 10))
        table.partitionKeys = try SchemaCoding.decodePartitionKeys(row.string(first + 11))
    }

    private func propertyValues(_ properties: TableProperties) -> [SQLiteValue] {
        [.optional(properties.recordCount), .optional(properties.sizeBytes), .optional(properties.objectCount),
         .optional(properties.averageRecordSize), .optional(properties.lastCrawled), .text(SchemaCoding.encode(properties.custom))]
    }

    private func insertVersion(tableID: Int64, version: Int, table: CatalogTable, time: Date) throws {
        try connection.run("""
            INSERT INTO table_versions (table_id, version, created_at, \(Self.sharedColumns))
            VALUES (?, ?, ?, \(Self.placeholders(Self.sharedColumnCount)))
            """, [.integer(tableID), .integer(version), .date(time)] + sharedValues(table))
    }
}
