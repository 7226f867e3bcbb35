import Foundation
import Testing
import TarnCatalog
import TarnCore
import TarnIngest
import TarnTestSupport
import TarnWorkflow
@testable import TarnCrawler

/// The catalog a crawl fills, checked by other readers: the DuckDB export runs in DuckDB,
/// and a curated folder Tarn wrote crawls to the raw table's columns.
@Suite struct InteropTests {
    /// DuckDB's name for a catalog type, as `DESCRIBE` prints it.
    static func duckType(_ type: DataType) -> String {
        switch type {
        case .boolean: return "BOOLEAN"
        case .int32: return "INTEGER"
        case .int64: return "BIGINT"
        case .float64: return "DOUBLE"
        case .decimal(let p, let s): return "DECIMAL(\(p),\(s))"
        case .string: return "VARCHAR"
        case .date: return "DATE"
        case .timestamp(_, let utc): return utc ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP"
        case .list(let element): return duckType(element.type) + "[]"
        case .structure(let fields): return "STRUCT(" + fields.map { "\($0.name) \(duckType($0.type))" }.joined(separator: ", ") + ")"
        default: return "\(type)"
        }
    }

    /// A lake with every grouping rule (its root table is `lake`), compressed files and a Parquet folder.
    static func richLake() throws -> Lake {
        let lake = try Lake(copying: "partitioned")
        for fixture in ["drift", "messy", "json"] {
            for entry in try FileManager.default.contentsOfDirectory(atPath: Lake.packageRoot.appendingPathComponent("Fixtures/lakes/\(fixture)").path) {
                try FileManager.default.copyItem(atPath: Lake.packageRoot.appendingPathComponent("Fixtures/lakes/\(fixture)/\(entry)").path,
                                                 toPath: lake.path(entry))
            }
        }
        try FormatTests.writeParquet(lake.path("curated/year=2023/part-0.parquet"), rows: 3)
        try FormatTests.writeParquet(lake.path("curated/year=2024/part-0.parquet"), rows: 4, first: 3)
        if Lake.toolExists("gzip") && Lake.toolExists("zstd") {
            try lake.write("packed/day=01/a.csv", "id,label\n1,one\n2,two\n")
            try lake.write("packed/day=02/a.csv", "id,label\n3,three\n")
            try lake.run("gzip", ["packed/day=01/a.csv"])
            try lake.run("zstd", ["-q", "--rm", "packed/day=02/a.csv"])
        }
        return lake
    }

    @Test(.interop) func duckdbExportMatchesTheCatalog() throws {
        let lake = try Self.richLake()
        defer { lake.remove() }
        _ = try lake.crawl()
        let catalog = try lake.catalog()
        let tables = try catalog.tables(database: "lake")
        #expect(tables.count >= 10)
        let sql = CatalogExport.duckdb(database: "lake", tables: tables)
        let sqlPath = lake.folder.appendingPathComponent("export.sql").path
        try sql.write(toFile: sqlPath, atomically: true, encoding: .utf8)
        let output = try Interop.runPython("""
            import duckdb, json, sys
            con = duckdb.connect()
            con.execute(open(sys.argv[1]).read())
            out = {}
            for (name,) in con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'lake'").fetchall():
                count = con.execute(f'SELECT count(*) FROM lake."{name}"').fetchone()[0]
                columns = [[r[0], r[1]] for r in con.execute(f'DESCRIBE lake."{name}"').fetchall()]
                out[name] = {"count": count, "columns": columns}
            print(json.dumps(out))
            """, arguments: [sqlPath])
        let views = try TarnCatalog.JSONValue(parsing: output)
        for table in tables {
            let view = try #require(views[table.name], "no view for \(table.name)")
            #expect(view["count"]?.intValue == table.properties.recordCount, "\(table.name)")
            // DuckDB quotes the struct fields that are keywords (`"ref"`): compare without quotes.
            let columns = view["columns"]?.arrayValue?.map { "\($0[0]?.stringValue ?? "") \($0[1]?.stringValue ?? "")".replacingOccurrences(of: "\"", with: "") }
            #expect(columns == table.allColumns.map { "\($0.name) \(Self.duckType($0.type))" }, "\(table.name)")
        }
    }

    @Test func curatedFolderCrawlsToTheRawColumns() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("raw/orders/region=eu/a.csv", """
            id,amount,placed,ordered_at,paid,note
            1,10.50,2024-11-30,2024-11-30T10:00:00Z,true,first
            2,3.25,2024-12-01,2024-12-01T08:30:00Z,false,
            """)
        try lake.write("raw/orders/region=us/a.csv", "id,amount,placed,ordered_at,paid,note\n3,99.99,2024-12-02,2024-12-02T23:59:59Z,true,big\n")
        // UUID and time columns are written portably (text, INT64); the footer's
        // `tarn.schema` gives their types back.
        try lake.write("raw/people/people.csv", """
            name,age,score,id,wakes
            Ann,41,1.5e3,123e4567-e89b-12d3-a456-426614174000,07:30:00
            Bob,,2.25,00000000-0000-0000-0000-000000000000,
            """)
        _ = try FileConverter.convert(input: lake.path("raw"), output: lake.path("curated"))
        let rawRoot = lake.path("raw"), curatedRoot = lake.path("curated")
        let catalog = try lake.catalog()
        let raw = try Crawler(catalog: catalog, options: CrawlOptions(database: "raw")).crawl(rawRoot)
        let curated = try Crawler(catalog: catalog, options: CrawlOptions(database: "curated")).crawl(curatedRoot)
        #expect(raw.tables.map(\.name) == ["orders", "people"])
        #expect(curated.tables.map(\.name) == ["orders", "people"])
        let people = try #require(try catalog.table(database: "curated", name: "people"))
        #expect(people.schema.fields.map(\.type) == [.string, .int32, .float64, .uuid, .time(.microseconds)])
        for name in ["orders", "people"] {
            let rawTable = try #require(try catalog.table(database: "raw", name: name))
            let curatedTable = try #require(try catalog.table(database: "curated", name: name))
            #expect(curatedTable.format.classification == .parquet)
            #expect(curatedTable.schema == rawTable.schema, "\(name)")
            #expect(curatedTable.partitionKeys == rawTable.partitionKeys, "\(name)")
            #expect(curatedTable.properties.recordCount == rawTable.properties.recordCount, "\(name)")
        }
    }
}
