import Foundation
import Testing
import TarnCatalog
import TarnCore
import TarnParquet
@testable import TarnCrawler

/// Compressed raw files, Parquet folders, and files the crawler cannot use.
@Suite struct FormatTests {
    static let curatedSchema = Schema([
        Field("id", .int64, nullable: false),
        Field("amount", .decimal(precision: 10, scale: 2)),
        Field("name", .string),
        Field("tags", .list(Field("element", .string))),
        Field("point", .structure([Field("x", .float64), Field("y", .float64)])),
        Field("seen", .timestamp(.microseconds, utc: true)),
    ])

    /// A Parquet file of `rows` rows in the curated schema.
    static func writeParquet(_ path: String, rows: Int, first: Int64 = 0) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let writer = try ParquetWriter(path: path, schema: curatedSchema)
        let ids = (0..<Int64(rows)).map { Optional(first + $0) }
        let batch = try ColumnBatch(schema: curatedSchema, columns: [
            Column(ids),
            Column(ids.map { $0.map { $0 * 125 } }),
            Column(strings: ids.map { $0.map { "name \($0)" } }),
            Column(listLengths: ids.map { _ in 1 }, element: Column(strings: ids.map { _ in "t" })),
            Column(structPresence: nil, children: [Column(ids.map { $0.map(Double.init) }), Column(ids.map { $0.map { Double($0) / 2 } })]),
            Column(ids.map { $0.map { 1_700_000_000_000_000 + $0 } }),
        ])
        try writer.write(batch)
        try writer.close()
    }

    @Test(.enabled(if: Lake.toolExists("gzip") && Lake.toolExists("zstd"), "needs the gzip and zstd tools (make deps)"))
    func gzipAndZstdFiles() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("gz/a.csv", "id,name\n1,x\n2,y\n")
        try lake.write("gz/b.csv", "id,name\n3,z\n")
        try lake.write("zst/day=1/a.csv", "id,when\n1,2024-01-01\n")
        try lake.write("zst/day=2/a.csv", "id,when\n2,2024-01-02\n")
        try lake.write("both/a.csv", "id\n1\n")
        try lake.write("both/b.csv", "id\n2\n")
        try lake.write("both/c.csv", "id\n3\n")
        try lake.run("gzip", ["gz/a.csv", "gz/b.csv", "both/b.csv"])
        try lake.run("zstd", ["-q", "--rm", "zst/day=1/a.csv", "zst/day=2/a.csv"])
        let report = try lake.crawl()
        #expect(report.skipped.isEmpty)
        let catalog = try lake.catalog()
        let gz = try #require(try catalog.table(database: "lake", name: "gz"))
        #expect(gz.format.compression == .gzip)
        #expect(gz.format.dataFileGlob == "**/*.csv.gz")
        #expect(gz.format.filePattern == nil)
        #expect(gz.schema == Schema([Field("id", .int32), Field("name", .string)]))
        #expect(gz.properties.recordCount == 3)
        let zst = try #require(try catalog.table(database: "lake", name: "zst"))
        #expect(zst.format.compression == .zstd)
        #expect(zst.format.dataFileGlob == "**/*.csv.zst")
        #expect(zst.schema == Schema([Field("id", .int32), Field("when", .date)]))
        #expect(zst.partitionKeys == [PartitionKey("day", .int32)])
        let both = try #require(try catalog.table(database: "lake", name: "both"))
        #expect(both.format.compression == CompressionType(rawValue: "mixed"))
        #expect(both.format.dataFileGlob == "**/*.csv*")
        #expect(both.properties.recordCount == 3)
    }

    @Test(.enabled(if: Lake.toolExists("gzip"), "needs the gzip tool"))
    func largeFilesGetAnEstimatedCount() throws {
        let lake = try Lake()
        defer { lake.remove() }
        let rows = 20_000
        var text = "id,name,amount\n"
        for i in 0..<rows { text += "\(i),name \(i % 97),\(i % 1000).50\n" }
        try lake.write("plain/a.csv", text)
        try lake.write("packed/a.csv", text)
        try lake.run("gzip", ["packed/a.csv"])
        _ = try lake.crawl { $0.sampleBytes = 64 << 10 }
        let catalog = try lake.catalog()
        for name in ["plain", "packed"] {
            let table = try #require(try catalog.table(database: "lake", name: name))
            #expect(table.properties.custom["recordCountEstimated"] == "true")
            let estimate = try #require(table.properties.recordCount)
            #expect(abs(Double(estimate) - Double(rows)) / Double(rows) < 0.15, "\(name): estimated \(estimate) of \(rows)")
        }
        // Within the sample, the count is exact.
        _ = try lake.crawl("whole") { $0.sampleBytes = 4 << 20 }
        #expect(try catalog.table(database: "whole", name: "plain")?.properties.recordCount == Int64(rows))
        #expect(try catalog.table(database: "whole", name: "plain")?.properties.custom["recordCountEstimated"] == nil)
    }

    @Test func jsonLinesAndArrays() throws {
        let lake = try Lake(copying: "json")
        defer { lake.remove() }
        let report = try lake.crawl()
        #expect(report.tables.map(\.name) == ["clicks", "items"])
        let catalog = try lake.catalog()
        let clicks = try #require(try catalog.table(database: "lake", name: "clicks"))
        #expect(clicks.format == .json(.lines))
        #expect(clicks.schema == Schema([
            Field("user", .float64), Field("page", .string),
            Field("meta", .structure([Field("ref", .string), Field("campaign", .int32)])),
            Field("tags", .list(Field("element", .string))), Field("mobile", .boolean),
        ]))
        #expect(clicks.partitionKeys == [PartitionKey("day", .int32)])
        #expect(clicks.properties.recordCount == 3)
        let meta = try #require(report.conflicts.first { $0.column == "meta" })
        #expect(meta.change == .widened)
        #expect(meta.variants.map(\.files) == [[lake.path("clicks/day=1/part-0.jsonl")], [lake.path("clicks/day=2/part-0.jsonl")]])
        let items = try #require(try catalog.table(database: "lake", name: "items"))
        #expect(items.format == .json(.array))
        #expect(items.format.dataFileGlob == "**/*.json")
        #expect(items.schema == Schema([Field("id", .int32), Field("when", .timestamp(.microseconds, utc: true))]))
    }

    @Test(.enabled(if: Lake.toolExists("zstd"), "needs the zstd tool"))
    func compressedJSONLines() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("logs/a.jsonl", "{\"level\": \"info\", \"n\": 1}\n{\"level\": \"warn\", \"n\": 2}\n")
        try lake.write("logs/b.ndjson", "{\"level\": \"info\", \"n\": 3}\n")
        try lake.write("logs/noext", "{\"level\": \"error\", \"n\": 4}\n")
        try lake.run("zstd", ["-q", "--rm", "logs/a.jsonl"])
        _ = try lake.crawl()
        let logs = try #require(try lake.catalog().table(database: "lake", name: "logs"))
        #expect(logs.format.classification == .json)
        #expect(logs.format.compression == CompressionType(rawValue: "mixed"))
        #expect(logs.format.dataFileGlob == "**/*")
        #expect(logs.schema == Schema([Field("level", .string), Field("n", .int32)]))
        #expect(logs.properties.recordCount == 4)
    }

    @Test func parquetFolderFromFooters() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try Self.writeParquet(lake.path("curated/sales/year=2023/part-0.parquet"), rows: 3)
        try Self.writeParquet(lake.path("curated/sales/year=2024/part-0.parquet"), rows: 5, first: 3)
        try Self.writeParquet(lake.path("curated/sales/year=2024/part-1.parquet"), rows: 2, first: 8)
        try lake.write("curated/sales/_SUCCESS", "")
        let report = try lake.crawl { $0.tableLevel = 2 }
        #expect(report.tables.map(\.name) == ["sales"])
        let sales = try #require(try lake.catalog().table(database: "lake", name: "sales"))
        #expect(sales.format.classification == .parquet)
        #expect(sales.format.compression == .snappy)
        #expect(sales.format.dataFileGlob == "**/*.parquet")
        #expect(sales.schema == Self.curatedSchema)
        #expect(sales.partitionKeys == [PartitionKey("year", .int32)])
        #expect(sales.properties.recordCount == 10)
        #expect(sales.properties.custom["recordCountEstimated"] == nil)
        #expect(try lake.catalog().partitions(database: "lake", table: "sales").map(\.recordCount) == [3, 7])
    }

    @Test func parquetSchemaMapping() throws {
        let lake = try Lake()
        defer { lake.remove() }
        let schema = Schema([
            Field("i8", .int8), Field("u16", .uint16), Field("u64", .uint64), Field("f", .float32),
            Field("d", .decimal(precision: 30, scale: 4)), Field("day", .date), Field("b", .binary),
            Field("j", .json), Field("local", .timestamp(.milliseconds, utc: false)), Field("flag", .boolean, nullable: false),
            Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int32))),
            Field("nested", .list(Field("element", .list(Field("element", .int64, nullable: false))))),
        ])
        try FileManager.default.createDirectory(atPath: lake.path("t"), withIntermediateDirectories: true)
        let writer = try ParquetWriter(path: lake.path("t/a.parquet"), schema: schema)
        try writer.close()
        guard case .facts(let facts) = FileInspector.inspectParquet(WalkedFile(path: lake.path("t/a.parquet"), folders: ["t"], name: "a.parquet", sizeBytes: 0, modifiedAt: Date()),
                                                                 kind: FileKind(classification: .parquet, compression: .none, dataExtension: "parquet")) else {
            Issue.record("not inspected")
            return
        }
        #expect(facts.schema == schema)
        #expect(facts.kind.compression == .none)   // no row group, no column chunk to tell the codec
        #expect(facts.recordCount == 0)
    }

    @Test func unreadableAndCorruptFiles() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/good.csv", "id\n1\n")
        try lake.write("t/broken.parquet", bytes: Array("PAR1".utf8) + [1, 2, 3, 4, 5, 6, 0xFF, 0xFF, 0, 0] + Array("PAR1".utf8))
        try lake.write("t/short.parquet", bytes: Array("PAR1PAR1".utf8))
        try FileManager.default.createSymbolicLink(atPath: lake.path("t/gone.csv"), withDestinationPath: lake.path("nowhere.csv"))
        try lake.write("t/bad.csv.gz", bytes: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xDE, 0xAD])
        let report = try lake.crawl()
        #expect(report.tables.map(\.name) == ["t"])
        #expect(report.skipReason("t/broken.parquet") == "corrupt Parquet footer: footer length 65535 exceeds the 6 bytes between the magic numbers")
        #expect(report.skipReason("t/short.parquet") == "corrupt Parquet footer: not a Parquet file: 8 bytes is shorter than the 12-byte minimum")
        #expect(report.skipReason("t/gone.csv") == "unreadable: broken symbolic link")
        #expect(report.skipReason("t/bad.csv.gz")?.hasPrefix("unreadable: ") == true)
        // Unreadable files are not recorded, so the next crawl tries them again; a corrupt one is remembered.
        let recorded = try lake.catalog().crawledFiles(database: "lake").map { ($0.path as NSString).lastPathComponent }
        #expect(recorded == ["broken.parquet", "good.csv", "short.parquet"])
    }

    @Test func aFolderVanishingMidCrawlIsSkipped() throws {
        let lake = try Lake(copying: "partitioned")
        defer { lake.remove() }
        var crawler = Crawler(catalog: try lake.catalog(), options: CrawlOptions(database: "lake"))
        let doomed = lake.path("events/2024/12")
        crawler.beforeListing = { path in
            if path == doomed { try? FileManager.default.removeItem(atPath: path) }
        }
        let report = try crawler.crawl(lake.root)
        #expect(report.skipReason("events/2024/12") == "folder vanished during the crawl")
        #expect(report.table("events")?.fileCount == 1)
    }

    @Test func missingRootAndBadOptions() throws {
        let lake = try Lake()
        defer { lake.remove() }
        #expect { try Crawler(catalog: try lake.catalog(), options: CrawlOptions(database: "x")).crawl(lake.path("missing")) } throws: {
            ($0 as? CrawlError)?.kind == .notAFolder
        }
        #expect { try lake.crawl { $0.tableLevel = -1 } } throws: { ($0 as? CrawlError)?.kind == .invalidOption }
    }
}
