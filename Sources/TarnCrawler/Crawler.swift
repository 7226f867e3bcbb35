import Foundation
import TarnCatalog
import TarnCore

/// Crawls a folder of raw and curated files into a catalog database: classifies every
/// file, infers its schema, groups files into tables with partitions, and stores the
/// tables, their partitions and what it read of each file — all in one transaction, so
/// the catalog shows either the whole crawl or none of it.
///
/// Re-crawls read only new or changed files (size or modification time differ from the
/// catalog's record); the others' schemas come from the catalog. Tables are regrouped
/// from all files every time, so a new file can widen a column or add a partition.
///
/// ```swift
/// let catalog = try Catalog(path: ".tarn/catalog.sqlite")
/// let report = try Crawler(catalog: catalog, options: CrawlOptions(database: "raw")).crawl("data/raw")
/// print(report.text)
/// ```
public struct Crawler {
    public let catalog: Catalog
    public var options: CrawlOptions
    /// The clock for `lastCrawled` and the records; tests may replace it.
    public var now: () -> Date = Date.init
    /// Called before each folder is listed (a test seam: a folder deleted here vanishes mid-crawl).
    var beforeListing: (@Sendable (String) -> Void)?

    public init(catalog: Catalog, options: CrawlOptions) {
        self.catalog = catalog
        self.options = options
    }

