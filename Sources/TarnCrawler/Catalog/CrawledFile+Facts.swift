import Foundation
import TarnCatalog
import TarnCore

// What a crawled-file record keeps beyond its columns, in `properties`, so a re-crawl can
// rebuild an unchanged file's facts without reading it:
//
//   compression  gzip | zstd | none, or the Parquet codec      extension   csv, jsonl, …
//   jsonLayout   lines | array                                  exactCount  true | false
//   delimiter, quote, escape, header, skipRows                  (CSV dialect)
//   nullColumns  JSON list of the columns that held only nulls
extension CrawledFile {
    init(_ facts: FileFacts, table: String?, partitionValues: [String]?, crawledAt: Date) {
        var properties: [String: String] = [
            "compression": facts.kind.compression.rawValue,
            "extension": facts.kind.dataExtension,
            "exactCount": facts.recordCountExact ? "true" : "false",
        ]
        if let layout = facts.kind.jsonLayout { properties["jsonLayout"] = layout.rawValue }
        if let csv = facts.csv {
            properties["delimiter"] = String(csv.delimiter)
            properties["quote"] = csv.quote.map { String($0) } ?? ""
            properties["escape"] = csv.escape.map { String($0) } ?? ""
            properties["header"] = csv.hasHeader ? "true" : "false"
            properties["skipRows"] = String(csv.skipRows)
        }
        if !facts.nullColumns.isEmpty {
            properties["nullColumns"] = JSONValue.array(facts.nullColumns.sorted().map { .string($0) }).serialized()
        }
        self.init(path: facts.file.path, sizeBytes: facts.file.sizeBytes, modifiedAt: facts.file.modifiedAt, table: table,
                  partitionValues: partitionValues, classification: facts.kind.classification, schema: facts.schema,
                  recordCount: facts.recordCount, properties: properties, crawledAt: crawledAt)
    }

    init(skipped file: WalkedFile, reason: String, crawledAt: Date) {
        self.init(path: file.path, sizeBytes: file.sizeBytes, modifiedAt: file.modifiedAt, skipReason: reason, crawledAt: crawledAt)
    }

    /// The facts of `file` as recorded, or nil when the record lacks something they need.
    func facts(for file: WalkedFile) -> FileFacts? {
        guard let classification, let schema else { return nil }
        var kind = FileKind(classification: classification, compression: CompressionType(rawValue: properties["compression"] ?? "none"),
                            dataExtension: properties["extension"] ?? "")
        if let layout = properties["jsonLayout"] { kind.jsonLayout = JSONLayout(rawValue: layout) }
        var csv: CSVFormat?
        if let delimiter = properties["delimiter"]?.first {
            csv = CSVFormat(delimiter: delimiter, quote: properties["quote"]?.first, escape: properties["escape"]?.first,
                            hasHeader: properties["header"] != "false", skipRows: Int(properties["skipRows"] ?? "") ?? 0)
        }
        var nullColumns: Set<String> = []
        if let text = properties["nullColumns"], let list = try? JSONValue(parsing: text).arrayValue {
            nullColumns = Set(list.compactMap(\.stringValue))
        }
        return FileFacts(file: file, kind: kind, schema: schema, nullColumns: nullColumns, recordCount: recordCount,
                         recordCountExact: properties["exactCount"] == "true", csv: csv)
    }
}
