import Foundation
import TarnCatalog
import TarnCore
import TarnIngest

/// A file the crawl did not put in a table, and why.
public struct SkippedFile: Hashable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Something the crawl had to decide about files that disagree: a column whose types
/// differ between files (widened), files split into separate tables, partition folders
/// at different depths, a partition key renamed. Every one names the files involved.
public struct SchemaConflict: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// A column has different types in different files; `resolvedType` holds them all.
        case columnType = "column-type"
        /// Files of one folder have incompatible schemas and became separate tables.
        case incompatibleFiles = "incompatible-files"
        /// Files sit at different depths below the table folder; only the common partition
        /// folders became partition keys.
        case partitionDepth = "partition-depth"
        /// A partition key has the name of a data column (or of another key) and was renamed.
        case partitionKeyRenamed = "partition-key-renamed"
    }

    /// One type a column has, and the files that have it.
    public struct Variant: Hashable, Sendable {
        public var type: DataType
        public var files: [String]
    }

    public var kind: Kind
    public var table: String
    public var column: String?
    /// The type the table's column got (for `columnType`).
    public var resolvedType: DataType?
    /// How far the column widened (for `columnType`).
    public var change: TypeWidening.Change?
    /// Each type seen with its files (for `columnType`).
    public var variants: [Variant]
    /// The files concerned (for the other kinds).
    public var files: [String]
    public var message: String
}

/// What a crawl did to one table.
public struct TableReport: Hashable, Sendable {
    public enum Action: String, Sendable {
        /// New in the catalog (version 1).
        case created
        /// Its shape changed: a new version was stored.
        case newVersion = "new-version"
        /// Its files, sizes, counts or format details changed; same version.
        case updated
        /// Nothing changed since the last crawl.
        case unchanged
        /// Its shape changed but the policy is `log`: the catalog keeps the old one.
        case schemaChangeLogged = "schema-change-logged"
        /// Its files are gone; marked deprecated.
        case deprecated
        /// Its files are gone; deleted from the catalog.
        case deleted
        /// Its files are gone; the policy is `log`, so it stays as it was.
        case vanishedLogged = "vanished-logged"
    }

    public var name: String
    public var action: Action
    public var location: String
    public var classification: Classification?
    /// The version after the crawl (nil for deleted tables).
    public var version: Int?
    public var fileCount: Int
    public var recordCount: Int64?
    public var partitionsAdded: Int = 0
    public var partitionsUpdated: Int = 0
    /// Partitions whose folders are gone (deprecated, deleted or logged, as the policy says).
    public var partitionsVanished: Int = 0
    /// For a logged or new-version schema change: the shape before and after, in Tarn's spelling.
    public var previousColumns: [String]?
    public var columns: [String]?
}

/// What a crawl found and changed.
public struct CrawlReport: Sendable {
    public var database: String
    public var root: String
    /// The tables found, then the ones that vanished; by name within each.
    public var tables: [TableReport]
    public var skipped: [SkippedFile]
    public var conflicts: [SchemaConflict]
    /// Data files found (skipped ones not counted).
    public var filesFound = 0
    /// Files read this time (new or changed since the last crawl).
    public var filesRead = 0
    /// Files unchanged since the last crawl, taken from the catalog without reading.
    public var filesUnchanged = 0
    /// Files recorded by an earlier crawl that are gone.
    public var filesVanished = 0
    public var seconds = 0.0

    public func tables(_ action: TableReport.Action) -> [TableReport] { tables.filter { $0.action == action } }

    // MARK: - Output

    /// The report as JSON (`tarn crawl --json`), in the Glue crawler metrics' words where
    /// they exist (`TablesCreated`, `TablesUpdated`, `TablesDeleted`).
    public var json: JSONValue {
        func names(_ actions: TableReport.Action...) -> JSONValue {
            .array(tables.filter { actions.contains($0.action) }.map { .string($0.name) })
        }
        var object: [String: JSONValue] = [
            "Database": .string(database),
            "Root": .string(root),
            "TablesCreated": names(.created),
            "TablesUpdated": names(.updated, .newVersion),
            "TablesUnchanged": names(.unchanged),
            "TablesDeprecated": names(.deprecated),
            "TablesDeleted": names(.deleted),
            "SchemaChangesLogged": names(.schemaChangeLogged),
            "Tables": .array(tables.map(Self.tableJSON)),
            "SkippedFiles": .array(skipped.map { .object(["Path": .string($0.path), "Reason": .string($0.reason)]) }),
            "Conflicts": .array(conflicts.map(Self.conflictJSON)),
            "FilesFound": .int(Int64(filesFound)),
            "FilesRead": .int(Int64(filesRead)),
            "FilesUnchanged": .int(Int64(filesUnchanged)),
            "FilesVanished": .int(Int64(filesVanished)),
        ]
        object["Seconds"] = .double((seconds * 1000).rounded() / 1000)
        return .object(object)
    }

