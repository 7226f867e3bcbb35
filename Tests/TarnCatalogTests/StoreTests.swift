import Foundation
import Testing
import TarnCore
@testable import TarnCatalog

@Suite struct StoreTests {
    @Test func migratesAnEmptyFileAndReopens() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("nested/dir/catalog.sqlite")
        do {
            let catalog = try Catalog(path: path)
            #expect(try catalog.schemaVersion == Migrations.currentVersion)
            try catalog.ensureDatabase("lake", description: "the lake")
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try Catalog(path: path)
        #expect(try reopened.schemaVersion == Migrations.currentVersion)
        #expect(try reopened.databases().map(\.name) == ["lake"])
        #expect(try reopened.database(named: "lake")?.description == "the lake")
        let steps = try reopened.locked { try reopened.connection.query("SELECT version FROM tarn_schema_version ORDER BY version") { $0.int(0) } }
        #expect(steps == Array(1...Migrations.currentVersion))
        let mode = try reopened.locked { try reopened.connection.queryFirst("PRAGMA journal_mode") { $0.string(0) } }
        #expect(mode == "wal")
        let foreignKeys = try reopened.locked { try reopened.connection.queryFirst("PRAGMA foreign_keys") { $0.int(0) } }
        #expect(foreignKeys == 1)
    }

