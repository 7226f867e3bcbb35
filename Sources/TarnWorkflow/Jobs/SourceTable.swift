import Foundation
import TarnCatalog
import TarnCore
import TarnIngest

/// A raw file of a source table, with the values its partition folders give.
struct SourceFile: Sendable, Equatable {
    /// Absolute path.
    var path: String
    /// Relative to the table's location: names the outputs (`CuratedNames.fileKey`).
    var relativePath: String
    /// Partition key → folder value (`year=2024` → `year: 2024`; unnamed folders by the
    /// table's key names, else `partition_0`, …).
    var partitionValues: [String: String]
}

/// One table a convert job reads: its files, and what the catalog knows of their format
/// and types.
struct SourceTable: Sendable {
    /// The curated table's name (already safe as a folder name).
    var name: String
    var location: String
    var files: [SourceFile]
    /// The catalog's columns (types for every file); nil: each file's own inferred types.
    var schema: Schema?
    /// The raw table's partition keys, in order.
    var partitionKeys: [String]
    var input: RawTableOptions
}

/// Finds the tables and files a job's source names.
enum SourceResolver {
    static func tables(for spec: JobSpec, catalog: Catalog?) throws -> [SourceTable] {
        switch spec.source {
        case .path(let path):
            let absolute = absolutePath(path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
                throw WorkflowError(.job, "source \(absolute) does not exist")
            }
            // A crawled folder: use the catalog's types and dialect.
            if let catalog, let crawled = try catalogTable(at: absolute, in: catalog) {
                var table = try fromCatalog(crawled, catalog: catalog)
                if let name = spec.tableName { table.name = CuratedNames.escape(name) }
                return [table]
            }
            let baseName = (absolute as NSString).lastPathComponent
            if !isFolder.boolValue {
                return [SourceTable(name: CuratedNames.escape(spec.tableName ?? CuratedNames.stem(baseName)), location: (absolute as NSString).deletingLastPathComponent,
                                    files: [SourceFile(path: absolute, relativePath: baseName, partitionValues: [:])],
                                    schema: nil, partitionKeys: [], input: RawTableOptions())]
            }
            let (files, keys) = try walk(absolute, keyNames: [])
            return [SourceTable(name: CuratedNames.escape(spec.tableName ?? baseName), location: absolute, files: files, schema: nil,
                                partitionKeys: keys, input: RawTableOptions())]
        case .table(let database, let name):
            guard let catalog else { throw WorkflowError(.job, "a catalog table source needs a catalog") }
            let tables: [CatalogTable]
            do {
                if let name {
                    guard let table = try catalog.table(database: database, name: name) else {
                        throw WorkflowError(.job, "no table '\(database).\(name)' in the catalog \(catalog.path) (has the raw crawler run?)")
                    }
                    tables = [table]
                } else {
                    tables = try catalog.tables(database: database, includeDeprecated: false)
                }
            } catch let error as CatalogError {
                throw WorkflowError(.job, "cannot read the source from the catalog: \(error)")
            }
            return try tables.map { table in
                var source = try fromCatalog(table, catalog: catalog)
                if name != nil, let rename = spec.tableName { source.name = CuratedNames.escape(rename) }
                return source
            }
        }
    }

    static func absolutePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }

    private static func catalogTable(at location: String, in catalog: Catalog) throws -> CatalogTable? {
        for database in try catalog.databases() {
            if let table = try catalog.tables(database: database.name, includeDeprecated: false).first(where: {
                absolutePath($0.location) == location && [.csv, .json].contains($0.format.classification)
            }) { return table }
        }
        return nil
    }

    /// A catalog table's files (the crawler's records of them, else a walk of its
    /// location) with their partition values, and its dialect as reader options.
    static func fromCatalog(_ table: CatalogTable, catalog: Catalog) throws -> SourceTable {
        guard [.csv, .json].contains(table.format.classification) else {
            throw WorkflowError(.job, "table '\(table.qualifiedName)' is \(table.format.classification), not raw CSV or JSON")
        }
        let location = absolutePath(table.location)
        let keyNames = table.partitionKeys.map(\.name)
        var files: [SourceFile] = []
        let crawled = ((try? catalog.crawledFiles(database: table.database)) ?? []).filter { $0.table == table.name && $0.skipReason == nil }
        if !crawled.isEmpty {
            for record in crawled where FileManager.default.fileExists(atPath: record.path) {
                let path = absolutePath(record.path)
                let relative = path.hasPrefix(location + "/") ? String(path.dropFirst(location.count + 1)) : (path as NSString).lastPathComponent
                var values: [String: String] = [:]
                if let recorded = record.partitionValues, recorded.count == keyNames.count {
                    for (key, value) in zip(keyNames, recorded) { values[key] = value }
                } else {
                    values = partitionValues(relative, keyNames: keyNames)
                }
                files.append(SourceFile(path: path, relativePath: relative, partitionValues: values))
            }
        } else {
            files = try walk(location, keyNames: keyNames).files
        }
        var input = RawTableOptions()
        input.format = table.format.classification == .csv ? .csv : .json
        if let csv = table.format.csv {
            input.csv.delimiter = csv.delimiter.asciiValue
            input.csv.quote = csv.quote.flatMap(\.asciiValue).map { .byte($0) } ?? .unquoted
            input.csv.escape = csv.escape == "\\" ? .backslash : .doubledQuote
            input.csv.hasHeader = csv.hasHeader
            input.csv.skipRows = csv.skipRows
        }
        return SourceTable(name: CuratedNames.escape(table.name), location: location, files: files.sorted { $0.path < $1.path },
                           schema: table.schema.fields.isEmpty ? nil : table.schema, partitionKeys: keyNames, input: input)
    }

    /// The raw files under `root` (hidden and `_` names skipped, as readers do) and the
    /// partition keys their folders show.
    static func walk(_ root: String, keyNames: [String]) throws -> (files: [SourceFile], keys: [String]) {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw WorkflowError(.job, "cannot list the source folder \(root)")
        }
        var files: [SourceFile] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let isFolder = walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory
            if name.hasPrefix(".") || name.hasPrefix("_") {
                if isFolder { walker.skipDescendants() }
                continue
            }
            guard !isFolder, RawFormat.fromExtension(name) != nil else { continue }
            files.append(SourceFile(path: root + "/" + relative, relativePath: relative, partitionValues: [:]))
        }
        // Keys: the given names, else the `key=` names of the first file's folders.
        var keys = keyNames
        if keys.isEmpty, let first = files.map(\.relativePath).sorted().first {
            let folders = first.split(separator: "/").dropLast()
            keys = folders.enumerated().map { index, folder in
                folder.firstIndex(of: "=").map { String(folder[..<$0]) } ?? "partition_\(index)"
            }
        }
        for index in files.indices { files[index].partitionValues = partitionValues(files[index].relativePath, keyNames: keys) }
        return (files.sorted { $0.path < $1.path }, keys)
    }

    /// The values of `relative`'s folders for `keyNames`: `key=value` by name, bare folders by position.
    static func partitionValues(_ relative: String, keyNames: [String]) -> [String: String] {
        var values: [String: String] = [:]
        let folders = relative.split(separator: "/").dropLast()
        for (index, folder) in folders.enumerated() {
            if let eq = folder.firstIndex(of: "=") {
                values[String(folder[..<eq])] = String(folder[folder.index(after: eq)...])
            } else if index < keyNames.count {
                values[keyNames[index]] = String(folder)
            }
        }
        return values
    }
}