    /// Crawls the folder at `path`.
    /// - Throws: `CrawlError` when the folder cannot be listed or the catalog cannot be
    ///   read or written (then nothing of this crawl is stored). Files that cannot be read
    ///   are not errors: the report lists them as skipped, with the reason.
    public func crawl(_ path: String) throws -> CrawlReport {
        let started = DispatchTime.now()
        guard !options.database.isEmpty else { throw CrawlError(.invalidOption, "a crawl needs a database name") }
        guard options.tableLevel >= 0 else { throw CrawlError(.invalidOption, "the table level must be 0 or more, got \(options.tableLevel)") }
        let root = try Self.canonicalFolder(path)
        let time = now()

        // What earlier crawls of this root recorded.
        let previous: [String: CrawledFile]
        do {
            previous = try catalog.database(named: options.database) == nil ? [:]
                : Dictionary(try catalog.crawledFiles(database: options.database)
                    .filter { $0.path.hasPrefix(root + "/") }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        } catch {
            throw CrawlError(.catalog, "cannot read the earlier crawls", path: catalog.path, cause: "\(error)")
        }

        // Walk.
        let catalogFiles = Set(["", "-wal", "-shm", "-journal"].map { (catalog.path as NSString).resolvingSymlinksInPath + $0 }
                                + ["", "-wal", "-shm", "-journal"].map { catalog.path + $0 })
        let walker = LakeWalker(root: root, excludes: options.excludes.map(GlobPattern.init), ignored: catalogFiles, beforeListing: beforeListing)
        let (walked, walkSkipped) = try walker.walk()
        var skipped = walkSkipped

        // Reuse unchanged files; classify and inspect the rest (in parallel).
        var facts: [FileFacts] = []
        var toInspect: [WalkedFile] = []
        var reusedCount = 0
        var recordsToWrite: [String: CrawledFile] = [:]
        for file in walked {
            if let record = previous[file.path], record.isUnchanged(sizeBytes: file.sizeBytes, modifiedAt: file.modifiedAt) {
                if let reason = record.skipReason {
                    skipped.append(SkippedFile(path: file.path, reason: reason))
                    reusedCount += 1
                    continue
                }
                if let known = record.facts(for: file) {
                    facts.append(known)
                    reusedCount += 1
                    continue
                }
            }
            toInspect.append(file)
        }
        let inspected = Self.inspectAll(toInspect, sampleBytes: options.sampleBytes, threads: options.threads)
        for (file, outcome) in zip(toInspect, inspected) {
            switch outcome {
            case .facts(let found):
                facts.append(found)
            case .skip(let reason):
                skipped.append(SkippedFile(path: file.path, reason: reason))
                // An unreadable file is tried again next time (permissions change without a new mtime).
                if !reason.hasPrefix("unreadable") { recordsToWrite[file.path] = CrawledFile(skipped: file, reason: reason, crawledAt: time) }
            }
        }
        let walkedPaths = Set(walked.map(\.path))
        let vanished = previous.keys.filter { !walkedPaths.contains($0) }.sorted()

        // Group, then store.
        let existing: [CatalogTable]
        do {
            existing = try catalog.database(named: options.database) == nil ? [] : try catalog.tables(database: options.database)
        } catch {
            throw CrawlError(.catalog, "cannot read the database's tables", path: catalog.path, cause: "\(error)")
        }
        var grouper = TableGrouper(root: root, database: options.database, tableLevel: options.tableLevel, now: time)
        grouper.reservedNames = Set(existing.filter { !Self.isUnder($0.location, root) }.map(\.name))
        let (planned, conflicts) = grouper.plan(facts)
        let inspectedPaths = Set(toInspect.map(\.path))
        for table in planned {
            for file in table.files {
                let values = table.partitionValues[file.file.path]
                let old = previous[file.file.path]
                if inspectedPaths.contains(file.file.path) || old?.table != table.table.name || old?.partitionValues != values {
                    recordsToWrite[file.file.path] = CrawledFile(file, table: table.table.name, partitionValues: values, crawledAt: time)
                }
            }
        }

        var report = CrawlReport(database: options.database, root: root, tables: [], skipped: skipped.sorted { $0.path < $1.path },
                                 conflicts: conflicts)
        report.filesFound = facts.count
        report.filesRead = toInspect.count
        report.filesUnchanged = reusedCount
        report.filesVanished = vanished.count
        let update = CatalogUpdate(catalog: catalog, options: options, root: root)
        do {
            report.tables = try update.apply(planned: planned, existing: existing, records: Array(recordsToWrite.values), vanished: vanished)
        } catch let error as CrawlError {
            throw error
        } catch {
            throw CrawlError(.catalog, "the catalog refused the crawl's changes; nothing was stored", path: catalog.path, cause: "\(error)")
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return report
    }

    static func isUnder(_ location: String, _ root: String) -> Bool {
        location == root || location.hasPrefix(root + "/")
    }

    /// The absolute path without symbolic links, `.` or `..`; the folder must exist.
    static func canonicalFolder(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CrawlError(.notAFolder, "no such folder", path: path)
        }
        guard isFolder.boolValue else { throw CrawlError(.notAFolder, "not a folder (crawl the folder that holds it)", path: path) }
        guard let resolved = realpath(path, nil) else {
            throw CrawlError(.io, "cannot resolve the path", path: path, cause: String(cString: strerror(errno)))
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Classifies and inspects files on `threads` threads; outcomes in input order.
    static func inspectAll(_ files: [WalkedFile], sampleBytes: Int, threads: Int) -> [FileInspector.Outcome] {
        guard !files.isEmpty else { return [] }
        let outcomes = UnsafeMutableBufferPointer<FileInspector.Outcome>.allocate(capacity: files.count)
        defer { outcomes.deallocate() }
        let workers = max(1, min(threads, files.count))
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                guard i < files.count else { return }
                let file = files[i]
                let outcome: FileInspector.Outcome
                switch FileClassifier.classify(path: file.path, name: file.name, sizeBytes: file.sizeBytes) {
                case .skip(let reason): outcome = .skip(reason)
                case .data(let kind): outcome = FileInspector.inspect(file, kind: kind, sampleBytes: sampleBytes)
                }
                // Each index is written by exactly one worker.
                (outcomes.baseAddress! + i).initialize(to: outcome)
            }
        }
        let result = Array(outcomes)
        _ = outcomes.deinitialize()
        return result
    }
}

/// A counter shared by worker threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Returns the current value and adds one.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
