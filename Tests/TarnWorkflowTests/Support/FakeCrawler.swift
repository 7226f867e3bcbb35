import Foundation
import TarnCatalog
import TarnCore
import TarnIngest
import TarnParquet
import TarnWorkflow

/// A stand-in crawler for runner tests: each folder under the path is a table (its
/// `key=value` folders string partition keys), the schema the union of its files' inferred
/// schemas (raw) or the first file's footer (Parquet). Enough for the workflow's own tests;
/// the real crawler is tested in its module.
struct FakeCrawler: CrawlerRunner {
    func crawl(_ spec: CrawlerSpec, catalog: Catalog) throws -> [String: JSONValue] {
        _ = try catalog.ensureDatabase(spec.database, location: spec.path)
        let root = URL(fileURLWithPath: spec.path).standardizedFileURL.path
        var tables = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted() where !name.hasPrefix(".") && !name.hasPrefix("_") {
            let folder = root + "/" + name
            var files: [String] = []
            let walker = FileManager.default.enumerator(atPath: folder)!
            while let relative = walker.nextObject() as? String {
                let base = (relative as NSString).lastPathComponent
                if base.hasPrefix(".") || base.hasPrefix("_") {
                    if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.append(relative) }
            }
            files.sort()
            guard let first = files.first else { continue }
            let keys = first.split(separator: "/").dropLast().compactMap { folder in folder.firstIndex(of: "=").map { PartitionKey(String(folder[..<$0]), .string) } }
            var format: TableFormat
            var fields: [Field] = []
            var records: Int64 = 0
            if first.hasSuffix(".parquet") {
                format = .parquet()
                fields = try ParquetFileReader(path: folder + "/" + first).schema.fields
                for file in files where file.hasSuffix(".parquet") { records += Int64(try ParquetFileReader(path: folder + "/" + file).rowCount) }
            } else {
                let raw = try RawTable(path: folder + "/" + first)
                let compression: CompressionType = first.hasSuffix(".gz") ? .gzip : .none
                switch raw.layout {
                case .csv(let layout):
                    format = .csv(CSVFormat(delimiter: Character(UnicodeScalar(layout.dialect.delimiter)), hasHeader: layout.dialect.hasHeader), compression: compression)
                case .json:
                    format = .json(.lines, compression: compression)
                }
                for file in files {
                    for field in try RawTable(path: folder + "/" + file).inferSchema(wholeInput: true).schema.fields where !fields.contains(where: { $0.name == field.name }) {
                        fields.append(field)
                    }
                }
            }
            let table = CatalogTable(database: spec.database, name: name, location: folder, format: format, schema: Schema(fields),
                                     partitionKeys: keys, properties: TableProperties(recordCount: records > 0 ? records : nil))
            try catalog.createOrUpdateTable(table)
            tables += 1
        }
        return ["tables": .int(Int64(tables))]
    }
}
