import Foundation
import Testing
import TarnCatalog
import TarnCore

/// `tarn catalog …` over a catalog filled through the library.
@Suite struct CatalogCLITests {
    struct Fixture {
        let folder: URL
        var catalogPath: String { folder.appendingPathComponent("catalog.sqlite").path }

        init() throws {
            folder = try CLITests.temporaryFolder()
            let catalog = try Catalog(path: folder.appendingPathComponent("catalog.sqlite").path)
            try catalog.ensureDatabase("lake", description: "the demo lake")
            var sales = CatalogTable(
                database: "lake", name: "sales", location: "/data/curated/sales", format: .parquet(compression: .snappy),
                schema: Schema([Field("id", .int64, nullable: false), Field("amount", .decimal(precision: 12, scale: 2))]),
                partitionKeys: [PartitionKey("year", .int32)],
                properties: TableProperties(recordCount: 1200, sizeBytes: 48_000, objectCount: 4))
            try catalog.createOrUpdateTable(sales)
            sales.schema.fields.append(Field("channel", .string))
            try catalog.createOrUpdateTable(sales)
            try catalog.createOrUpdateTable(CatalogTable(
                database: "lake", name: "customers", location: "/data/raw/customers",
                format: .csv(CSVFormat(delimiter: ";")), schema: Schema([Field("id", .int64), Field("name", .string)])))
            try catalog.upsertPartitions([
                CatalogPartition(values: ["2023"], location: "/data/curated/sales/year=2023", fileCount: 1, sizeBytes: 2048, recordCount: 500),
                CatalogPartition(values: ["2024"], location: "/data/curated/sales/year=2024", fileCount: 3, sizeBytes: 4096, recordCount: 700),
            ], database: "lake", table: "sales")
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        /// Runs `tarn` in the folder with `environment` added (and no inherited TARN_CATALOG).
        func tarn(_ arguments: [String], environment: [String: String] = [:]) throws -> CLITests.Run {
            var changes: [String: String?] = ["TARN_CATALOG": nil]
            for (name, value) in environment { changes[name] = value }
            return try CLITests.tarnArguments(arguments, in: folder, environment: changes)
        }
    }

    @Test func listsDatabasesAndTables() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let databases = try fixture.tarn(["catalog", "databases", "--catalog", fixture.catalogPath])
        #expect(databases.status == 0, "\(databases.stderr)")
        let lines = databases.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME  TABLES  CREATED") == true)
        #expect(lines.count == 2 && lines[1].hasPrefix("lake       2  ") && lines[1].hasSuffix("the demo lake"), "\(databases.stdout)")

        // TARN_CATALOG stands in for --catalog.
        let tables = try fixture.tarn(["catalog", "tables", "lake"], environment: ["TARN_CATALOG": fixture.catalogPath])
        #expect(tables.status == 0, "\(tables.stderr)")
        #expect(tables.stdout == """
            NAME       FORMAT           COLUMNS  PARTITION KEYS  RECORDS     SIZE  VERSION  LOCATION
            customers  csv                    2  -                     -        -        1  /data/raw/customers
            sales      parquet, snappy        3  year               1200  46.9 KB        2  /data/curated/sales

