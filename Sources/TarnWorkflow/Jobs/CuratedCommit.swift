#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TarnCatalog

/// Publishes a job's staged files into a curated table folder so that a crash at any
/// point leaves the table readable, and the next run finishes the job without duplicates.
///
/// Every raw file's outputs have names derived from its path (`CuratedNames.fileKey`), and
/// the table's manifest (`_tarn_manifest.json`) lists them per raw file, so a changed
/// file's new outputs replace its old ones instead of adding to them. A commit:
///
/// 1. writes a journal (`_tarn_commit.json`: files to move in, old outputs to delete, the
///    new manifest) and syncs it — before this, the table is untouched;
/// 2. removes `_SUCCESS`, renames each staged file into place (a same-named old output is
///    replaced atomically), deletes the old outputs no longer produced, writes the
///    manifest, then `_SUCCESS` last, and removes the journal.
///
/// A run that finds a journal (its writer died in step 2) replays it first: every step is
/// idempotent. Data files are synced by the Parquet writer before the journal exists.
enum CuratedCommit {
    static let manifestName = "_tarn_manifest.json"
    static let journalName = "_tarn_commit.json"
    static let successName = "_SUCCESS"
    static let stagingFolderName = ".tarn-staging"

    struct Journal {
        var runID: String
        /// The staging copy of the table folder.
        var staging: String
        /// Relative paths to rename from `staging` into the table folder.
        var moves: [String]
        /// Relative paths of old outputs to delete.
        var deletes: [String]
        /// Raw file path → its outputs.
        var manifest: [String: [String]]

        var json: JSONValue {
            ["runID": .string(runID), "staging": .string(staging), "moves": .array(moves.map(JSONValue.string)),
             "deletes": .array(deletes.map(JSONValue.string)), "manifest": CuratedCommit.manifestJSON(manifest)]
        }

        init(runID: String, staging: String, moves: [String], deletes: [String], manifest: [String: [String]]) {
            self.runID = runID
            self.staging = staging
            self.moves = moves
            self.deletes = deletes
            self.manifest = manifest
        }

        init(_ value: JSONValue) throws {
            guard let runID = value["runID"]?.stringValue, let staging = value["staging"]?.stringValue,
                  let moves = value["moves"]?.arrayValue?.compactMap(\.stringValue),
                  let deletes = value["deletes"]?.arrayValue?.compactMap(\.stringValue), let manifest = value["manifest"] else {
                throw WorkflowError(.job, "the commit journal is damaged")
            }
            self.init(runID: runID, staging: staging, moves: moves, deletes: deletes, manifest: try CuratedCommit.manifest(from: manifest))
        }
    }

    static func manifestJSON(_ manifest: [String: [String]]) -> JSONValue {
        ["files": .object(manifest.mapValues { .array($0.map(JSONValue.string)) })]
    }

    static func manifest(from value: JSONValue) throws -> [String: [String]] {
        guard let files = value["files"]?.objectValue else { throw WorkflowError(.job, "the table manifest is damaged") }
        return files.mapValues { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
    }

    /// The manifest of a table folder (empty when there is none yet).
    static func readManifest(table: String) throws -> [String: [String]] {
        let path = table + "/" + manifestName
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        do { return try manifest(from: JSONValue(parsing: text)) } catch {
            throw WorkflowError(.job, "\(path): the table manifest is damaged (\(error)); remove the table folder and reset the job's bookmark to rebuild it")
        }
    }

    /// A journal replacing each raw file's outputs with its staged ones.
    static func plan(table: String, staging: String, runID: String, staged: [StagedFile]) throws -> Journal {
        var manifest = try readManifest(table: table)
        var moves: [String] = []
        var deletes: [String] = []
        for file in staged {
            let old = manifest[file.source.path] ?? []
            moves += file.outputs
            deletes += old.filter { !file.outputs.contains($0) }
            manifest[file.source.path] = file.outputs
        }
        let moving = Set(moves)
        return Journal(runID: runID, staging: staging, moves: moves, deletes: deletes.filter { !moving.contains($0) }, manifest: manifest)
    }

    /// Writes the journal, then applies it.
    static func commit(_ journal: Journal, table: String) throws {
        try FileManager.default.createDirectory(atPath: table, withIntermediateDirectories: true)
        try writeDurably(Data(journal.json.serialized(pretty: true).utf8), to: table + "/" + journalName)
        try apply(journal, table: table)
    }

    /// Steps 2 onwards; safe to repeat.
    static func apply(_ journal: Journal, table: String) throws {
        let files = FileManager.default
        try? files.removeItem(atPath: table + "/" + successName)
        for relative in journal.moves {
            let from = journal.staging + "/" + relative
            let to = table + "/" + relative
            guard files.fileExists(atPath: from) else { continue }   // moved by an earlier attempt
            try files.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard rename(from, to) == 0 else {
                throw WorkflowError(.job, "cannot move \(from) to \(to): \(String(cString: strerror(errno)))")
            }
        }
        for relative in journal.deletes {
            let path = table + "/" + relative
            try? files.removeItem(atPath: path)
            removeEmptyFolders(from: (path as NSString).deletingLastPathComponent, upTo: table)
        }
        try writeDurably(Data(manifestJSON(journal.manifest).serialized(pretty: true).utf8), to: table + "/" + manifestName)
        try markSuccess(table: table, runID: journal.runID)
        try? files.removeItem(atPath: table + "/" + journalName)
    }

    /// Writes `_SUCCESS` (the run that completed the folder, and when).
    static func markSuccess(table: String, runID: String) throws {
        try writeDurably(Data("run \(runID) at \(ISO8601DateFormatter().string(from: Date()))\n".utf8), to: table + "/" + successName)
    }

    /// Replays the journals a dead run left in the table folders under `root`.
    static func recover(root: String) throws -> [String] {
        var recovered: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where !name.hasPrefix(".") {
            let table = root + "/" + name
            let path = table + "/" + journalName
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let journal: Journal
            do { journal = try Journal(JSONValue(parsing: text)) } catch {
                // A journal is written whole before anything moves; a damaged one means the
                // crash came before step 2: the table was not touched.
                try? FileManager.default.removeItem(atPath: path)
                continue
            }
            try apply(journal, table: table)
            recovered.append(name)
        }
        return recovered
    }

    private static func removeEmptyFolders(from folder: String, upTo root: String) {
        var current = folder
        while current.count > root.count, current.hasPrefix(root + "/"),
              (try? FileManager.default.contentsOfDirectory(atPath: current))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: current)
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// Temporary file in the same folder, written, synced, renamed over `path`, folder synced.
    static func writeDurably(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString.prefix(8)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WorkflowError(.job, "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WorkflowError(.job, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let folderFD = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }
}
