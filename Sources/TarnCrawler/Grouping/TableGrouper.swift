import Foundation
import TarnCatalog
import TarnCore
import TarnIngest

/// A table the crawl found, ready to be stored.
struct PlannedTable {
    var table: CatalogTable
    var partitions: [CatalogPartition]
    var files: [FileFacts]
    /// Each file's partition values (by path), for the crawled-file records.
    var partitionValues: [String: [String]]
}

/// Groups data files into tables, as the cloud crawlers do:
///
/// 1. The folder `tableLevel` levels below the root holding a file is its table folder;
///    the folders between it and the file are partition folders. A file shallower than
///    the table level belongs to a table of its own folder (files directly in the root
///    make a table named after the root), without partitions, reading only that folder.
/// 2. The files of one table folder are clustered by compatibility (`SchemaCluster`).
///    One cluster is one table. Several clusters that the file extensions tell apart
///    (CSV beside Parquet) make one table each (the largest keeps the folder's name, the
///    others add their extension); otherwise no file pattern could separate them, so each
///    file becomes a table of its own — and the split is reported.
/// 3. Partition keys come from the partition folders (`PartitionFolders`); with files at
///    different depths only the common levels are keys (reported).
/// 4. Names are the sanitized table folder name; a clash uses the folder path
///    (`eu_sales`), then a number.
struct TableGrouper {
    let root: String
    let database: String
    let tableLevel: Int
    let now: Date
    /// Names already used by tables outside this root.
    var reservedNames: Set<String> = []

    func plan(_ files: [FileFacts]) -> (tables: [PlannedTable], conflicts: [SchemaConflict]) {
        // 1. Folder groups, in path order.
        var groups: [[String]: [FileFacts]] = [:]
        for file in files.sorted(by: { $0.file.path < $1.file.path }) {
            groups[Array(file.file.folders.prefix(tableLevel)), default: []].append(file)
        }
        let folderKeys = groups.keys.sorted { $0.joined(separator: "/") < $1.joined(separator: "/") }
        // Base names: the folder's own name, the path when two folders share it.
        let rootName = TableNames.sanitize((root as NSString).lastPathComponent)
        func shortName(_ folders: [String]) -> String { folders.last.map(TableNames.sanitize) ?? rootName }
        var shortCounts: [String: Int] = [:]
        for key in folderKeys { shortCounts[shortName(key), default: 0] += 1 }
        var taken = reservedNames
        var tables: [PlannedTable] = []
        var conflicts: [SchemaConflict] = []

        for key in folderKeys {
            let groupFiles = groups[key]!
            let short = shortName(key)
            let base = shortCounts[short]! > 1 && !key.isEmpty ? TableNames.sanitize(key.joined(separator: "_")) : short
            let folder = key.isEmpty ? root : root + "/" + key.joined(separator: "/")
            let shallow = key.count < tableLevel

            // 2. Clusters.
            var clusters: [SchemaCluster] = []
            for file in groupFiles {
                if let i = clusters.firstIndex(where: { $0.isCompatible(with: file) }) {
                    clusters[i].add(file)
                } else {
                    clusters.append(SchemaCluster(file))
                }
            }
            if clusters.count == 1 {
                let name = TableNames.unique(base, taken: &taken)
                let built = build(clusters[0], name: name, folder: folder, folders: key, shallow: shallow)
                tables.append(built.table)
                conflicts += built.conflicts
                continue
            }
            // Several clusters: separable by file pattern?
            let ordered = clusters.enumerated().sorted { a, b in
                a.element.files.count != b.element.files.count ? a.element.files.count > b.element.files.count : a.offset < b.offset
            }.map(\.element)
            let patterns = ordered.map { filePattern(for: $0.files, shallow: shallow) }
            let separable = ordered.indices.allSatisfy { i in
                ordered.indices.allSatisfy { j in
                    i == j || !ordered[j].files.contains { GlobPattern(patterns[i]).matches(relativePath($0, in: key)) }
                }
            }
            let allPaths = groupFiles.map(\.file.path)
            if separable {
                var names: [String] = []
                for (i, cluster) in ordered.enumerated() {
                    let suffix = i == 0 ? "" : "_" + TableNames.sanitize(suffixes(of: cluster.files).sorted().joined(separator: "_"))
                    let name = TableNames.unique(base + suffix, taken: &taken)
                    names.append(name)
                    let built = build(cluster, name: name, folder: folder, folders: key, shallow: shallow)
                    tables.append(built.table)
                    conflicts += built.conflicts
                }
                conflicts.append(SchemaConflict(kind: .incompatibleFiles, table: names[0], column: nil, resolvedType: nil, change: nil,
                                                variants: [], files: allPaths,
                                                message: "files of \(folder) have incompatible schemas or formats; split by file type into tables \(names.joined(separator: ", "))"))
            } else {
                var names: [String] = []
                for cluster in ordered {
                    for file in cluster.files {
                        let name = TableNames.unique(base + "_" + TableNames.sanitize(TableNames.stem(file.file.name)), taken: &taken)
                        names.append(name)
                        var built = build(SchemaCluster(file), name: name, folder: file.file.path, folders: key, shallow: true)
                        built.table.table.format.filePattern = ""
                        built.table.table.location = file.file.path
                        built.table.partitions = []
                        tables.append(built.table)
                        conflicts += built.conflicts
                    }
                }
                conflicts.append(SchemaConflict(kind: .incompatibleFiles, table: base, column: nil, resolvedType: nil, change: nil,
                                                variants: [], files: allPaths,
                                                message: "files of \(folder) have incompatible schemas that no file pattern separates; one table per file: \(names.joined(separator: ", "))"))
            }
        }
        return (tables.sorted { $0.table.name < $1.table.name }, conflicts)
    }