    @Test func appliesOnlyTheNewMigrationSteps() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("catalog.sqlite")
        _ = try Catalog(path: path, createIfMissing: true, busyTimeoutSeconds: 1, migrations: Array(Migrations.steps))
        let extra = Migrations.Step(version: Migrations.currentVersion + 1, summary: "test step", sql: "CREATE TABLE added_later (x INTEGER)")
        let upgraded = try Catalog(path: path, createIfMissing: false, busyTimeoutSeconds: 1, migrations: Migrations.steps + [extra])
        #expect(try upgraded.schemaVersion == Migrations.currentVersion + 1)
        let count = try upgraded.locked { try upgraded.connection.queryFirst("SELECT COUNT(*) FROM added_later") { $0.int(0) } }
        #expect(count == 0)
    }

    @Test func aNewerCatalogIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("catalog.sqlite")
        let extra = Migrations.Step(version: Migrations.currentVersion + 1, summary: "from the future", sql: "CREATE TABLE future (x INTEGER)")
        _ = try Catalog(path: path, createIfMissing: true, busyTimeoutSeconds: 1, migrations: Migrations.steps + [extra])
        let error = #expect(throws: CatalogError.self) { try Catalog(path: path) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("schema version \(Migrations.currentVersion + 1)") == true)
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("notes.sqlite")
        try Data(String(repeating: "id,name\n1,ann\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: CatalogError.self) { try Catalog(path: path) }
        #expect(error?.kind == .notADatabase)
        #expect(error?.description.hasPrefix("\(path): not a Tarn catalog") == true)

        let folderError = #expect(throws: CatalogError.self) { try Catalog(path: folder.path) }
        #expect(folderError?.kind == .notADatabase)
    }

    @Test func aMissingCatalogIsNotCreatedWhenAskedNotTo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("absent.sqlite")
        let error = #expect(throws: CatalogError.self) { try Catalog(path: path, createIfMissing: false) }
        #expect(error?.kind == .missingCatalog)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aThrowInsideATransactionLeavesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try catalog.transaction {
                try catalog.ensureDatabase("lake")
                try catalog.createOrUpdateTable(Sample.salesTable())
                try catalog.upsertPartitions([CatalogPartition(values: ["2024", "1"], location: "/x")], database: "lake", table: "sales")
                throw Boom()
            }
        }
        #expect(try catalog.databases().isEmpty)
        // A failed statement in the middle of a call also leaves nothing of that call.
        try catalog.ensureDatabase("lake")
        try catalog.createOrUpdateTable(Sample.salesTable())
        #expect(throws: CatalogError.self) {
            try catalog.upsertPartitions([CatalogPartition(values: ["2024", "1"], location: "/a"), CatalogPartition(values: ["2024"], location: "/b")],
                                         database: "lake", table: "sales")
        }
        #expect(try catalog.partitions(database: "lake", table: "sales").isEmpty)
    }

    @Test func aFailedInnerTransactionKeepsTheOuterOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        struct Boom: Error {}
        try catalog.transaction {
            try catalog.ensureDatabase("kept")
            _ = try? catalog.transaction {
                try catalog.ensureDatabase("dropped")
                throw Boom()
            }
        }
        #expect(try catalog.databases().map(\.name) == ["kept"])
    }

    /// Two connections, two threads, overlapping write transactions: each `BEGIN IMMEDIATE`
    /// that finds the other holding the lock waits (busy timeout) instead of failing. With a
    /// zero timeout the same loop fails hundreds of times ("database is locked").
    @Test func twoCatalogsOnOneFileWriteAtOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("shared.sqlite")
        let first = try Catalog(path: path)
        let second = try Catalog(path: path)
        try first.recordWorkflowRun(WorkflowRunRecord(runID: "run-1", workflowName: "byod"))
        let writesPerThread = 300
        let failures = FailureLog()
        let done = DispatchGroup()
        for thread in 0..<2 {
            let catalog = thread == 0 ? first : second
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                for index in 0..<writesPerThread {
                    do {
                        try catalog.transaction {
                            try catalog.recordNodeRun(NodeRunRecord(runID: "run-1", nodeName: "node-\(thread)", nodeType: .job, attempt: index + 1, state: .succeeded))
                            try catalog.recordBookmarks([JobBookmark(job: "job-\(thread)", path: "/raw/\(index).csv", sizeBytes: Int64(index), modifiedAt: Date(), headHash: "h\(index)")])
                        }
                    } catch {
                        failures.append("\(thread)/\(index): \(error)")
                    }
                }
            }
        }
        done.wait()
        #expect(failures.messages.isEmpty, "\(failures.messages.count) failures, first: \(failures.messages.first ?? "")")
        #expect(try first.nodeRuns(runID: "run-1").count == 2 * writesPerThread)
        #expect(try second.bookmarks(job: "job-0").count == writesPerThread)
        #expect(try first.bookmarks(job: "job-1").count == writesPerThread)
    }

    @Test func oneCatalogSharedByThreads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.recordWorkflowRun(WorkflowRunRecord(runID: "r", workflowName: "w"))
        let failures = FailureLog()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for attempt in 1...25 {
                do {
                    try catalog.recordNodeRun(NodeRunRecord(runID: "r", nodeName: "n\(thread)", nodeType: .crawler, attempt: attempt))
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        #expect(failures.messages.isEmpty)
        #expect(try catalog.nodeRuns(runID: "r").count == 100)
    }

    @Test func locationPrefersExplicitThenEnvironmentThenDefault() {
        #expect(CatalogLocation.resolve(explicit: "c.sqlite", environment: ["TARN_CATALOG": "/env/c.sqlite"], cwd: "/work") == "/work/c.sqlite")
        #expect(CatalogLocation.resolve(explicit: nil, environment: ["TARN_CATALOG": "/env/c.sqlite"], cwd: "/work") == "/env/c.sqlite")
        #expect(CatalogLocation.resolve(explicit: nil, environment: ["TARN_CATALOG": "rel/c.sqlite"], cwd: "/work") == "/work/rel/c.sqlite")
        #expect(CatalogLocation.resolve(explicit: nil, environment: [:], cwd: "/work/project") == "/work/project/.tarn/catalog.sqlite")
        #expect(CatalogLocation.resolve(explicit: "", environment: ["TARN_CATALOG": ""], cwd: "/w") == "/w/.tarn/catalog.sqlite")
    }
}

/// Collects failures from several threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ message: String) { lock.lock(); stored.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
