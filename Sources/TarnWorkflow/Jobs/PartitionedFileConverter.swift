import Foundation
import TarnCore
import TarnIngest
import TarnParquet

/// What converting one raw file staged: its output files, relative to the table folder.
struct StagedFile: Sendable {
    var source: SourceFile
    var outputs: [String]
    var metrics: ConvertMetrics
}

/// Converts one raw file of a source table into Parquet files in a staging copy of the
/// curated table folder: one folder per partition (`key=value/…`), rows split by the
/// values of partition columns, a new file past the target size.
///
/// Types: the catalog's schema when the table has one (a value that does not fit is a bad
/// record), else the file's own, inferred from a sample and widened after a full pass
/// when a later value needs it — the same rule as `FileConverter`.
struct PartitionedFileConverter {
    var table: SourceTable
    /// Partition keys of the curated table, in folder order.
    var partitionKeys: [String]
    var writerOptions: ParquetWriterOptions
    var targetFileSizeBytes: Int?
    /// The staging copy of the table folder.
    var stagingFolder: String
    var batchBytes: Int
    var threads: Int
    var cancellation: CancellationToken

    enum KeySource { case constant(String), column(Int) }

    func convert(_ file: SourceFile, badRecords: BadRecordLog?) throws -> StagedFile {
        let raw = try RawTable(path: file.path, options: table.input)
        let typesAreInferred = table.schema == nil
        var base = ConvertMetrics()
        base.files = 1
        base.bytesIn = raw.input.fileSize
        let (staged, widened) = try WideningRetry.run(raw, schema: table.schema ?? raw.inferSchema().schema, log: badRecords) { schema in
            var metrics = base
            let keys = try keySources(file, schema: schema)
            let splitColumns = Set(keys.compactMap { if case .column(let index) = $0.source { return index }; return nil })
            let dataSchema = Schema(schema.fields.enumerated().filter { !splitColumns.contains($0.offset) }.map(\.element))
            var writers: [String: RollingWriter] = [:]
            var order: [String] = []
            func writer(_ folder: String) -> RollingWriter {
                if let existing = writers[folder] { return existing }
                let made = RollingWriter(folder: folder, base: stagingFolder, fileKey: CuratedNames.fileKey(relativePath: file.relativePath),
                                         schema: dataSchema, options: writerOptions, targetBytes: targetFileSizeBytes)
                writers[folder] = made
                order.append(folder)
                return made
            }
            let rejectedBefore = badRecords?.count ?? 0
            do {
                let reader = PrefetchingReader(try raw.reader(schema: readSchema(raw, schema), typesAreInferred: typesAreInferred,
                                                              options: ReadOptions(fileName: file.path, batchBytes: batchBytes,
                                                                                   badRecords: badRecords, threads: threads)))
                defer { reader.stop() }
                var written = 0
                while let read = try reader.next() {
                    try cancellation.check()
                    let batch = try read.conformed(to: schema)
                    written += batch.rowCount
                    for (folder, rows) in split(batch, keys: keys) {
                        let kept = batch.columns.enumerated().filter { !splitColumns.contains($0.offset) }.map(\.element)
                        let data = try ColumnBatch(schema: dataSchema, columns: kept.map { column in rows.map { column.gathering($0) } ?? column })
                        try writer(folder).write(data)
                    }
                }
                if written == 0 { _ = writer(folderFor(constantValues(keys))) }   // an empty file still gets its (empty) output
                var outputs: [String] = []
                for folder in order {
                    outputs += try writers[folder]!.close()
                }
                metrics.rowsRead = reader.recordsRead
                metrics.rowsWritten = written
                metrics.rowsRejected = (badRecords?.count ?? 0) - rejectedBefore
                metrics.bytesOut = outputs.reduce(0) { total, relative in
                    total + ((try? FileManager.default.attributesOfItem(atPath: stagingFolder + "/" + relative)[.size] as? Int) ?? 0)
                }
                return StagedFile(source: file, outputs: outputs, metrics: metrics)
            } catch {
                for folder in order { writers[folder]!.abort() }
                throw error
            }
        }
        var result = staged
        result.metrics.widenedColumns = widened
        return result
    }

    /// Where each curated partition key's value comes from for this file.
    private func keySources(_ file: SourceFile, schema: Schema) throws -> [(name: String, source: KeySource)] {
        try partitionKeys.map { key in
            if let value = file.partitionValues[key] { return (key, .constant(value)) }
            if let index = schema.index(of: key) {
                guard !schema.fields[index].type.isNested else {
                    throw WorkflowError(.job, "partition key '\(key)' is a nested column (\(schema.fields[index].type)); partition by a scalar column")
                }
                return (key, .column(index))
            }
            throw WorkflowError(.job, "partition key '\(key)' is neither a partition folder of \(file.path) nor a column (columns: \(schema.fields.map(\.name).joined(separator: ", ")))")
        }
    }

