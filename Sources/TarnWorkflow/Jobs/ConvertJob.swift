import Foundation
import TarnCatalog
import TarnCore
import TarnIngest
import TarnParquet

/// How far a convert job is (for a progress bar).
public struct JobProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int
}

/// What a convert job did.
public struct ConvertJobReport: Sendable {
    public var metrics = ConvertMetrics()
    /// Raw files left alone because their bookmark matched.
    public var filesUnchanged = 0
    /// The curated tables written (folder names under the target).
    public var tables: [String] = []
    /// Table folders whose interrupted commit this run finished first.
    public var recoveredTables: [String] = []
    /// Where this run's rejected records are, if any were.
    public var badRecordsFile: String?

    /// The figures stored with the node run (and shown by `tarn workflow history`).
    public var metricsJSON: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "files": .int(Int64(metrics.files)), "filesUnchanged": .int(Int64(filesUnchanged)),
            "rowsRead": .int(Int64(metrics.rowsRead)), "rowsWritten": .int(Int64(metrics.rowsWritten)),
            "rowsRejected": .int(Int64(metrics.rowsRejected)), "bytesIn": .int(Int64(metrics.bytesIn)),
            "bytesOut": .int(Int64(metrics.bytesOut)), "seconds": .double((metrics.seconds * 1000).rounded() / 1000),
            "megabytesPerSecond": .double((metrics.megabytesPerSecond * 10).rounded() / 10),
            "tables": .array(tables.map(JSONValue.string)),
        ]
        if !metrics.widenedColumns.isEmpty { object["widenedColumns"] = .array(metrics.widenedColumns.map(JSONValue.string)) }
        if !recoveredTables.isEmpty { object["recoveredTables"] = .array(recoveredTables.map(JSONValue.string)) }
        if let badRecordsFile { object["badRecordsFile"] = .string(badRecordsFile) }
        return object
    }
}

/// A convert job: the raw tables of a source to curated Parquet under the target, one
/// folder per table, partitioned, converting only raw files that are new or changed since
/// the job's bookmarks, and publishing through `CuratedCommit` so a failed or killed run
/// leaves every curated table as it was.
public struct ConvertJob: Sendable {
    public var spec: JobSpec
    /// Names the job's bookmarks (`workflow.node`).
    public var name: String
    public var catalog: Catalog?
    public var runID: String
    /// Files converted at once (each with its share of the threads).
    public var threads: Int
    public var cancellation: CancellationToken
    public var progress: (@Sendable (JobProgress) -> Void)?

    public init(spec: JobSpec, name: String, catalog: Catalog?, runID: String = UUID().uuidString.lowercased(),
                cancellation: CancellationToken = CancellationToken(), progress: (@Sendable (JobProgress) -> Void)? = nil) {
        self.spec = spec
        self.name = name
        self.catalog = catalog
        self.runID = runID
        self.threads = max(1, spec.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.cancellation = cancellation
        self.progress = progress
    }

    struct Pending {
        var table: Int
        var file: SourceFile
        var bookmark: JobBookmark
    }

    public func run() throws -> ConvertJobReport {
        let started = Date()
        var report = ConvertJobReport()
        let tables = try SourceResolver.tables(for: spec, catalog: catalog)
        let target = SourceResolver.absolutePath(spec.target)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        report.recoveredTables = try CuratedCommit.recover(root: target)
        let stagingRoot = target + "/" + CuratedCommit.stagingFolderName
        let stagingName = CuratedNames.escape(name)
        // Staging left by dead runs of this job holds nothing the tables need.
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: stagingRoot)) ?? [] where leftover.hasPrefix(stagingName + "-") {
            try? FileManager.default.removeItem(atPath: stagingRoot + "/" + leftover)
        }
        let staging = stagingRoot + "/" + stagingName + "-" + runID
        defer { try? FileManager.default.removeItem(atPath: staging) }

