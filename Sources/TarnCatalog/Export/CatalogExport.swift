import TarnCore

/// The three forms a database of the catalog can be exported in, for engines beyond Tarn.
public enum CatalogExportFormat: String, CaseIterable, Sendable {
    /// Spark / Hive / Athena `CREATE EXTERNAL TABLE` DDL.
    case hive
    /// One `aws glue create-table --cli-input-json` document per table, one per line.
    case glue
    /// DuckDB SQL: a schema and one view per table.
    case duckdb
}

/// Renders a catalog database for other engines. The functions are pure: they take the
/// tables (and partitions) read from the catalog; `Catalog.export` does the reading.
public enum CatalogExport {
    /// The export in `format`, as text ready to print or save.
    public static func render(_ format: CatalogExportFormat, database: String, tables: [CatalogTable], partitions: [String: [CatalogPartition]] = [:]) -> String {
        switch format {
        case .hive: return hive(database: database, tables: tables, partitions: partitions)
        case .glue: return glue(database: database, tables: tables).map { $0.serialized() + "\n" }.joined()
        case .duckdb: return duckdb(database: database, tables: tables)
        }
    }

    /// One Glue `create-table` input per table: `{"DatabaseName": …, "TableInput": {…}}`.
    public static func glue(database: String, tables: [CatalogTable]) -> [JSONValue] {
        tables.map { ["DatabaseName": .string(database), "TableInput": GlueJSON.tableInput($0)] }
    }
}

extension Catalog {
    /// Exports the tables of `database` (deprecated ones left out) in `format`.
    public func export(database: String, format: CatalogExportFormat) throws -> String {
        try locked {
            let tables = try tables(database: database, includeDeprecated: false)
            var partitions: [String: [CatalogPartition]] = [:]
            if format == .hive {
                for table in tables where !table.partitionKeys.isEmpty {
                    partitions[table.name] = try self.partitions(database: database, table: table.name, includeDeprecated: false)
                }
            }
            return CatalogExport.render(format, database: database, tables: tables, partitions: partitions)
        }
    }
}