    /// A CSV file is read with its own header's columns (types from the table's schema);
    /// the batch is then conformed to the table's columns by name.
    private func readSchema(_ raw: RawTable, _ schema: Schema) -> Schema {
        guard case .csv(let layout) = raw.layout, layout.columnNames != schema.fields.map(\.name) else { return schema }
        return Schema(layout.columnNames.map { name in schema.fields.first { $0.name == name } ?? Field(name, .string) })
    }

    private func constantValues(_ keys: [(name: String, source: KeySource)]) -> [(String, String?)] {
        keys.map { key in
            if case .constant(let value) = key.source { return (key.name, value) }
            return (key.name, nil)
        }
    }

    private func folderFor(_ values: [(String, String?)]) -> String {
        values.map { CuratedNames.partitionFolder(key: $0.0, value: $0.1) }.joined(separator: "/")
    }

    /// The batch's rows by partition folder, in order of first appearance; nil rows: the whole batch.
    private func split(_ batch: ColumnBatch, keys: [(name: String, source: KeySource)]) -> [(String, [Int]?)] {
        let columnKeys = keys.enumerated().compactMap { index, key -> (Int, Int)? in
            if case .column(let column) = key.source { return (index, column) }
            return nil
        }
        let constants = constantValues(keys)
        if columnKeys.isEmpty { return [(folderFor(constants), nil)] }
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for row in 0..<batch.rowCount {
            var values = constants
            for (index, column) in columnKeys {
                let data = batch.columns[column]
                values[index].1 = data.isNull(row) ? nil : data.displayValue(at: row, type: batch.schema.fields[column].type)
            }
            let folder = folderFor(values)
            if groups[folder] == nil { order.append(folder) }
            groups[folder, default: []].append(row)
        }
        if order.count == 1 { return [(order[0], nil)] }
        return order.map { ($0, groups[$0]!) }
    }
}

/// The Parquet files of one raw file in one partition folder: `fileKey-0000.parquet`,
/// `-0001` once the first passes the target size, …
final class RollingWriter {
    let folder: String
    let base: String
    let fileKey: String
    let schema: Schema
    let options: ParquetWriterOptions
    let targetBytes: Int?
    private var current: ParquetWriter?
    private var currentBytes = 0
    private var part = 0
    private(set) var outputs: [String] = []

    init(folder: String, base: String, fileKey: String, schema: Schema, options: ParquetWriterOptions, targetBytes: Int?) {
        self.folder = folder
        self.base = base
        self.fileKey = fileKey
        self.schema = schema
        self.options = options
        self.targetBytes = targetBytes
    }

    private func relativeName() -> String {
        let name = "\(fileKey)-\(String(part).leftPadded(to: 4)).parquet"
        return folder.isEmpty ? name : folder + "/" + name
    }

    func write(_ batch: ColumnBatch) throws {
        // A batch bigger than what the file has room for is cut by rows, in proportion.
        if let targetBytes, batch.rowCount > 1 {
            let bytes = batch.bufferBytes
            let room = max(targetBytes - currentBytes, 1)
            if bytes > room {
                let rows = max(1, batch.rowCount * room / bytes)
                if rows < batch.rowCount {
                    try write(try batch.rows(0..<rows))
                    try write(try batch.rows(rows..<batch.rowCount))
                    return
                }
            }
        }
        if current == nil { try open() }
        try current!.write(batch)
        currentBytes += batch.bufferBytes
        if let targetBytes, currentBytes >= targetBytes {
            try finishCurrent()
        }
    }

    private func open() throws {
        let relative = relativeName()
        let path = base + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        current = try ParquetWriter(path: path, schema: schema, options: options)
        currentBytes = 0
    }

    private func finishCurrent() throws {
        guard let writer = current else { return }
        try writer.close()
        outputs.append(relativeName())
        current = nil
        part += 1
    }

    /// Closes the open file (opening one when nothing was written, so the partition has a
    /// file); returns every output, relative to `base`.
    func close() throws -> [String] {
        if current == nil && outputs.isEmpty { try open() }
        try finishCurrent()
        return outputs
    }

    /// Drops the open file and removes the finished ones.
    func abort() {
        current?.abort()
        current = nil
        for output in outputs { try? FileManager.default.removeItem(atPath: base + "/" + output) }
        outputs = []
        part = 0
    }
}
