import Foundation
import Testing
import TarnCatalog
import TarnCore
import TarnParquet
import TarnTestSupport
@testable import TarnWorkflow

/// Convert jobs: partition folders, bookmarks (reruns add nothing, a changed file replaces
/// its rows, a new one adds exactly its rows), safe names, and a failed run or a crash in
/// the middle of publishing leaving the curated table whole.
@Suite struct ConvertJobTests {
    static func rows(_ path: String) throws -> Int { Int(try ParquetFooter.read(path: path).numRows) }

    static func totalRows(_ lake: TestLake, _ table: String) throws -> Int {
        try lake.parquetFiles(table).reduce(0) { $0 + (try rows(lake.curated + "/" + table + "/" + $1)) }
    }

    static func job(_ lake: TestLake, _ spec: JobSpec, catalog: Catalog) -> ConvertJob {
        ConvertJob(spec: spec, name: "test.job", catalog: catalog)
    }

    @Test func aPathSourceKeepsItsPartitionFoldersAndRerunsAddNothing() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        let spec = JobSpec(source: .path(lake.raw + "/sales"), target: lake.curated)
        let first = try Self.job(lake, spec, catalog: catalog).run()
        #expect(first.metrics.files == 2 && first.metrics.rowsWritten == 43 && first.filesUnchanged == 0)
        #expect(first.tables == ["sales"])
        let files = lake.parquetFiles("sales")
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasPrefix("year=2024/month=0") })
        #expect(FileManager.default.fileExists(atPath: lake.curated + "/sales/_SUCCESS"))
        #expect(try Self.totalRows(lake, "sales") == 43)

        let second = try Self.job(lake, spec, catalog: catalog).run()
        #expect(second.metrics.files == 0 && second.filesUnchanged == 2)
        #expect(lake.parquetFiles("sales") == files)
        #expect(try Self.totalRows(lake, "sales") == 43)

        // A new raw file adds exactly its rows; a rewritten one replaces its own.
        try lake.write("order_id,customer_id,product,quantity,unit_price,ordered_at\n3000,1,Tea sampler,2,15.75,2024-03-01T10:00:00Z\n3001,2,Ceramic mug,1,9.00,2024-03-02T11:00:00Z\n",
                       to: "raw/sales/year=2024/month=03/sales.csv")
        let third = try Self.job(lake, spec, catalog: catalog).run()
        #expect(third.metrics.files == 1 && third.metrics.rowsWritten == 2 && third.filesUnchanged == 2)
        #expect(try Self.totalRows(lake, "sales") == 45)
        try lake.write("order_id,customer_id,product,quantity,unit_price,ordered_at\n3000,1,Tea sampler,2,15.75,2024-03-01T10:00:00Z\n",
                       to: "raw/sales/year=2024/month=03/sales.csv")
        let fourth = try Self.job(lake, spec, catalog: catalog).run()
        #expect(fourth.metrics.files == 1 && fourth.metrics.rowsWritten == 1)
        #expect(try Self.totalRows(lake, "sales") == 44)
        #expect(lake.parquetFiles("sales").count == 3)

        // --reset-bookmark converts everything again, still without duplicates.
        try catalog.resetBookmarks(job: "test.job")
        let fifth = try Self.job(lake, spec, catalog: catalog).run()
        #expect(fifth.metrics.files == 3)
        #expect(try Self.totalRows(lake, "sales") == 44)
    }

    @Test func partitioningByAColumnSplitsRowsAndEscapesValues() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        try lake.write("id,region,amount\n1,north,10\n2,../../etc,20\n3,north,30\n4,,40\n5,a/b=c,50\n", to: "raw/orders/orders.csv")
        let spec = JobSpec(source: .path(lake.raw + "/orders"), target: lake.curated, partitionKeys: ["region"])
        let report = try Self.job(lake, spec, catalog: catalog).run()
        #expect(report.metrics.rowsWritten == 5)
        let folders = Set(lake.parquetFiles("orders").map { ($0 as NSString).deletingLastPathComponent })
        #expect(folders == ["region=north", "region=%2E.%2F..%2Fetc", "region=__HIVE_DEFAULT_PARTITION__", "region=a%2Fb%3Dc"])
        // Nothing escaped the curated root.
        #expect(!FileManager.default.fileExists(atPath: lake.root.appendingPathComponent("etc").path))
        let north = lake.parquetFiles("orders").first { $0.hasPrefix("region=north/") }!
        #expect(try Self.rows(lake.curated + "/orders/" + north) == 2)
        // The partition column leaves the files (its value is in the folder name).
        let reader = try ParquetFileReader(path: lake.curated + "/orders/" + north)
        #expect(reader.schema.fields.map(\.name) == ["id", "amount"])
        #expect(CuratedNames.escape("..") == "%2E.")
        #expect(CuratedNames.escape("_hidden") == "%5Fhidden")
    }

    @Test func aTargetFileSizeRollsFiles() throws {
        let lake = try TestLake()
        var text = "id,name\n"
        for i in 0..<20_000 { text += "\(i),name number \(i)\n" }
        try lake.write(text, to: "raw/big/big.csv")
        var spec = JobSpec(source: .path(lake.raw + "/big"), target: lake.curated, targetFileSizeBytes: 64 << 10)
        spec.threads = 1
        let report = try ConvertJob(spec: spec, name: "big", catalog: nil).run()
        #expect(report.metrics.rowsWritten == 20_000)
        #expect(lake.parquetFiles("big").count > 1)
        #expect(try Self.totalRows(lake, "big") == 20_000)
    }

    @Test func aFailedRunLeavesTheTableAsItWas() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        let spec = JobSpec(source: .path(lake.raw + "/sales"), target: lake.curated)
        _ = try Self.job(lake, spec, catalog: catalog).run()
        let before = lake.parquetFiles("sales")
        // A good new file and a broken one: the run fails, the good file is not published.
        try lake.write("order_id,customer_id,product,quantity,unit_price,ordered_at\n4000,1,Mug,1,9.00,2024-04-01T10:00:00Z\n", to: "raw/sales/year=2024/month=04/a.csv")
        try lake.write("order_id,customer_id,product,quantity,unit_price,ordered_at\n4001,1,Mug,1,9.00,2024-04-01T10:00:00Z,extra\n4002,1,Mug,1,9.00,2024-04-01T10:00:00Z\n", to: "raw/sales/year=2024/month=04/b.csv")
        #expect(throws: (any Error).self) { try Self.job(lake, spec, catalog: catalog).run() }
        #expect(lake.parquetFiles("sales") == before)
        #expect(try Self.totalRows(lake, "sales") == 43)
        #expect(FileManager.default.fileExists(atPath: lake.curated + "/sales/_SUCCESS"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: lake.curated + "/" + CuratedCommit.stagingFolderName)) ?? [] == [])
        // With a bad-records folder the bad row is set aside and the rest converts.
        var lenient = spec
        lenient.badRecordsPath = lake.root.appendingPathComponent("bad").path
        let report = try Self.job(lake, lenient, catalog: catalog).run()
        #expect(report.metrics.rowsWritten == 2 && report.metrics.rowsRejected == 1)
        #expect(try String(contentsOfFile: report.badRecordsFile!, encoding: .utf8).contains("b.csv"))
        #expect(try Self.totalRows(lake, "sales") == 45)
    }

    @Test func anInterruptedCommitIsReplayedByTheNextRun() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        let spec = JobSpec(source: .path(lake.raw + "/sales"), target: lake.curated)
        _ = try Self.job(lake, spec, catalog: catalog).run()
        // Stage a replacement of January by hand and "crash" after writing the journal and
        // moving only part of it: the journal must be replayed.
        let table = lake.curated + "/sales"
        let january = lake.parquetFiles("sales").first { $0.contains("month=01") }!
        let staging = lake.curated + "/.tarn-staging/test.job-crashed/sales"
        try FileManager.default.createDirectory(atPath: staging + "/year=2024/month=01", withIntermediateDirectories: true)
        let renamed = "year=2024/month=01/replacement-0000.parquet"
        try FileManager.default.copyItem(atPath: table + "/" + january, toPath: staging + "/" + renamed)
        var manifest = try CuratedCommit.readManifest(table: table)
        let rawJanuary = manifest.keys.first { $0.contains("month=01") }!
        manifest[rawJanuary] = [renamed]
        let journal = CuratedCommit.Journal(runID: "crashed", staging: staging, moves: [renamed], deletes: [january], manifest: manifest)
        try CuratedCommit.writeDurably(Data(journal.json.serialized().utf8), to: table + "/" + CuratedCommit.journalName)
        try FileManager.default.removeItem(atPath: table + "/_SUCCESS")
        let report = try Self.job(lake, spec, catalog: catalog).run()
        #expect(report.recoveredTables == ["sales"])
        #expect(lake.parquetFiles("sales").contains(renamed) && !lake.parquetFiles("sales").contains(january))
        #expect(try Self.totalRows(lake, "sales") == 43)
        #expect(!FileManager.default.fileExists(atPath: table + "/" + CuratedCommit.journalName))
        #expect(FileManager.default.fileExists(atPath: table + "/_SUCCESS"))
    }

    @Test func cancellationBeforeCommitLeavesNothing() throws {
        let lake = try TestLake()
        let token = CancellationToken()
        token.cancel(reason: "timed out after 1 s")
        let job = ConvertJob(spec: JobSpec(source: .path(lake.raw + "/sales"), target: lake.curated), name: "x", catalog: nil, cancellation: token)
        #expect(throws: WorkflowError.self) { try job.run() }
        #expect(lake.parquetFiles("sales").isEmpty)
    }
}
