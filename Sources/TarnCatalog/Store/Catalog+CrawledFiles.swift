import Foundation
import TarnCore

extension Catalog {
    /// What the last crawls of `database` recorded, by path.
    public func crawledFiles(database: String) throws -> [CrawledFile] {
        try locked {
            let databaseID = try requireDatabaseID(database)
            // Files of one table mostly share a schema: decode each distinct text once.
            var schemas: [String: Schema] = [:]
            func schema(_ text: String) throws -> Schema {
                if let known = schemas[text] { return known }
                let decoded = try SchemaCoding.decode(text)
                schemas[text] = decoded
                return decoded
            }
            return try connection.query("""
                SELECT path, size_bytes, modified_at, content_hash, table_name, partition_values_json, classification,
                       schema_json, record_count, skip_reason, properties_json, crawled_at
                FROM crawled_files WHERE database_id = ? ORDER BY path
                """, [.integer(databaseID)]) { row in
                CrawledFile(
                    path: row.string(0), sizeBytes: row.int64(1), modifiedAt: row.date(2), contentHash: row.optionalString(3),
                    table: row.optionalString(4), partitionValues: try row.optionalString(5).map(SchemaCoding.decodeValues),
                    classification: row.optionalString(6).map(Classification.init(rawValue:)),
                    schema: try row.optionalString(7).map(schema), recordCount: row.optionalInt64(8),
                    skipReason: row.optionalString(9), properties: try SchemaCoding.decodeStringMap(row.string(10)),
                    crawledAt: row.date(11))
            }
        }
    }

    /// Inserts or replaces the records of these files (keyed by path) in one transaction.
    public func recordCrawledFiles(_ files: [CrawledFile], database: String) throws {
        try write {
            let databaseID = try requireDatabaseID(database)
            for file in files {
                try connection.run("""
                    INSERT OR REPLACE INTO crawled_files (database_id, path, size_bytes, modified_at, content_hash, table_name,
                        partition_values_json, classification, schema_json, record_count, skip_reason, properties_json, crawled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.integer(databaseID), .text(file.path), .integer(file.sizeBytes), .date(file.modifiedAt), .optional(file.contentHash),
                     .optional(file.table), .optional(file.partitionValues.map(SchemaCoding.encode(values:))),
                     .optional(file.classification?.rawValue), .optional(file.schema.map(SchemaCoding.encode)),
                     .optional(file.recordCount), .optional(file.skipReason), .text(SchemaCoding.encode(file.properties)),
                     .date(file.crawledAt)])
            }
        }
    }

    /// Forgets these files (they vanished); returns how many were recorded.
    @discardableResult
    public func deleteCrawledFiles(paths: [String], database: String) throws -> Int {
        try write {
            let databaseID = try requireDatabaseID(database)
            var deleted = 0
            for path in paths {
                deleted += try connection.run("DELETE FROM crawled_files WHERE database_id = ? AND path = ?", [.integer(databaseID), .text(path)])
            }
            return deleted
        }
    }
}