            """)

        let json = try fixture.tarn(["catalog", "tables", "lake", "--json", "--catalog", fixture.catalogPath])
        let document = try JSONValue(parsing: json.stdout)
        #expect(document["TableList"]?.arrayValue?.map { $0["Name"]?.stringValue ?? "" } == ["customers", "sales"])
        #expect(document["TableList"]?[1]?["StorageDescriptor"]?["Columns"]?[1] == ["Name": "amount", "Type": "decimal(12,2)"])
        let databaseList = try JSONValue(parsing: try fixture.tarn(["catalog", "databases", "--json", "--catalog", fixture.catalogPath]).stdout)
        #expect(databaseList["DatabaseList"]?[0]?["Name"] == "lake")
    }

    @Test func showsATableItsVersionsAndPartitions() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let show = try fixture.tarn(["catalog", "show", "lake.sales", "--catalog", fixture.catalogPath])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Table         lake.sales\n"))
        #expect(show.stdout.contains("Format        parquet, snappy\n"))
        #expect(show.stdout.contains("COLUMN   TYPE           HIVE TYPE      NULLABLE\nid       int64          bigint         no\namount   decimal(12,2)  decimal(12,2)  yes\n"), "\(show.stdout)")
        #expect(show.stdout.contains("year     int32          int            partition key\n"))

        let table = try JSONValue(parsing: try fixture.tarn(["catalog", "show", "lake.sales", "--json", "--catalog", fixture.catalogPath]).stdout)
        #expect(table["Name"] == "sales" && table["DatabaseName"] == "lake" && table["VersionId"] == "2")
        #expect(table["Parameters"]?["recordCount"] == "1200")

        let versions = try fixture.tarn(["catalog", "versions", "lake.sales", "--catalog", fixture.catalogPath])
        let versionLines = versions.stdout.split(separator: "\n")
        #expect(versionLines.count == 3)
        #expect(versionLines[1].hasSuffix("created"))
        #expect(versionLines[2].hasSuffix("+channel string"), "\(versions.stdout)")
        let versionsJSON = try JSONValue(parsing: try fixture.tarn(["catalog", "versions", "lake.sales", "--json", "--catalog", fixture.catalogPath]).stdout)
        #expect(versionsJSON["TableVersions"]?.arrayValue?.count == 2)

        let partitions = try fixture.tarn(["catalog", "partitions", "lake.sales", "--catalog", fixture.catalogPath])
        #expect(partitions.stdout.split(separator: "\n").dropFirst().map { String($0.prefix(9)) } == ["year=2023", "year=2024"])
        let partitionsJSON = try JSONValue(parsing: try fixture.tarn(["catalog", "partitions", "lake.sales", "--json", "--catalog", fixture.catalogPath]).stdout)
        #expect(partitionsJSON["Partitions"]?[1]?["Values"] == ["2024"])
        #expect(partitionsJSON["Partitions"]?[1]?["StorageDescriptor"]?["Location"] == "/data/curated/sales/year=2024")
    }

    @Test func exportsEachFormat() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let hive = try fixture.tarn(["catalog", "export", "lake", "--format", "hive", "--catalog", fixture.catalogPath])
        #expect(hive.status == 0, "\(hive.stderr)")
        #expect(hive.stdout.contains("CREATE EXTERNAL TABLE IF NOT EXISTS `lake`.`sales` ("))
        #expect(hive.stdout.contains("ADD IF NOT EXISTS PARTITION (`year`='2024') LOCATION '/data/curated/sales/year=2024';"))
        let glue = try fixture.tarn(["catalog", "export", "lake", "--format", "glue", "--catalog", fixture.catalogPath])
        #expect(glue.stdout.split(separator: "\n").count == 2)
        let duckdb = try fixture.tarn(["catalog", "export", "lake", "--format", "duckdb", "--catalog", fixture.catalogPath])
        #expect(duckdb.stdout.contains("CREATE OR REPLACE VIEW \"lake\".\"customers\" AS"))
    }

    @Test func errorsAndUsage() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let help = try fixture.tarn(["catalog", "--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("usage: tarn catalog databases"))
        for arguments in [["catalog"], ["catalog", "tables"], ["catalog", "show", "nodot"], ["catalog", "export", "lake"],
                          ["catalog", "export", "lake", "--format", "csv"], ["catalog", "frobnicate"], ["catalog", "databases", "--bogus"]] {
            let run = try fixture.tarn(arguments + ["--catalog", fixture.catalogPath])
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("Run 'tarn catalog --help' for usage."), "\(arguments)")
        }
        let missingTable = try fixture.tarn(["catalog", "show", "lake.nope", "--catalog", fixture.catalogPath])
        #expect(missingTable.status == 1)
        #expect(missingTable.stderr == "tarn: \(fixture.catalogPath): no table 'lake.nope'\n")

        // The default catalog is .tarn/catalog.sqlite under the current folder; it is not
        // created by a read.
        let noCatalog = try fixture.tarn(["catalog", "databases"])
        #expect(noCatalog.status == 1)
        #expect(noCatalog.stderr.contains(".tarn/catalog.sqlite: no catalog here"), "\(noCatalog.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent(".tarn").path))

        let notes = fixture.folder.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 20).utf8).write(to: URL(fileURLWithPath: notes))
        let notADatabase = try fixture.tarn(["catalog", "databases", "--catalog", notes])
        #expect(notADatabase.status == 1)
        #expect(notADatabase.stderr.hasPrefix("tarn: \(notes): not a Tarn catalog"), "\(notADatabase.stderr)")
    }
}
