import TarnCore

extension CatalogExport {
    /// DuckDB SQL: `CREATE SCHEMA` named after the database, then one view per table that
    /// reads its files (`read_parquet`, `read_csv` with the table's dialect, `read_json`
    /// with its layout; hive partitioning when it has partition keys) and casts every
    /// column to the catalog's type, so the view shows the catalog's schema exactly.
    public static func duckdb(database: String, tables: [CatalogTable]) -> String {
        var out = "-- Tarn catalog export: database \(database), \(tables.count) table\(tables.count == 1 ? "" : "s") (DuckDB)\n"
        out += "CREATE SCHEMA IF NOT EXISTS \(DuckSQL.identifier(database));\n"
        for table in tables {
            out += "\n" + duckdbView(table, database: database)
        }
        return out
    }

    /// The table parameter a crawler sets (`"true"`) when the table's files do not all have
    /// the same columns in the same order: CSV readers must then match columns by name.
    public static let schemaVariesByFile = "schemaVariesByFile"

    /// The `CREATE OR REPLACE VIEW` statement of one table.
    public static func duckdbView(_ table: CatalogTable, database: String) -> String {
        let format = table.format
        let partitioned = !table.partitionKeys.isEmpty
        // Unnamed partition folders (`2024/11/30`, keys `partition_0`, …) are not hive
        // partitions: then every key is cut from the file's path by its folder's position.
        let byPosition = table.partitionKeys.contains { isUnnamedPartitionKey($0.name) }
        var options: [String] = []
        // Partition values are read as text and cast below, so `01` stays `01` in a string key.
        if byPosition {
            options.append("filename = true")
        } else if partitioned {
            options += ["hive_partitioning = true", "hive_types_autocast = false"]
        }
        let reader: String
        switch format.classification {
        case .parquet:
            reader = "read_parquet"
            // Files written before a schema change lack the newer columns: fill them with NULL.
            options.append("union_by_name = true")
        case .json:
            reader = "read_json"
            options.insert("format = \(DuckSQL.literal(format.jsonLayout == .array ? "array" : "newline_delimited"))", at: 0)
            if !table.schema.fields.isEmpty { options.insert("columns = \(columnsStruct(table.schema))", at: 1) }
        default:
            reader = "read_csv"
            let dialect = format.csv ?? CSVFormat()
            var dialectOptions = [
                "delim = \(DuckSQL.literal(String(dialect.delimiter)))",
                "quote = \(DuckSQL.literal(dialect.quote.map { String($0) } ?? ""))",
                // DuckDB names the doubled-quote convention by an escape equal to the quote.
                "escape = \(DuckSQL.literal((dialect.escape ?? dialect.quote).map { String($0) } ?? ""))",
                "header = \(dialect.hasHeader)",
                "skip = \(dialect.skipRows)",
            ]
            if !table.schema.fields.isEmpty {
                // Files with different columns (the crawler says so) are matched by header name.
                if dialect.hasHeader && table.properties.custom[CatalogExport.schemaVariesByFile] == "true" {
                    dialectOptions += ["union_by_name = true", "types = \(columnsStruct(table.schema))"]
                } else {
                    dialectOptions.append("columns = \(columnsStruct(table.schema))")
                }
            }
            options.insert(contentsOf: dialectOptions, at: 0)
        }
        let source = "\(reader)(\(DuckSQL.literal(format.dataPath(location: table.location)))\(options.isEmpty ? "" : ", " + options.joined(separator: ", ")))"
        let columns = table.allColumns
        // The 1-based place of the first partition folder in `string_split(filename, '/')`.
        let firstFolder = table.location.split(separator: "/", omittingEmptySubsequences: false).count + (table.location.hasSuffix("/") ? 0 : 1)
        let keyPosition = Dictionary(table.partitionKeys.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let selectList = columns.isEmpty ? "*" : columns.map { field in
            let name = DuckSQL.identifier(field.name)
            if byPosition, let k = keyPosition[field.name] {
                // `key=value` folders keep their value; unnamed ones are the value.
                let folder = "string_split(filename, '/')[\(firstFolder + k)]"
                return "CAST(regexp_replace(\(folder), '^[^=]*=', '') AS \(DuckSQL.type(field.type))) AS \(name)"
            }
            return field.type.isNested ? name : "CAST(\(name) AS \(DuckSQL.type(field.type))) AS \(name)"
        }.joined(separator: ",\n       ")
        return "CREATE OR REPLACE VIEW \(DuckSQL.identifier(database)).\(DuckSQL.identifier(table.name)) AS\nSELECT \(selectList)\nFROM \(source);\n"
    }

    /// `partition_0`, `partition_1`, …: the names the crawler gives keys of folders without `key=`.
    static func isUnnamedPartitionKey(_ name: String) -> Bool {
        name.hasPrefix("partition_") && name.count > 10 && name.dropFirst(10).allSatisfy(\.isASCII) && Int(name.dropFirst(10)) != nil
    }

    /// `{'name': 'TYPE', …}`: the `columns` option of `read_csv` / `read_json`.
    private static func columnsStruct(_ schema: Schema) -> String {
        "{" + schema.fields.map { "\(DuckSQL.literal($0.name)): \(DuckSQL.literal(DuckSQL.type($0.type)))" }.joined(separator: ", ") + "}"
    }
}

/// Quoting and type names for DuckDB SQL.
enum DuckSQL {
    /// A double-quoted identifier; a double quote inside is doubled.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal; a single quote inside is doubled (DuckDB reads
    /// backslashes literally in standard strings).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The DuckDB type of a Tarn type.
    static func type(_ type: DataType) -> String {
        switch type {
        case .boolean: return "BOOLEAN"
        case .int8: return "TINYINT"
        case .int16: return "SMALLINT"
        case .int32: return "INTEGER"
        case .int64: return "BIGINT"
        case .uint8: return "UTINYINT"
        case .uint16: return "USMALLINT"
        case .uint32: return "UINTEGER"
        case .uint64: return "UBIGINT"
        case .float32: return "FLOAT"
        case .float64: return "DOUBLE"
        case .decimal(let precision, let scale): return "DECIMAL(\(precision),\(scale))"
        case .string: return "VARCHAR"
        case .binary: return "BLOB"
        case .date: return "DATE"
        case .time: return "TIME"
        case .timestamp(let unit, let utc):
            if utc { return "TIMESTAMP WITH TIME ZONE" }
            switch unit {
            case .milliseconds: return "TIMESTAMP_MS"
            case .microseconds: return "TIMESTAMP"
            case .nanoseconds: return "TIMESTAMP_NS"
            }
        case .uuid: return "UUID"
        case .json: return "JSON"
        case .list(let element): return self.type(element.type) + "[]"
        case .structure(let fields):
            return "STRUCT(" + fields.map { "\(identifier($0.name)) \(self.type($0.type))" }.joined(separator: ", ") + ")"
        case .map(let key, let value): return "MAP(\(self.type(key.type)), \(self.type(value.type)))"
        }
    }
}
