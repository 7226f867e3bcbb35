import Foundation
import TarnCatalog
import TarnCore

/// `tarn catalog …`: lists what the catalog holds and exports a database for other engines.
struct CatalogCommand: Command {
    static let name = "catalog"
    static let summary = "list databases, tables, versions and partitions; export DDL"
    static let usage = """
        usage: tarn catalog databases [--json]
               tarn catalog tables DB [--json]
               tarn catalog show DB.TABLE [--json]
               tarn catalog versions DB.TABLE [--json]
               tarn catalog partitions DB.TABLE [--json]
               tarn catalog export DB --format hive|glue|duckdb

        Shows what the catalog holds: aligned tables by default, the shapes of the AWS Glue
        API with --json (DatabaseList, TableList, a Table, TableVersions, Partitions).
        `export` prints Spark / Hive / Athena DDL, one `aws glue create-table
        --cli-input-json` document per line, or DuckDB SQL creating one view per table.

        options:
          --catalog PATH   the catalog file (default: $TARN_CATALOG, else .tarn/catalog.sqlite)
          --json           print Glue-shaped JSON instead of text
          --format FORMAT  for export: hive, glue or duckdb
          -h, --help       show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let asJSON = args.flag("--json")
        let catalogPath = try args.value("--catalog")
        let exportFormat = try args.value("--format").map { value in
            guard let format = CatalogExportFormat(rawValue: value.lowercased()) else {
                throw UsageError("unknown export format '\(value)' (hive, glue or duckdb)")
            }
            return format
        }
        try args.finish()
        let positional = args.positional
        guard let action = positional.first else { throw UsageError("missing what to show: databases, tables, show, versions, partitions or export") }
        let operands = Array(positional.dropFirst())
        if exportFormat != nil, action != "export" { throw UsageError("--format is for export") }

        func requireOne(_ what: String) throws -> String {
            guard operands.count == 1 else {
                throw UsageError(operands.isEmpty ? "\(action) needs \(what)" : "\(action) takes one \(what), got \(operands.count)")
            }
            return operands[0]
        }
        func openCatalog() throws -> Catalog {
            try Catalog(path: CatalogLocation.resolve(explicit: catalogPath), createIfMissing: false)
        }

        let output: String
        switch action {
        case "databases":
            guard operands.isEmpty else { throw UsageError("databases takes no operand") }
            let catalog = try openCatalog()
            output = asJSON ? json(GlueJSON.databaseList(try catalog.databases())) : try databasesText(catalog)
        case "tables":
            let database = try requireOne("DB")
            let tables = try openCatalog().tables(database: database)
            output = asJSON ? json(GlueJSON.tableList(tables)) : tablesText(tables, database: database)
        case "show":
            let (database, name) = try qualifiedName(try requireOne("DB.TABLE"))
            let table = try requireTable(try openCatalog(), database: database, name: name)
            output = asJSON ? json(GlueJSON.table(table)) : showText(table)
        case "versions":
            let (database, name) = try qualifiedName(try requireOne("DB.TABLE"))
            let versions = try openCatalog().tableVersions(database: database, name: name)
            output = asJSON ? json(GlueJSON.tableVersions(versions)) : versionsText(versions)
        case "partitions":
            let (database, name) = try qualifiedName(try requireOne("DB.TABLE"))
            let catalog = try openCatalog()
            let table = try requireTable(catalog, database: database, name: name)
            let partitions = try catalog.partitions(database: database, table: name)
            output = asJSON ? json(GlueJSON.partitions(partitions, of: table)) : partitionsText(partitions, of: table)
        case "export":
            let database = try requireOne("DB")
            guard let exportFormat else { throw UsageError("export needs --format hive, glue or duckdb") }
            if asJSON { throw UsageError("export prints its own format; --json does not apply") }
            output = try openCatalog().export(database: database, format: exportFormat)
        default:
            throw UsageError("unknown catalog action '\(action)' (databases, tables, show, versions, partitions or export)")
        }
        print(output, terminator: "")
        return 0
    }

    // MARK: - Arguments

    /// `DB.TABLE`, split at the first dot.
    static func qualifiedName(_ text: String) throws -> (database: String, table: String) {
        guard let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex else {
            throw UsageError("expected DB.TABLE, got '\(text)'")
        }
        return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }

    static func requireTable(_ catalog: Catalog, database: String, name: String) throws -> CatalogTable {
        if let table = try catalog.table(database: database, name: name) { return table }
        if try catalog.database(named: database) == nil { throw CatalogError(.notFound, "no database '\(database)'", path: catalog.path) }
        throw CatalogError(.notFound, "no table '\(database).\(name)'", path: catalog.path)
    }

    static func json(_ value: JSONValue) -> String { value.serialized(pretty: true) + "\n" }

    // MARK: - Text

    static func databasesText(_ catalog: Catalog) throws -> String {
        var table = TextTable(["NAME", "TABLES", "CREATED", "DESCRIPTION"], rightAligned: [1])
        for database in try catalog.databases() {
            let count = try catalog.tables(database: database.name).count
            table.append([database.name, String(count), TextFormat.time(database.createTime), database.description])
        }
        return table.rows.isEmpty ? "no databases\n" : table.rendered
    }

    static func tablesText(_ tables: [CatalogTable], database: String) -> String {
        guard !tables.isEmpty else { return "no tables in \(database)\n" }
        var text = TextTable(["NAME", "FORMAT", "COLUMNS", "PARTITION KEYS", "RECORDS", "SIZE", "VERSION", "LOCATION"], rightAligned: [2, 4, 5, 6])
        for table in tables {
            text.append([
                table.name + (table.deprecated ? " (deprecated)" : ""), formatSummary(table.format), String(table.schema.count),
                table.partitionKeys.isEmpty ? "-" : table.partitionKeys.map(\.name).joined(separator: ","),
                TextFormat.number(table.properties.recordCount), TextFormat.bytes(table.properties.sizeBytes),
                String(table.version), table.location,
            ])
        }
        return text.rendered
    }

    static func showText(_ table: CatalogTable) -> String {
        var facts: [(String, String)] = [("Table", table.qualifiedName)]
        if !table.description.isEmpty { facts.append(("Description", table.description)) }
        facts.append(("Location", table.location))
        facts.append(("Format", formatSummary(table.format)))
        if let dialect = table.format.csv { facts.append(("Dialect", dialectSummary(dialect))) }
        if table.format.filePattern != nil { facts.append(("Files", table.format.dataFileGlob.isEmpty ? "the location itself" : table.format.dataFileGlob)) }
        facts.append(("Version", "\(table.version), updated \(TextFormat.time(table.updateTime)), created \(TextFormat.time(table.createTime))"))
        let properties = table.properties
        facts.append(("Records", TextFormat.number(properties.recordCount)))
        if let size = properties.sizeBytes {
            facts.append(("Size", TextFormat.bytes(size) + (properties.objectCount.map { " in \($0) file\($0 == 1 ? "" : "s")" } ?? "")
                                  + (properties.averageRecordSize.map { ", \($0) B per record" } ?? "")))
        }
        facts.append(("Last crawled", TextFormat.time(properties.lastCrawled)))
        for key in properties.custom.keys.sorted() { facts.append((key, properties.custom[key]!)) }
        if table.deprecated { facts.append(("Deprecated", "yes: the crawler no longer finds its files")) }
        let width = facts.map(\.0.count).max() ?? 0
        var out = facts.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n\n"
        var columns = TextTable(["COLUMN", "TYPE", "HIVE TYPE", "NULLABLE"])
        for field in table.schema.fields {
            columns.append([field.name, field.type.description, field.type.hiveName, field.nullable ? "yes" : "no"])
        }
        for key in table.partitionKeys {
            columns.append([key.name, key.type.description, key.type.hiveName, "partition key"])
        }
        out += columns.rendered
        return out
    }

    static func versionsText(_ versions: [TableVersion]) -> String {
        var text = TextTable(["VERSION", "CREATED", "COLUMNS", "PARTITION KEYS", "CHANGES"], rightAligned: [0, 2])
        var previous: CatalogTable?
        for version in versions {
            let table = version.table
            text.append([String(version.versionID), TextFormat.time(version.createTime), String(table.schema.count),
                         table.partitionKeys.isEmpty ? "-" : table.partitionKeys.map(\.name).joined(separator: ","),
                         previous.map { changes(from: $0, to: table) } ?? "created"])
            previous = table
        }
        return text.rendered
    }

    /// What changed between two versions: `+col type`, `-col`, `col: old -> new`, partition keys.
    static func changes(from old: CatalogTable, to new: CatalogTable) -> String {
        var parts: [String] = []
        let oldFields = Dictionary(old.schema.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(new.schema.fields.map(\.name))
        for field in new.schema.fields {
            if let before = oldFields[field.name] {
                if before.type != field.type { parts.append("\(field.name): \(before.type) -> \(field.type)") }
                else if before.nullable != field.nullable { parts.append("\(field.name): \(field.nullable ? "now nullable" : "now required")") }
            } else {
                parts.append("+\(field.name) \(field.type)")
            }
        }
        for field in old.schema.fields where !newNames.contains(field.name) { parts.append("-\(field.name)") }
        if old.partitionKeys != new.partitionKeys {
            parts.append("partition keys: " + (new.partitionKeys.isEmpty ? "none" : new.partitionKeys.map { "\($0.name) \($0.type)" }.joined(separator: ", ")))
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    static func partitionsText(_ partitions: [CatalogPartition], of table: CatalogTable) -> String {
        guard !partitions.isEmpty else { return "no partitions in \(table.qualifiedName)\n" }
        var text = TextTable(["PARTITION", "FILES", "SIZE", "RECORDS", "UPDATED", "LOCATION"], rightAligned: [1, 2, 3])
        for partition in partitions {
            let spec = zip(table.partitionKeys, partition.values).map { "\($0.name)=\($1)" }.joined(separator: "/")
            text.append([spec + (partition.deprecated ? " (deprecated)" : ""), String(partition.fileCount), TextFormat.bytes(partition.sizeBytes),
                         TextFormat.number(partition.recordCount), TextFormat.time(partition.lastUpdated), partition.location])
        }
        return text.rendered
    }

    static func formatSummary(_ format: TableFormat) -> String {
        var text = format.classification.rawValue
        if let layout = format.jsonLayout { text += layout == .lines ? " lines" : " array" }
        if format.compression != .none { text += ", " + format.compression.rawValue }
        return text
    }

    static func dialectSummary(_ dialect: CSVFormat) -> String {
        func show(_ character: Character) -> String { character == "\t" ? "'\\t'" : "'\(character)'" }
        var parts = ["delimiter \(show(dialect.delimiter))"]
        parts.append(dialect.quote.map { "quote \(show($0))" } ?? "no quote")
        parts.append(dialect.escape.map { "escape \(show($0))" } ?? "doubled quotes")
        parts.append(dialect.hasHeader ? "header" : "no header")
        if dialect.skipRows > 0 { parts.append("skip \(dialect.skipRows)") }
        return parts.joined(separator: ", ")
    }
}
