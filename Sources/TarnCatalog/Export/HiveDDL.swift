import TarnCore

extension CatalogExport {
    /// Spark / Hive / Athena DDL: `CREATE DATABASE`, then per table a `CREATE EXTERNAL
    /// TABLE IF NOT EXISTS` with its columns, partition keys, storage (Parquet, the CSV or
    /// JSON serde with the table's dialect) and location, then one `ALTER TABLE … ADD
    /// PARTITION` per known partition (so unnamed partition folders, which `MSCK REPAIR`
    /// cannot discover, are registered too).
    public static func hive(database: String, tables: [CatalogTable], partitions: [String: [CatalogPartition]] = [:]) -> String {
        var out = "-- Tarn catalog export: database \(database), \(tables.count) table\(tables.count == 1 ? "" : "s") (Spark / Hive / Athena DDL)\n"
        out += "CREATE DATABASE IF NOT EXISTS \(HiveSQL.identifier(database));\n"
        for table in tables {
            out += "\n" + hiveTable(table, database: database)
            for partition in partitions[table.name] ?? [] where partition.values.count == table.partitionKeys.count {
                let spec = zip(table.partitionKeys, partition.values).map { "\(HiveSQL.identifier($0.name))=\(HiveSQL.literal($1))" }
                out += "ALTER TABLE \(HiveSQL.identifier(database)).\(HiveSQL.identifier(table.name)) ADD IF NOT EXISTS PARTITION ("
                out += spec.joined(separator: ", ") + ") LOCATION \(HiveSQL.literal(partition.location));\n"
            }
        }
        return out
    }

    /// The `CREATE EXTERNAL TABLE` statement of one table.
    public static func hiveTable(_ table: CatalogTable, database: String) -> String {
        let format = table.format
        var out = "CREATE EXTERNAL TABLE IF NOT EXISTS \(HiveSQL.identifier(database)).\(HiveSQL.identifier(table.name)) (\n"
        out += table.schema.fields.map { "  \(HiveSQL.identifier($0.name)) \(HiveSQL.type($0.type))" }.joined(separator: ",\n")
        out += "\n)\n"
        if !table.description.isEmpty { out += "COMMENT \(HiveSQL.literal(table.description))\n" }
        if !table.partitionKeys.isEmpty {
            out += "PARTITIONED BY (" + table.partitionKeys.map { "\(HiveSQL.identifier($0.name)) \(HiveSQL.type($0.type))" }.joined(separator: ", ") + ")\n"
        }
        var properties: [(String, String)] = [("classification", format.classification.rawValue)]
        let storage = StorageFormat(table)
        switch format.classification {
        case .parquet:
            out += "STORED AS PARQUET\n"
            if format.compression != .none { properties.append(("parquet.compression", format.compression.rawValue.uppercased())) }
        case .orc:
            out += "STORED AS ORC\n"
        case .avro:
            out += "STORED AS AVRO\n"
        case .json:
            if format.jsonLayout == .array {
                out += "-- note: the JSON serde reads one object per line; these files hold one JSON array each\n"
            }
            out += "ROW FORMAT SERDE \(HiveSQL.literal(storage.serializationLibrary))\n"
            out += "STORED AS TEXTFILE\n"
        default:
            let dialect = format.csv ?? CSVFormat()
            if storage.serializationLibrary == StorageFormat.openCSVSerde {
                out += "ROW FORMAT SERDE \(HiveSQL.literal(storage.serializationLibrary))\n"
                let keys = ["separatorChar", "quoteChar", "escapeChar"]
                out += "WITH SERDEPROPERTIES (" + keys.map { "\(HiveSQL.literal($0))=\(HiveSQL.literal(storage.serdeParameters[$0]!))" }.joined(separator: ", ") + ")\n"
            } else {
                out += "ROW FORMAT DELIMITED FIELDS TERMINATED BY \(HiveSQL.literal(String(dialect.delimiter)))\n"
            }
            out += "STORED AS TEXTFILE\n"
            if dialect.headerLineCount > 0 { properties.append(("skip.header.line.count", String(dialect.headerLineCount))) }
        }
        if format.classification != .parquet, format.compression != .none {
            properties.append(("compressionType", format.compression.rawValue))
        }
        out += "LOCATION \(HiveSQL.literal(table.location))\n"
        out += "TBLPROPERTIES (" + properties.map { "\(HiveSQL.literal($0.0))=\(HiveSQL.literal($0.1))" }.joined(separator: ", ") + ");\n"
        return out
    }
}

/// Quoting for HiveQL / Spark SQL.
enum HiveSQL {
    /// A backquoted identifier; a backquote inside is doubled.
    static func identifier(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// A single-quoted string literal with backslash escapes, as HiveQL reads them.
    static func literal(_ text: String) -> String {
        var out = "'"
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default: out.append(character)
            }
        }
        return out + "'"
    }

    /// The Hive type, with struct field names backquoted when they are not plain identifiers.
    static func type(_ type: DataType) -> String {
        switch type {
        case .list(let element): return "array<\(self.type(element.type))>"
        case .map(let key, let value): return "map<\(self.type(key.type)),\(self.type(value.type))>"
        case .structure(let fields):
            return "struct<" + fields.map { "\(isPlain($0.name) ? $0.name : identifier($0.name)):\(self.type($0.type))" }.joined(separator: ",") + ">"
        default: return type.hiveName
        }
    }

    private static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