    /// The path of a file relative to its table folder.
    private func relativePath(_ file: FileFacts, in tableFolders: [String]) -> String {
        (file.file.folders.dropFirst(tableFolders.count) + [file.file.name]).joined(separator: "/")
    }

    /// The extensions of files as named, lower case (`csv`, `csv.gz`, `parquet`).
    private func suffixes(of files: [FileFacts]) -> Set<String> {
        Set(files.map { file in
            let name = file.file.name.lowercased()
            if file.kind.dataExtension.isEmpty { return FileClassifier.extensionOf(name) }
            guard let range = name.range(of: "." + file.kind.dataExtension, options: .backwards) else { return FileClassifier.extensionOf(name) }
            return String(name[name.index(after: range.lowerBound)...])
        })
    }

    /// A glob relative to the table folder matching these files: `**/*.csv.gz` for one
    /// extension, `**/*.csv*` for `.csv` and `.csv.gz` together, `*.csv` for a shallow table
    /// (its folder also holds other tables' folders).
    private func filePattern(for files: [FileFacts], shallow: Bool) -> String {
        let all = suffixes(of: files).sorted()
        let prefix = shallow ? "*." : "**/*."
        if all.count == 1 { return all[0].isEmpty ? (shallow ? "*" : "**/*") : prefix + all[0] }
        var common = all[0]
        for suffix in all.dropFirst() {
            common = String(zip(common, suffix).prefix { $0 == $1 }.map(\.0))
        }
        while common.hasSuffix(".") { common.removeLast() }
        return common.isEmpty ? (shallow ? "*" : "**/*") : prefix + common + "*"
    }

