import Foundation
import TarnCore
import TarnIngest
import TarnParquet

/// Converts raw CSV / JSON files to Parquet: a file to a file, or a folder to a folder
/// keeping relative paths (`raw/a/b.csv.gz` → `out/a/b.parquet`).
///
/// Types come from a sample; a value later in a file that does not fit its sampled type
/// makes the converter infer the types from the whole file and write it again, so a
/// column is widened rather than a value lost. Every output file appears whole or not at
/// all (the writer renames a temporary file into place on close).
public enum FileConverter {
    public static func convert(input: String, output: String, options: ConvertOptions = ConvertOptions()) throws -> ConvertMetrics {
        let started = DispatchTime.now()
        let log = try options.badRecordsPath.map { path throws(IngestError) in try BadRecordLog(path: path, maxCount: options.maxBadRecords) }
        var metrics = ConvertMetrics()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) else {
            throw IngestError(.io, "no such file or folder", location: SourceLocation(file: input))
        }
        if isFolder.boolValue {
            let (files, skipped) = try rawFiles(under: input)
            metrics.skipped = skipped
            for relative in files {
                let target = (output as NSString).appendingPathComponent(parquetName(for: relative))
                try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                metrics.add(try convertFile((input as NSString).appendingPathComponent(relative), to: target, options: options, log: log))
            }
        } else {
            var target = output
            var isOutputFolder: ObjCBool = false
            if output.hasSuffix("/") || (FileManager.default.fileExists(atPath: output, isDirectory: &isOutputFolder) && isOutputFolder.boolValue) {
                target = (output as NSString).appendingPathComponent(parquetName(for: (input as NSString).lastPathComponent))
            }
            let parent = (target as NSString).deletingLastPathComponent
            if !parent.isEmpty { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            metrics.add(try convertFile(input, to: target, options: options, log: log))
        }
        metrics.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return metrics
    }

    /// Converts one file; widens and starts over at most once (after a whole-file inference
    /// no value can fail to fit).
    public static func convertFile(_ path: String, to target: String, options: ConvertOptions, log: BadRecordLog?) throws -> ConvertMetrics {
        let table = try RawTable(path: path, options: options.input)
        var base = ConvertMetrics()
        base.files = 1
        base.bytesIn = table.input.fileSize
        let userSchema = options.schema
        var writerOptions = options.writer
        writerOptions.threads = options.threads
        // Ingestion checked every string value already (bad ones are bad records).
        writerOptions.validateUTF8 = false
        let (converted, widened) = try WideningRetry.run(table, schema: userSchema ?? table.inferSchema().schema, log: log) { schema in
            var metrics = base
            let rejectedBefore = log?.count ?? 0
            let writer = try ParquetWriter(path: target, schema: schema, options: writerOptions)
            do {
                // Parse the next windows while this one is encoded.
                let reader = PrefetchingReader(try table.reader(schema: schema, typesAreInferred: userSchema == nil,
                                                                options: ReadOptions(fileName: path, batchBytes: options.batchBytes,
                                                                                     badRecords: log, threads: options.threads)))
                defer { reader.stop() }
                var written = 0
                while let batch = try reader.next() {
                    try writer.write(batch)
                    written += batch.rowCount
                }
                try writer.close()
                metrics.rowsRead = reader.recordsRead
                metrics.rowsWritten = written
                metrics.rowsRejected = (log?.count ?? 0) - rejectedBefore
                metrics.bytesOut = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
                return metrics
            } catch {
                writer.abort()
                throw error
            }
        }
        var result = converted
        result.widenedColumns = widened
        return result
    }

    /// The raw files under `root` (relative paths, sorted) and the skipped ones with why.
    static func rawFiles(under root: String) throws -> (files: [String], skipped: [String]) {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw IngestError(.io, "cannot list the folder", location: SourceLocation(file: root))
        }
        var files: [String] = []
        var skipped: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name.hasPrefix("_") {
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                continue
            }
            guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            if RawFormat.fromExtension(name) != nil { files.append(relative) } else { skipped.append("\(relative): not a CSV or JSON file name") }
        }
        return (files.sorted(), skipped.sorted())
    }

    /// `a/b.csv.gz` → `a/b.parquet`.
    static func parquetName(for relative: String) -> String {
        var name = relative
        for suffix in [".gz", ".gzip", ".zst", ".zstd"] where name.lowercased().hasSuffix(suffix) { name.removeLast(suffix.count); break }
        let ext = (name as NSString).pathExtension
        if !ext.isEmpty { name.removeLast(ext.count + 1) }
        return name + ".parquet"
    }
}
