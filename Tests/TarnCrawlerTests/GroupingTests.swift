import Foundation
import Testing
import TarnCatalog
import TarnCore
@testable import TarnCrawler

/// Grouping and partition rules over the fixture lakes (Fixtures/lakes/README.md).
@Suite struct GroupingTests {
    @Test func keyValueAndUnnamedPartitionsAndRootFiles() throws {
        let lake = try Lake(copying: "partitioned")
        defer { lake.remove() }
        let report = try lake.crawl()
        #expect(report.tables.map(\.name) == ["events", "lake", "sales"])
        #expect(report.tables.allSatisfy { $0.action == .created })
        #expect(report.filesFound == 6)
        #expect(report.skipReason("sales/_SUCCESS") == "hidden or marker file (name starts with '_')")

        let catalog = try lake.catalog()
        let sales = try #require(try catalog.table(database: "lake", name: "sales"))
        #expect(sales.location == lake.root + "/sales")
        #expect(sales.schema == Schema([Field("id", .int32), Field("amount", .decimal(precision: 4, scale: 2)),
                                        Field("day", .date), Field("channel", .string)]))
        #expect(sales.partitionKeys == [PartitionKey("year", .int32), PartitionKey("month", .string)])
        #expect(sales.format.classification == .csv)
        #expect(sales.format.compression == .none)
        #expect(sales.format.csv == CSVFormat(delimiter: ",", quote: "\"", escape: nil, hasHeader: true, skipRows: 0))
        #expect(sales.format.filePattern == nil)
        #expect(sales.properties.recordCount == 5)
        #expect(sales.properties.objectCount == 3)
        #expect(sales.properties.custom["recordCountEstimated"] == nil)
        #expect(sales.properties.custom[CatalogExport.schemaVariesByFile] == "true")
        let size = try [ "year=2023/month=01", "year=2024/month=11", "year=2024/month=12"].reduce(Int64(0)) { total, folder in
            total + (try FileManager.default.attributesOfItem(atPath: lake.path("sales/\(folder)/part-0.csv"))[.size] as! NSNumber).int64Value
        }
        #expect(sales.properties.sizeBytes == size)
        #expect(sales.properties.averageRecordSize == size / 5)
        #expect(sales.properties.lastCrawled != nil)

        let partitions = try catalog.partitions(database: "lake", table: "sales")
        #expect(partitions.map(\.values) == [["2023", "01"], ["2024", "11"], ["2024", "12"]])
        #expect(partitions.map(\.recordCount) == [2, 1, 2])
        #expect(partitions.map(\.fileCount) == [1, 1, 1])
        #expect(partitions[0].location == lake.root + "/sales/year=2023/month=01")

        let events = try #require(try catalog.table(database: "lake", name: "events"))
        #expect(events.schema == Schema([Field("ts", .timestamp(.microseconds, utc: true)), Field("kind", .string)]))
        #expect(events.partitionKeys == [PartitionKey("partition_0", .int32), PartitionKey("partition_1", .int32), PartitionKey("partition_2", .string)])
        #expect(try catalog.partitions(database: "lake", table: "events").map(\.values) == [["2024", "11", "30"], ["2024", "12", "01"]])

        // Files in the root: a table named after the root (the copy is called `lake`), reading only the root's CSV files.
        let root = try #require(try catalog.table(database: "lake", name: "lake"))
        #expect(root.location == lake.root)
        #expect(root.format.filePattern == "*.csv")
        #expect(root.partitionKeys.isEmpty)
        #expect(root.properties.recordCount == 2)

        // Every widened column is reported with its files.
        let amount = try #require(report.conflicts.first { $0.column == "amount" })
        #expect(amount.kind == .columnType)
        #expect(amount.resolvedType == .decimal(precision: 4, scale: 2))
        #expect(amount.variants.map(\.type) == [.decimal(precision: 4, scale: 2), .decimal(precision: 3, scale: 2)])
        #expect(amount.variants[1].files == [lake.path("sales/year=2024/month=11/part-0.csv"), lake.path("sales/year=2024/month=12/part-0.csv")])
    }

    @Test func driftWidensAndIncompatibleFilesSplit() throws {
        let lake = try Lake(copying: "drift")
        defer { lake.remove() }
        let report = try lake.crawl()
        #expect(report.tables.map(\.name) == ["both", "both_tsv", "customers", "mixed_a", "mixed_b"])
        let catalog = try lake.catalog()

        let customers = try #require(try catalog.table(database: "lake", name: "customers"))
        #expect(customers.schema == Schema([Field("id", .int64), Field("name", .string),
                                            Field("score", .decimal(precision: 11, scale: 1)), Field("email", .string)]))
        #expect(customers.properties.recordCount == 4)
        let score = try #require(report.conflicts.first { $0.table == "customers" && $0.column == "score" })
        #expect(score.change == .widened)
        #expect(score.variants.map(\.type) == [.int32, .decimal(precision: 2, scale: 1)])
        #expect(score.variants.map(\.files) == [[lake.path("customers/customers_1.csv")], [lake.path("customers/customers_2.csv")]])
        let id = try #require(report.conflicts.first { $0.table == "customers" && $0.column == "id" })
        #expect(id.resolvedType == .int64)
        #expect(id.variants.map(\.files) == [[lake.path("customers/customers_1.csv"), lake.path("customers/customers_2.csv")],
                                             [lake.path("customers/customers_3.csv")]])
        #expect(!report.conflicts.contains { $0.column == "email" })

        // No column in common, one extension: one table per file.
        let mixedA = try #require(try catalog.table(database: "lake", name: "mixed_a"))
        #expect(mixedA.location == lake.path("mixed/a.csv"))
        #expect(mixedA.format.filePattern == "")
        #expect(mixedA.schema == Schema([Field("id", .int32), Field("name", .string)]))
        let mixedB = try #require(try catalog.table(database: "lake", name: "mixed_b"))
        #expect(mixedB.schema == Schema([Field("when", .date), Field("flag", .boolean), Field("ratio", .decimal(precision: 2, scale: 1))]))
        let split = try #require(report.conflicts.first { $0.kind == .incompatibleFiles && $0.files.contains(lake.path("mixed/a.csv")) })
        #expect(split.files == [lake.path("mixed/a.csv"), lake.path("mixed/b.csv")])

        // Told apart by extension: one table per kind, both at the folder.
        let both = try #require(try catalog.table(database: "lake", name: "both"))
        let tsv = try #require(try catalog.table(database: "lake", name: "both_tsv"))
        #expect(both.location == lake.path("both"))
        #expect(tsv.location == lake.path("both"))
        #expect(both.format.dataFileGlob == "**/*.csv")
        #expect(tsv.format.dataFileGlob == "**/*.tsv")
        #expect(tsv.format.csv?.delimiter == "\t")
        #expect(tsv.schema == Schema([Field("code", .string), Field("label", .string), Field("weight", .decimal(precision: 2, scale: 1))]))
    }

    @Test func tableLevelChoosesTheTableFolders() throws {
        let lake = try Lake(copying: "regions")
        defer { lake.remove() }
        let level2 = try lake.crawl("two") { $0.tableLevel = 2 }
        #expect(level2.tables.map(\.name) == ["eu_sales", "us_sales"])
        let catalog = try lake.catalog()
        #expect(try catalog.table(database: "two", name: "us_sales")?.properties.recordCount == 2)

        let level1 = try lake.crawl("one")
        #expect(level1.tables.map(\.name) == ["eu", "us"])
        let eu = try #require(try catalog.table(database: "one", name: "eu"))
        #expect(eu.partitionKeys == [PartitionKey("partition_0", .string)])
        #expect(try catalog.partitions(database: "one", table: "eu").map(\.values) == [["sales"]])

        let level0 = try lake.crawl("zero") { $0.tableLevel = 0 }
        #expect(level0.tables.map(\.name) == ["lake"])
        let whole = try #require(try catalog.table(database: "zero", name: "lake"))
        #expect(whole.partitionKeys == [PartitionKey("partition_0", .string), PartitionKey("partition_1", .string)])
        #expect(whole.properties.recordCount == 3)
    }

    @Test func excludesAndSkippedFiles() throws {
        let lake = try Lake(copying: "messy")
        defer { lake.remove() }
        try lake.write("ok/scratch/tmp.csv", "id,value\n9,q\n")
        try lake.write("binary/blob.csv", bytes: [0x69, 0x64, 0x0A, 0x00, 0x01, 0x02])
        try lake.write("logs/app.log", "started\n")
        try lake.write("nameless", "a,b\n1,2\n")
        try lake.write(".git/config", "[core]\n")
        try lake.write("fake/data.parquet", "id\n1\n")
        let report = try lake.crawl { $0.excludes = ["ok/scratch", "**/*.log"] }
        #expect(report.tables.map(\.name) == ["ok"])
        #expect(try lake.catalog().table(database: "lake", name: "ok")?.properties.recordCount == 4)
        #expect(report.skipReason("empty/empty.csv") == "empty file")
        #expect(report.skipReason("notes/README.md") == "not CSV, JSON or Parquet (extension .md)")
        #expect(report.skipReason("binary/blob.csv") == "binary content (NUL bytes), not CSV or JSON text")
        #expect(report.skipReason("ok/scratch") == "excluded by 'ok/scratch', not entered")
        #expect(report.skipReason("logs/app.log") == "excluded by '**/*.log'")
        #expect(report.skipReason("nameless") == "no extension and not JSON: cannot tell its format (name CSV files .csv)")
        #expect(report.skipReason(".git") == "hidden folder (name starts with '.'), not entered")
        #expect(report.skipReason("fake/data.parquet") == "named .parquet but not Parquet (it does not start with the magic bytes PAR1)")
        #expect(report.skipped.count == 8)
    }

    @Test func partitionDepthsThatDifferAreReported() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/year=2024/month=1/a.csv", "id\n1\n")
        try lake.write("t/year=2024/b.csv", "id\n2\n")
        try lake.write("t/year=2025/month=2/c.csv", "id\n3\n")
        let report = try lake.crawl()
        let table = try #require(try lake.catalog().table(database: "lake", name: "t"))
        #expect(table.partitionKeys == [PartitionKey("year", .int32)])
        let depth = try #require(report.conflicts.first { $0.kind == .partitionDepth })
        #expect(depth.files == [lake.path("t/year=2024/b.csv")])
    }

    @Test func partitionKeyNamedLikeAColumnIsRenamed() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/id=7/a.csv", "id,name\n1,x\n")
        let report = try lake.crawl()
        let table = try #require(try lake.catalog().table(database: "lake", name: "t"))
        #expect(table.partitionKeys == [PartitionKey("id_partition", .int32)])
        #expect(report.conflicts.map(\.kind) == [.partitionKeyRenamed])
    }

    @Test func hiveEscapesAndDefaultPartition() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/city=S%C3%A3o Paulo/a.csv", "id\n1\n")
        try lake.write("t/city=__HIVE_DEFAULT_PARTITION__/b.csv", "id\n2\n")
        try lake.write("u/day=2024-11-30/a.csv", "id\n1\n")
        try lake.write("u/day=2024-12-01/a.csv", "id\n2\n")
        _ = try lake.crawl()
        let catalog = try lake.catalog()
        #expect(try catalog.partitions(database: "lake", table: "t").map(\.values) == [["São Paulo"], ["__HIVE_DEFAULT_PARTITION__"]])
        #expect(try catalog.table(database: "lake", name: "u")?.partitionKeys == [PartitionKey("day", .date)])
    }
}