    static func tableJSON(_ table: TableReport) -> JSONValue {
        var object: [String: JSONValue] = [
            "Name": .string(table.name),
            "Action": .string(table.action.rawValue),
            "Location": .string(table.location),
            "FileCount": .int(Int64(table.fileCount)),
            "PartitionsAdded": .int(Int64(table.partitionsAdded)),
            "PartitionsUpdated": .int(Int64(table.partitionsUpdated)),
            "PartitionsVanished": .int(Int64(table.partitionsVanished)),
        ]
        if let classification = table.classification { object["Classification"] = .string(classification.rawValue) }
        if let version = table.version { object["Version"] = .int(Int64(version)) }
        if let count = table.recordCount { object["RecordCount"] = .int(count) }
        if let columns = table.columns { object["Columns"] = .array(columns.map { .string($0) }) }
        if let previous = table.previousColumns { object["PreviousColumns"] = .array(previous.map { .string($0) }) }
        return .object(object)
    }

    static func conflictJSON(_ conflict: SchemaConflict) -> JSONValue {
        var object: [String: JSONValue] = [
            "Kind": .string(conflict.kind.rawValue),
            "Table": .string(conflict.table),
            "Message": .string(conflict.message),
        ]
        if let column = conflict.column { object["Column"] = .string(column) }
        if let type = conflict.resolvedType { object["ResolvedType"] = .string(type.description) }
        if let change = conflict.change { object["Change"] = .string(change.description) }
        if !conflict.variants.isEmpty {
            object["Types"] = .array(conflict.variants.map { .object(["Type": .string($0.type.description), "Files": .array($0.files.map { .string($0) })]) })
        }
        if !conflict.files.isEmpty { object["Files"] = .array(conflict.files.map { .string($0) }) }
        return .object(object)
    }

    /// The report for a person: a summary line, the tables by what happened, skipped files
    /// and conflicts (paths relative to the root).
    public var text: String {
        func relative(_ path: String) -> String {
            path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        }
        let found = tables.filter { ![.deprecated, .deleted, .vanishedLogged].contains($0.action) }.count
        var out = "crawled \(root) into database \(database) in \(String(format: "%.2f", seconds)) s: "
        out += "\(filesFound) data file\(filesFound == 1 ? "" : "s") in \(found) table\(found == 1 ? "" : "s"), \(skipped.count) skipped; "
        out += "\(filesRead) file\(filesRead == 1 ? "" : "s") read, \(filesUnchanged) unchanged since the last crawl"
        if filesVanished > 0 { out += ", \(filesVanished) gone" }
        out += "\n"
        let order: [(TableReport.Action, String)] = [
            (.created, "created"), (.newVersion, "new version"), (.updated, "updated"), (.unchanged, "unchanged"),
            (.schemaChangeLogged, "schema change logged (not applied)"), (.deprecated, "deprecated (files gone)"),
            (.deleted, "deleted (files gone)"), (.vanishedLogged, "files gone (logged)"),
        ]
        for (action, title) in order {
            let list = tables(action)
            guard !list.isEmpty else { continue }
            out += "\ntables \(title):\n"
            for table in list {
                var line = "  \(table.name)"
                var details: [String] = []
                if let classification = table.classification { details.append(classification.rawValue) }
                if let version = table.version, action != .unchanged { details.append("v\(version)") }
                if table.fileCount > 0 { details.append("\(table.fileCount) file\(table.fileCount == 1 ? "" : "s")") }
                if let records = table.recordCount { details.append("\(records) records") }
                if table.partitionsAdded > 0 { details.append("+\(table.partitionsAdded) partitions") }
                if table.partitionsVanished > 0 { details.append("\(table.partitionsVanished) partitions gone") }
                if !details.isEmpty { line += " (" + details.joined(separator: ", ") + ")" }
                line += "  " + relative(table.location)
                out += line + "\n"
                if let previous = table.previousColumns, let columns = table.columns {
                    out += "    was: \(previous.joined(separator: ", "))\n    now: \(columns.joined(separator: ", "))\n"
                }
            }
        }
        if !skipped.isEmpty {
            out += "\nskipped files:\n"
            for file in skipped { out += "  \(relative(file.path)): \(file.reason)\n" }
        }
        if !conflicts.isEmpty {
            out += "\nconflicts:\n"
            for conflict in conflicts {
                out += "  \(conflict.table)\(conflict.column.map { "." + $0 } ?? ""): \(conflict.message)\n"
                for variant in conflict.variants {
                    out += "    \(variant.type): \(variant.files.map(relative).joined(separator: ", "))\n"
                }
                if !conflict.files.isEmpty { out += "    files: \(conflict.files.map(relative).joined(separator: ", "))\n" }
            }
        }
        return out
    }
}
