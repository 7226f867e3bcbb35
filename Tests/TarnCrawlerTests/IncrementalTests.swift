import Foundation
import Testing
import TarnCatalog
import TarnCore
@testable import TarnCrawler

/// Re-crawls: only new or changed files are read; schema-change and delete policies; the
/// catalog changes all at once or not at all.
@Suite struct IncrementalTests {
    /// Sets a file's modification time (a rewrite within the same second keeps the size).
    func touch(_ path: String, secondsAgo: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -secondsAgo)], ofItemAtPath: path)
    }

    @Test func unchangedFilesAreNotRead() throws {
        let lake = try Lake(copying: "partitioned")
        defer { lake.remove() }
        let first = try lake.crawl()
        #expect(first.filesRead == 6)
        let second = try lake.crawl()
        #expect(second.filesRead == 0)
        #expect(second.filesUnchanged == 6)
        #expect(second.tables.map(\.action) == [.unchanged, .unchanged, .unchanged])
        #expect(second.conflicts == first.conflicts)

        // A changed file is read again; a new file adds a partition; the rest stay unread.
        try lake.write("sales/year=2024/month=11/part-0.csv", "id,amount,day\n3,7.00,2024-11-02\n6,8.00,2024-11-03\n")
        try touch(lake.path("sales/year=2024/month=11/part-0.csv"), secondsAgo: -5)
        try lake.write("sales/year=2025/month=01/part-0.csv", "id,amount,day\n7,9.99,2025-01-01\n")
        let third = try lake.crawl()
        #expect(third.filesRead == 2)
        #expect(third.filesUnchanged == 5)
        let sales = try #require(third.table("sales"))
        #expect(sales.action == .updated)
        #expect(sales.partitionsAdded == 1)
        #expect(sales.partitionsUpdated == 1)
        #expect(sales.recordCount == 7)
        #expect(third.table("events")?.action == .unchanged)
        #expect(try lake.catalog().partitions(database: "lake", table: "sales").map(\.values).last == ["2025", "01"])
    }

    @Test func schemaChangeUpdateStoresAVersion() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/a.csv", "id,name\n1,x\n")
        _ = try lake.crawl()
        try lake.write("t/b.csv", "id,name,extra\n2.5,y,z\n")
        let report = try lake.crawl()
        let table = try #require(report.table("t"))
        #expect(table.action == .newVersion)
        #expect(table.version == 2)
        #expect(table.previousColumns == ["id int32", "name string"])
        #expect(table.columns == ["id decimal(11,1)", "name string", "extra string"])
        let versions = try lake.catalog().tableVersions(database: "lake", name: "t")
        #expect(versions.map(\.table.schema.count) == [2, 3])
    }

    @Test func schemaChangeLogKeepsTheTable() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/a.csv", "id,name\n1,x\n")
        _ = try lake.crawl()
        try lake.write("t/b.csv", "id,name,extra\n2,y,z\n")
        let report = try lake.crawl { $0.schemaChange = .log }
        #expect(report.table("t")?.action == .schemaChangeLogged)
        #expect(report.table("t")?.columns == ["id int32", "name string", "extra string"])
        let stored = try #require(try lake.catalog().table(database: "lake", name: "t"))
        #expect(stored.version == 1)
        #expect(stored.schema == Schema([Field("id", .int32), Field("name", .string)]))
        // Logged again next time: the files are recorded, the difference remains.
        #expect(try lake.crawl { $0.schemaChange = .log }.table("t")?.action == .schemaChangeLogged)
        #expect(try lake.crawl().table("t")?.action == .newVersion)
    }

    @Test(arguments: [DeleteBehavior.deprecate, .delete, .log])
    func vanishedTablesAndPartitions(_ behavior: DeleteBehavior) throws {
        let lake = try Lake(copying: "partitioned")
        defer { lake.remove() }
        _ = try lake.crawl()
        try FileManager.default.removeItem(atPath: lake.path("events"))
        try FileManager.default.removeItem(atPath: lake.path("sales/year=2023"))
        let report = try lake.crawl { $0.deleteBehavior = behavior }
        #expect(report.filesVanished == 3)
        let catalog = try lake.catalog()
        let events = try catalog.table(database: "lake", name: "events")
        let partitions = try catalog.partitions(database: "lake", table: "sales")
        switch behavior {
        case .deprecate:
            #expect(report.table("events")?.action == .deprecated)
            #expect(events?.deprecated == true)
            #expect(try catalog.partitions(database: "lake", table: "events").allSatisfy { $0.deprecated })
            #expect(partitions.filter(\.deprecated).map(\.values) == [["2023", "01"]])
            // Once is enough: the next crawl does not report it again.
            #expect(try lake.crawl().table("events") == nil)
        case .delete:
            #expect(report.table("events")?.action == .deleted)
            #expect(events == nil)
            #expect(partitions.map(\.values) == [["2024", "11"], ["2024", "12"]])
        case .log:
            #expect(report.table("events")?.action == .vanishedLogged)
            #expect(events?.deprecated == false)
            #expect(partitions.count == 3)
            #expect(partitions.allSatisfy { !$0.deprecated })
        }
        #expect(report.table("sales")?.partitionsVanished == 1)
        #expect(try catalog.crawledFiles(database: "lake").count == 3)
    }

    @Test func reappearingTableIsRevived() throws {
        let lake = try Lake()
        defer { lake.remove() }
        try lake.write("t/a.csv", "id\n1\n")
        _ = try lake.crawl()
        try FileManager.default.removeItem(atPath: lake.path("t"))
        _ = try lake.crawl()
        #expect(try lake.catalog().table(database: "lake", name: "t")?.deprecated == true)
        try lake.write("t/a.csv", "id\n1\n")
        #expect(try lake.crawl().table("t")?.action == .updated)
        #expect(try lake.catalog().table(database: "lake", name: "t")?.deprecated == false)
    }

    @Test func aCrawlThatCannotWriteLeavesTheCatalogAsItWas() throws {
        let lake = try Lake(copying: "partitioned")
        defer { lake.remove() }
        _ = try lake.crawl()
        let before = try lake.catalog()
        let tablesBefore = try before.tables(database: "lake")
        let filesBefore = try before.crawledFiles(database: "lake")
        try lake.write("sales/year=2025/month=02/part-0.csv", "id,amount,day,extra\n8,1.00,2025-02-01,x\n")
        try FileManager.default.removeItem(atPath: lake.path("events"))

        // Another process holds the write lock for the whole crawl.
        let crawler = Crawler(catalog: try Catalog(path: lake.catalogPath, busyTimeoutSeconds: 0.2), options: CrawlOptions(database: "lake"))
        let holder = try Catalog(path: lake.catalogPath)
        let started = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? holder.transaction {
                try holder.ensureDatabase("holder")
                started.signal()
                release.wait()
            }
            finished.signal()
        }
        started.wait()
        #expect {
            try crawler.crawl(lake.root)
        } throws: { error in
            (error as? CrawlError)?.kind == .catalog && "\(error)".contains("nothing was stored")
        }
        release.signal()
        finished.wait()
        let after = try lake.catalog()
        #expect(try after.tables(database: "lake") == tablesBefore)
        #expect(try after.crawledFiles(database: "lake") == filesBefore)
    }
}