        // What changed since the bookmarks.
        let bookmarks = Dictionary((try catalog?.bookmarks(job: name) ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var pending: [Pending] = []
        for (index, table) in tables.enumerated() {
            for file in table.files {
                let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
                let size = Int64((attributes[.size] as? Int) ?? 0)
                let modified = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
                let hash = try HeadHash.of(path: file.path)
                if let bookmark = bookmarks[file.path], bookmark.matches(sizeBytes: size, modifiedAt: modified, headHash: hash) {
                    report.filesUnchanged += 1
                    continue
                }
                pending.append(Pending(table: index, file: file, bookmark: JobBookmark(job: name, path: file.path, sizeBytes: size, modifiedAt: modified, headHash: hash, runID: runID)))
            }
        }

        let staged = try convertAll(pending, tables: tables, staging: staging)

        // Publish: nothing above touched the curated tables.
        try cancellation.beginCommit()
        for (index, table) in tables.enumerated() {
            let folder = target + "/" + table.name
            let files = staged.filter { $0.table == index }.map(\.staged)
            if files.isEmpty {
                // Nothing new; a table folder that exists is complete.
                if FileManager.default.fileExists(atPath: folder), !FileManager.default.fileExists(atPath: folder + "/" + CuratedCommit.successName) {
                    try CuratedCommit.markSuccess(table: folder, runID: runID)
                }
                if FileManager.default.fileExists(atPath: folder) { report.tables.append(table.name) }
                continue
            }
            let journal = try CuratedCommit.plan(table: folder, staging: staging + "/" + table.name, runID: runID, staged: files)
            try CuratedCommit.commit(journal, table: folder)
            report.tables.append(table.name)
        }
        for item in staged { report.metrics.add(item.staged.metrics) }
        report.badRecordsFile = try collectBadRecords(staging: staging)
        try catalog?.recordBookmarks(pending.map(\.bookmark))
        report.metrics.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Converts the pending files, `threads` at a time; the first failure stops the rest.
    private func convertAll(_ pending: [Pending], tables: [SourceTable], staging: String) throws -> [(table: Int, staged: StagedFile)] {
        guard !pending.isEmpty else { return [] }
        let workers = min(threads, pending.count)
        let perFileThreads = max(1, threads / workers)
        var writer = ParquetWriterOptions()
        do { writer.compression = try Compression(parsing: spec.compression) } catch {
            throw WorkflowError(.job, "compression '\(spec.compression)': \(error)")
        }
        writer.threads = perFileThreads
        writer.validateUTF8 = false   // ingestion checked every string
        let totalBytes = pending.reduce(0) { $0 + Int($1.bookmark.sizeBytes) }
        let lock = NSLock()
        var next = 0
        var results = [StagedFile?](repeating: nil, count: pending.count)
        var failure: Error?
        var done = 0, doneBytes = 0
        progress?(JobProgress(filesDone: 0, filesTotal: pending.count, bytesDone: 0, bytesTotal: totalBytes))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int? = lock.withLock {
                    guard failure == nil, next < pending.count else { return nil }
                    next += 1
                    return next - 1
                }
                guard let index else { return }
                let item = pending[index]
                let table = tables[item.table]
                do {
                    try cancellation.check()
                    let converter = PartitionedFileConverter(
                        table: table, partitionKeys: spec.partitionKeys ?? table.partitionKeys, writerOptions: writer,
                        targetFileSizeBytes: spec.targetFileSizeBytes, stagingFolder: staging + "/" + table.name,
                        batchBytes: 8 << 20, threads: perFileThreads, cancellation: cancellation)
                    var log: BadRecordLog?
                    if spec.badRecordsPath != nil {
                        let logFolder = staging + "/" + Self.badRecordsFolder
                        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
                        log = try BadRecordLog(path: logFolder + "/\(table.name)-\(CuratedNames.fileKey(relativePath: item.file.relativePath)).jsonl",
                                               maxCount: spec.maxBadRecords)
                    }
                    let staged = try converter.convert(item.file, badRecords: log)
                    let snapshot: JobProgress = lock.withLock {
                        results[index] = staged
                        done += 1
                        doneBytes += Int(item.bookmark.sizeBytes)
                        return JobProgress(filesDone: done, filesTotal: pending.count, bytesDone: doneBytes, bytesTotal: totalBytes)
                    }
                    progress?(snapshot)
                } catch {
                    lock.withLock { if failure == nil { failure = Self.describe(error, file: item.file.path) } }
                    return
                }
            }
        }
        if let failure { throw failure }
        return pending.indices.map { (pending[$0].table, results[$0]!) }
    }

    static let badRecordsFolder = "_bad_records"

    private static func describe(_ error: Error, file: String) -> Error {
        if let workflow = error as? WorkflowError { return workflow }
        let text = "\(error)"
        return WorkflowError(.job, text.contains(file) ? text : "\(file): \(text)")
    }

    /// Joins the per-file logs of rejected records into `badRecordsPath/<job>-<run>.jsonl`.
    private func collectBadRecords(staging: String) throws -> String? {
        guard let folder = spec.badRecordsPath else { return nil }
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: staging + "/" + Self.badRecordsFolder)) ?? []).sorted()
        var joined = Data()
        for log in logs { joined.append((try? Data(contentsOf: URL(fileURLWithPath: staging + "/" + Self.badRecordsFolder + "/" + log))) ?? Data()) }
        guard !joined.isEmpty else { return nil }
        let destination = SourceResolver.absolutePath(folder)
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        let path = destination + "/\(CuratedNames.escape(name))-\(runID).jsonl"
        try CuratedCommit.writeDurably(joined, to: path)
        return path
    }
}