    private func build(_ cluster: SchemaCluster, name: String, folder: String, folders: [String], shallow: Bool) -> (table: PlannedTable, conflicts: [SchemaConflict]) {
        var conflicts = cluster.conflicts(table: name)
        let files = cluster.files
        let lead = cluster.first
        let schema = cluster.schema

        // Format.
        let compressions = Set(files.map(\.kind.compression))
        let compression = compressions.count == 1 ? compressions.first! : CompressionType(rawValue: "mixed")
        var format = TableFormat(classification: lead.kind.classification, compression: compression, csv: lead.csv,
                                 jsonLayout: lead.kind.jsonLayout)
        let pattern = filePattern(for: files, shallow: shallow)
        if pattern != format.dataFileGlob { format.filePattern = pattern }

        // Partitions.
        let segments = files.map { Array($0.file.folders.dropFirst(folders.count)) }
        let depths = segments.map(\.count)
        let depth = shallow ? 0 : (depths.min() ?? 0)
        if !shallow, let deepest = depths.max(), deepest != depth {
            let limiting = files.indices.filter { depths[$0] == depth }.map { files[$0].file.path }
            conflicts.append(SchemaConflict(kind: .partitionDepth, table: name, column: nil, resolvedType: nil, change: nil, variants: [],
                                            files: limiting,
                                            message: "files sit from \(depth) to \(deepest) folders below the table folder; only \(depth) partition level\(depth == 1 ? "" : "s") kept"))
        }
        let (rawKeys, values) = PartitionFolders.keys(segments: segments, depth: depth)
        var keys: [PartitionKey] = []
        var usedNames = Set(schema.fields.map { $0.name.lowercased() })
        for (level, rawName) in rawKeys.enumerated() {
            var keyName = rawName
            if usedNames.contains(keyName.lowercased()) {
                var candidate = keyName + "_partition"
                var k = 2
                while usedNames.contains(candidate.lowercased()) { candidate = "\(keyName)_partition_\(k)"; k += 1 }
                conflicts.append(SchemaConflict(kind: .partitionKeyRenamed, table: name, column: candidate, resolvedType: nil, change: nil,
                                                variants: [], files: [],
                                                message: "the partition folders' key '\(keyName)' is also a column; the partition column is '\(candidate)'"))
                keyName = candidate
            }
            usedNames.insert(keyName.lowercased())
            keys.append(PartitionKey(keyName, PartitionFolders.type(of: values.map { $0[level] })))
        }

        // Partitions: files by their values.
        var partitions: [CatalogPartition] = []
        var partitionIndex: [[String]: Int] = [:]
        var partitionEstimated: Set<Int> = []
        var partitionValues: [String: [String]] = [:]
        if depth > 0 {
            for (i, file) in files.enumerated() {
                let key = values[i]
                partitionValues[file.file.path] = key
                let p: Int
                if let known = partitionIndex[key] {
                    p = known
                } else {
                    p = partitions.count
                    partitionIndex[key] = p
                    partitions.append(CatalogPartition(values: key, location: folder + "/" + segments[i].prefix(depth).joined(separator: "/"), recordCount: 0))
                }
                partitions[p].fileCount += 1
                partitions[p].sizeBytes += file.file.sizeBytes
                if let count = file.recordCount, let total = partitions[p].recordCount {
                    partitions[p].recordCount = total + count
                } else {
                    partitions[p].recordCount = nil
                }
                if !file.recordCountExact { partitionEstimated.insert(p) }
            }
            for p in partitionEstimated { partitions[p].parameters["recordCountEstimated"] = "true" }
        }

        // Properties.
        let size = files.reduce(Int64(0)) { $0 + $1.file.sizeBytes }
        let counts = files.compactMap(\.recordCount)
        let records: Int64? = counts.isEmpty ? nil : counts.reduce(0, +)
        var properties = TableProperties(recordCount: records, sizeBytes: size, objectCount: Int64(files.count),
                                         averageRecordSize: records.flatMap { $0 > 0 ? size / $0 : nil }, lastCrawled: now)
        properties.custom["typeOfData"] = "file"
        let unionNames = schema.fields.map(\.name)
        if files.contains(where: { $0.schema.fields.map(\.name) != unionNames }) {
            properties.custom[CatalogExport.schemaVariesByFile] = "true"
        }
        if files.contains(where: { !$0.recordCountExact || $0.recordCount == nil }) { properties.custom["recordCountEstimated"] = "true" }

        let table = CatalogTable(database: database, name: name, location: folder, format: format, schema: schema,
                                 partitionKeys: keys, properties: properties)
        return (PlannedTable(table: table, partitions: partitions.sorted { Self.valuesPrecede($0.values, $1.values) },
                             files: files, partitionValues: partitionValues), conflicts)
    }

    /// Partition values in the catalog's order: numbers numerically, the rest as text.
    static func valuesPrecede(_ left: [String], _ right: [String]) -> Bool {
        for (a, b) in zip(left, right) where a != b {
            if let x = Double(a), let y = Double(b), x != y { return x < y }
            return a < b
        }
        return left.count < right.count
    }
}
