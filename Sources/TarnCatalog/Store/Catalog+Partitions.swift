import Foundation

extension Catalog {
    /// Inserts or updates partitions of a table, all in one transaction. A partition is
    /// identified by its values; each must have one value per partition key.
    public func upsertPartitions(_ partitions: [CatalogPartition], database: String, table: String) throws {
        try write {
            let (tableID, stored) = try requireTable(database: database, name: table)
            let time = now()
            for partition in partitions {
                guard partition.values.count == stored.partitionKeys.count else {
                    throw CatalogError(.invalidArgument, "partition \(partition.values) of '\(database).\(table)' has \(partition.values.count) values for \(stored.partitionKeys.count) partition keys", path: path)
                }
                // Only a partition whose content changed gets a new `updated_at`.
                try connection.run("""
                    INSERT INTO partitions (table_id, values_json, location, file_count, size_bytes, record_count, parameters_json, deprecated, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (table_id, values_json) DO UPDATE SET
                        location = excluded.location, file_count = excluded.file_count, size_bytes = excluded.size_bytes,
                        record_count = excluded.record_count, parameters_json = excluded.parameters_json,
                        deprecated = excluded.deprecated, updated_at = excluded.updated_at
                    WHERE location IS NOT excluded.location OR file_count IS NOT excluded.file_count
                       OR size_bytes IS NOT excluded.size_bytes OR record_count IS NOT excluded.record_count
                       OR parameters_json IS NOT excluded.parameters_json OR deprecated IS NOT excluded.deprecated
                    """,
                    [.integer(tableID), .text(SchemaCoding.encode(values: partition.values)), .text(partition.location),
                     .integer(partition.fileCount), .integer(partition.sizeBytes), .optional(partition.recordCount),
                     .text(SchemaCoding.encode(partition.parameters)), .bool(partition.deprecated), .date(time), .date(time)])
            }
        }
    }

    /// The partitions of a table, ordered by their values.
    public func partitions(database: String, table: String, includeDeprecated: Bool = true) throws -> [CatalogPartition] {
        try locked {
            let (tableID, _) = try requireTable(database: database, name: table)
            let partitions = try connection.query("""
                SELECT values_json, location, file_count, size_bytes, record_count, parameters_json, deprecated, created_at, updated_at
                FROM partitions WHERE table_id = ? \(includeDeprecated ? "" : "AND deprecated = 0")
                """, [.integer(tableID)]) { row in
                var partition = CatalogPartition(
                    values: try SchemaCoding.decodeValues(row.string(0)), location: row.string(1), fileCount: row.int64(2),
                    sizeBytes: row.int64(3), recordCount: row.optionalInt64(4),
                    parameters: try SchemaCoding.decodeStringMap(row.string(5)), deprecated: row.bool(6))
                partition.createTime = row.date(7)
                partition.lastUpdated = row.date(8)
                return partition
            }
            // Numbers in numeric order (month=2 before month=10), the rest as text.
            return partitions.sorted { Self.valuesPrecede($0.values, $1.values) }
        }
    }

    /// Deletes the partitions with these values; returns how many existed.
    @discardableResult
    public func deletePartitions(_ values: [[String]], database: String, table: String) throws -> Int {
        try write {
            let (tableID, _) = try requireTable(database: database, name: table)
            var deleted = 0
            for partitionValues in values {
                deleted += try connection.run("DELETE FROM partitions WHERE table_id = ? AND values_json = ?",
                                              [.integer(tableID), .text(SchemaCoding.encode(values: partitionValues))])
            }
            return deleted
        }
    }

    /// Marks the partitions with these values deprecated (or not); returns how many existed.
    @discardableResult
    public func setPartitionsDeprecated(_ values: [[String]], database: String, table: String, _ deprecated: Bool = true) throws -> Int {
        try write {
            let (tableID, _) = try requireTable(database: database, name: table)
            let time = now()
            var changed = 0
            for partitionValues in values {
                changed += try connection.run("UPDATE partitions SET deprecated = ?, updated_at = ? WHERE table_id = ? AND values_json = ?",
                                              [.bool(deprecated), .date(time), .integer(tableID), .text(SchemaCoding.encode(values: partitionValues))])
            }
            return changed
        }
    }

    static func valuesPrecede(_ left: [String], _ right: [String]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            if let x = Double(a), let y = Double(b), x != y { return x < y }
            return a < b
        }
        return left.count < right.count
    }
}
