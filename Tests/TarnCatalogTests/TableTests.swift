import Foundation
import Testing
import TarnCore
@testable import TarnCatalog

@Suite struct TableTests {
    @Test func aTableRoundTripsWithEveryField() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        var csv = Sample.csvTable()
        csv.properties.lastCrawled = Date(timeIntervalSince1970: 1_732_924_800.123456)
        csv.format.filePattern = "**/*.csv.gz"
        csv.description = "customers from the CRM"
        for table in [Sample.salesTable(), csv, Sample.jsonTable()] {
            #expect(try catalog.createOrUpdateTable(table) == .created)
        }
        let stored = try #require(try catalog.table(database: "lake", name: "customers"))
        #expect(stored.format == csv.format)
        #expect(stored.format.csv == CSVFormat(delimiter: ";", quote: "\"", escape: "\\", hasHeader: true, skipRows: 1))
        #expect(stored.schema == csv.schema)
        #expect(stored.properties == csv.properties)
        #expect(stored.description == "customers from the CRM")
        #expect(stored.version == 1)
        #expect(stored.createTime != nil && stored.createTime == stored.updateTime)

        let sales = try #require(try catalog.table(database: "lake", name: "sales"))
        #expect(sales.partitionKeys == [PartitionKey("year", .int32), PartitionKey("month", .int32)])
        #expect(sales.format == .parquet(compression: .snappy))
        #expect(sales.properties.custom == ["owner": "finance"])
        #expect(try catalog.table(database: "lake", name: "events")?.schema == Sample.jsonTable().schema)
        #expect(try catalog.tables(database: "lake").map(\.name) == ["customers", "events", "sales"])
        #expect(try catalog.table(database: "lake", name: "absent") == nil)
    }

    @Test func nestedTypesThatTheSpellingCannotCarryRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        let schema = Schema([
            Field("person", .structure([Field("first name", .string), Field("age", .int16, nullable: false)])),
            Field("scores", .list(Field("item", .float64, nullable: false))),
            Field("attributes", .map(key: Field("key", .string, nullable: false), value: Field("value", .list(Field("element", .timestamp(.nanoseconds, utc: false)))))),
            Field("plain", .structure([Field("a", .decimal(precision: 38, scale: 10)), Field("b", .time(.milliseconds))]), nullable: false),
        ])
        let table = CatalogTable(database: "lake", name: "people", location: "/p", format: .json(.array), schema: schema)
        try catalog.createOrUpdateTable(table)
        #expect(try catalog.table(database: "lake", name: "people")?.schema == schema)
    }

    @Test func versionsAreRecordedOnlyWhenTheShapeChanges() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        var table = Sample.salesTable()
        #expect(try catalog.createOrUpdateTable(table) == .created)
        #expect(try catalog.createOrUpdateTable(table) == .unchanged)
        // A table read back and stored again is unchanged too.
        #expect(try catalog.createOrUpdateTable(try #require(try catalog.table(database: "lake", name: "sales"))) == .unchanged)

        table.properties.recordCount = 1500
        table.properties.lastCrawled = Date()
        #expect(try catalog.createOrUpdateTable(table) == .updated)
        #expect(try catalog.createOrUpdateTable(table) == .unchanged)
        #expect(try catalog.tableVersions(database: "lake", name: "sales").count == 1)

        let firstSchema = table.schema
        table.schema.fields.append(Field("channel", .string))
        #expect(try catalog.createOrUpdateTable(table) == .newVersion(2))
        table.partitionKeys.append(PartitionKey("day", .int32))
        #expect(try catalog.createOrUpdateTable(table) == .newVersion(3))
        table.location = "/elsewhere"
        #expect(try catalog.createOrUpdateTable(table) == .updated)

        let versions = try catalog.tableVersions(database: "lake", name: "sales")
        #expect(versions.map(\.versionID) == [1, 2, 3])
        #expect(versions[0].table.schema == firstSchema)
        #expect(versions[0].table.partitionKeys.map(\.name) == ["year", "month"])
        #expect(versions[0].table.location == "/data/curated/sales")
        #expect(versions[1].table.schema.fields.last?.name == "channel")
        #expect(versions[2].table.partitionKeys.map(\.name) == ["year", "month", "day"])
        #expect(versions[0].createTime <= versions[2].createTime)
        let current = try #require(try catalog.table(database: "lake", name: "sales"))
        #expect(current.version == 3)
        #expect(current.location == "/elsewhere")
        #expect(current.updateTime! >= current.createTime!)
    }

    @Test func tablesNeedTheirDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        let error = #expect(throws: CatalogError.self) { try catalog.createOrUpdateTable(Sample.salesTable()) }
        #expect(error?.kind == .notFound)
        #expect(error?.message == "no database 'lake'")
        try catalog.createDatabase(CatalogDatabase(name: "lake"))
        #expect((#expect(throws: CatalogError.self) { try catalog.createDatabase(CatalogDatabase(name: "lake")) })?.kind == .alreadyExists)
        #expect((#expect(throws: CatalogError.self) { try catalog.tableVersions(database: "lake", name: "nope") })?.message == "no table 'lake.nope'")
    }

    @Test func deprecatingAndDeletingTables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        try catalog.createOrUpdateTable(Sample.salesTable())
        try catalog.createOrUpdateTable(Sample.csvTable())
        try catalog.upsertPartitions([CatalogPartition(values: ["2024", "1"], location: "/s/1")], database: "lake", table: "sales")
        try catalog.setTableDeprecated(database: "lake", name: "customers")
        #expect(try catalog.table(database: "lake", name: "customers")?.deprecated == true)
        #expect(try catalog.tables(database: "lake", includeDeprecated: false).map(\.name) == ["sales"])
        #expect(try catalog.tables(database: "lake").count == 2)
        // Storing it again (the crawler found it back) clears the flag without a new version.
        #expect(try catalog.createOrUpdateTable(Sample.csvTable()) == .updated)
        #expect(try catalog.table(database: "lake", name: "customers")?.deprecated == false)

        try catalog.deleteTable(database: "lake", name: "sales")
        #expect(try catalog.table(database: "lake", name: "sales") == nil)
        let leftovers = try catalog.locked { try catalog.connection.queryFirst("SELECT (SELECT COUNT(*) FROM partitions) + (SELECT COUNT(*) FROM table_versions WHERE table_id NOT IN (SELECT id FROM tables))") { $0.int(0) } }
        #expect(leftovers == 0)
        try catalog.deleteDatabase("lake")
        #expect(try catalog.databases().isEmpty)
    }

    @Test func partitionsUpsertDeprecateAndDelete() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        try catalog.createOrUpdateTable(Sample.salesTable())
        var batch: [CatalogPartition] = []
        for month in 1...12 {
            let location = "/data/curated/sales/year=2024/month=\(month)"
            batch.append(CatalogPartition(values: ["2024", String(month)], location: location,
                                          fileCount: 2, sizeBytes: Int64(1000 * month), recordCount: Int64(100 * month)))
        }
        try catalog.upsertPartitions(batch, database: "lake", table: "sales")
        var stored = try catalog.partitions(database: "lake", table: "sales")
        #expect(stored.map { $0.values[1] } == (1...12).map(String.init))  // numeric order: 2 before 10
        #expect(stored[9].sizeBytes == 10_000 && stored[9].recordCount == 1000 && stored[9].fileCount == 2)
        let firstUpdate = try #require(stored[0].lastUpdated)

        var changed = batch[0]
        changed.fileCount = 3
        changed.recordCount = nil
        changed.parameters = ["note": "late file"]
        try catalog.upsertPartitions([changed, batch[1]], database: "lake", table: "sales")
        stored = try catalog.partitions(database: "lake", table: "sales")
        #expect(stored.count == 12)
        #expect(stored[0].fileCount == 3 && stored[0].recordCount == nil && stored[0].parameters == ["note": "late file"])
        #expect(stored[0].lastUpdated! >= firstUpdate)
        #expect(stored[1].lastUpdated == stored[1].createTime)  // unchanged content keeps its time

        #expect(try catalog.setPartitionsDeprecated([["2024", "3"], ["1999", "1"]], database: "lake", table: "sales") == 1)
        #expect(try catalog.partitions(database: "lake", table: "sales", includeDeprecated: false).count == 11)
        #expect(try catalog.deletePartitions([["2024", "1"], ["2024", "2"], ["2030", "1"]], database: "lake", table: "sales") == 2)
        #expect(try catalog.partitions(database: "lake", table: "sales").map { $0.values[1] } == (3...12).map(String.init))

        let error = #expect(throws: CatalogError.self) {
            try catalog.upsertPartitions([CatalogPartition(values: ["2024"], location: "/x")], database: "lake", table: "sales")
        }
        #expect(error?.kind == .invalidArgument)
    }

    @Test func crawledFilesRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("raw")
        let modified = Date(timeIntervalSince1970: 1_700_000_000.987654321)
        let files = [
            CrawledFile(path: "/raw/sales/year=2024/a.csv", sizeBytes: 120, modifiedAt: modified, contentHash: "abc", table: "sales",
                        partitionValues: ["2024"], classification: .csv, schema: Schema([Field("id", .int64)]), recordCount: 3,
                        properties: ["delimiter": ","]),
            CrawledFile(path: "/raw/notes.txt", sizeBytes: 5, modifiedAt: modified, skipReason: "not CSV, JSON or Parquet"),
        ]
        try catalog.recordCrawledFiles(files, database: "raw")
        let stored = try catalog.crawledFiles(database: "raw")
        #expect(stored.map(\.path) == ["/raw/notes.txt", "/raw/sales/year=2024/a.csv"])
        let csv = stored[1]
        #expect(csv.schema == Schema([Field("id", .int64)]) && csv.partitionValues == ["2024"] && csv.classification == .csv)
        #expect(csv.table == "sales" && csv.recordCount == 3 && csv.contentHash == "abc" && csv.properties == ["delimiter": ","])
        #expect(csv.isUnchanged(sizeBytes: 120, modifiedAt: modified))
        #expect(!csv.isUnchanged(sizeBytes: 121, modifiedAt: modified))
        #expect(!csv.isUnchanged(sizeBytes: 120, modifiedAt: modified.addingTimeInterval(0.001)))
        #expect(stored[0].skipReason == "not CSV, JSON or Parquet" && stored[0].table == nil && stored[0].schema == nil)
        #expect(try catalog.deleteCrawledFiles(paths: ["/raw/notes.txt"], database: "raw") == 1)
        #expect(try catalog.crawledFiles(database: "raw").count == 1)
    }

    @Test func bookmarksRecordMatchAndReset() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        let mtime = Date(timeIntervalSince1970: 1_700_000_123.456789)
        try catalog.recordBookmarks([
            JobBookmark(job: "byod-parquet", path: "/raw/a.csv", sizeBytes: 10, modifiedAt: mtime, headHash: "h1", runID: "run-1"),
            JobBookmark(job: "byod-parquet", path: "/raw/b.csv", sizeBytes: 20, modifiedAt: mtime, headHash: "h2", runID: "run-1"),
            JobBookmark(job: "other", path: "/raw/a.csv", sizeBytes: 10, modifiedAt: mtime, headHash: "h1"),
        ])
        let marks = try catalog.bookmarks(job: "byod-parquet")
        #expect(marks.map(\.path) == ["/raw/a.csv", "/raw/b.csv"])
        #expect(marks[0].runID == "run-1" && marks[0].recordedAt != nil)
        #expect(marks[0].matches(sizeBytes: 10, modifiedAt: mtime, headHash: "h1"))
        #expect(!marks[0].matches(sizeBytes: 10, modifiedAt: mtime, headHash: "h9"))
        // Re-recording a file replaces its bookmark.
        try catalog.recordBookmarks([JobBookmark(job: "byod-parquet", path: "/raw/a.csv", sizeBytes: 11, modifiedAt: mtime, headHash: "h3", runID: "run-2")])
        #expect(try catalog.bookmark(job: "byod-parquet", path: "/raw/a.csv")?.runID == "run-2")
        #expect(try catalog.resetBookmarks(job: "byod-parquet") == 2)
        #expect(try catalog.bookmarks(job: "byod-parquet").isEmpty)
        #expect(try catalog.bookmarks(job: "other").count == 1)
    }

    @Test func workflowAndNodeRunsRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        let start = Date(timeIntervalSince1970: 1_732_932_000)
        var run = WorkflowRunRecord(runID: "wr-1", workflowName: "byod", startedOn: start, properties: ["raw": "Fixtures/lake/raw"])
        try catalog.recordWorkflowRun(run)
        var crawl = NodeRunRecord(runID: "wr-1", nodeName: "byod-initial-ds", nodeType: .crawler, startedOn: start)
        try catalog.recordNodeRun(crawl)
        crawl.state = .succeeded
        crawl.completedOn = start.addingTimeInterval(4)
        crawl.metrics = ["tablesAdded": 2, "files": 12]
        try catalog.recordNodeRun(crawl)
        try catalog.recordNodeRun(NodeRunRecord(runID: "wr-1", nodeName: "byod-parquet", nodeType: .job, attempt: 1, state: .failed,
                                                startedOn: start.addingTimeInterval(5), completedOn: start.addingTimeInterval(6), errorMessage: "disk full"))
        try catalog.recordNodeRun(NodeRunRecord(runID: "wr-1", nodeName: "byod-parquet", nodeType: .job, attempt: 2, state: .succeeded,
                                                startedOn: start.addingTimeInterval(8), completedOn: start.addingTimeInterval(20),
                                                metrics: ["rowsWritten": 1200, "megabytesPerSecond": 85.5, "tables": ["sales"]]))
        run.state = .completed
        run.completedOn = start.addingTimeInterval(21)
        run.statistics = ["rowsWritten": 1200]
        try catalog.recordWorkflowRun(run)
        try catalog.recordWorkflowRun(WorkflowRunRecord(runID: "wr-2", workflowName: "byod", state: .error, startedOn: start.addingTimeInterval(86_400),
                                                        errorMessage: "crawler failed", previousRunID: "wr-1"))
        try catalog.recordWorkflowRun(WorkflowRunRecord(runID: "other-1", workflowName: "other", startedOn: start.addingTimeInterval(10)))

        #expect(try catalog.workflowRun(id: "wr-1") == run)
        #expect(try catalog.workflowRuns(workflow: "byod").map(\.runID) == ["wr-2", "wr-1"])
        #expect(try catalog.workflowRuns(limit: 2).map(\.runID) == ["wr-2", "other-1"])
        #expect(try catalog.workflowRun(id: "wr-2")?.previousRunID == "wr-1")
        #expect(try catalog.workflowRuns(states: [.running, .error]).map(\.runID) == ["wr-2", "other-1"])
        #expect(try catalog.workflowRuns(workflow: "byod", states: [.completed]).map(\.runID) == ["wr-1"])
        #expect(try catalog.workflowRuns(states: []).isEmpty)
        #expect(try catalog.bookmark(job: "none", path: "/x") == nil)
        let nodes = try catalog.nodeRuns(runID: "wr-1")
        #expect(nodes.map { "\($0.nodeName)#\($0.attempt):\($0.state.rawValue)" } == ["byod-initial-ds#1:SUCCEEDED", "byod-parquet#1:FAILED", "byod-parquet#2:SUCCEEDED"])
        #expect(nodes[0] == crawl)
        #expect(nodes[1].errorMessage == "disk full")
        #expect(nodes[2].metrics == ["rowsWritten": 1200, "megabytesPerSecond": 85.5, "tables": ["sales"]])

        let orphan = #expect(throws: CatalogError.self) {
            try catalog.recordNodeRun(NodeRunRecord(runID: "nope", nodeName: "n", nodeType: .job))
        }
        #expect(orphan?.kind == .notFound)
        try catalog.deleteWorkflowRun(id: "wr-1")
        #expect(try catalog.nodeRuns(runID: "wr-1").isEmpty)
    }
}
