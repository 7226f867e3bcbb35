import Foundation
import TarnCore

/// Tarn's own schema, kept in the footer's key-value metadata under `tarn.schema` when the
/// Parquet types alone cannot say it: UUIDs written as text and times as plain INT64 (the
/// portable defaults, since Spark rejects those annotations). A crawler of Tarn's output
/// reads the types back from here, so a curated table has the raw table's types; other
/// readers ignore the key.
public enum TarnSchemaMetadata {
    public static let key = "tarn.schema"

    /// The metadata entry for `schema`, or nil when the Parquet types carry it already.
    public static func entry(for schema: Schema, options: ParquetWriterOptions) -> KeyValue? {
        func lossy(_ type: DataType) -> Bool {
            switch type {
            case .uuid: return !options.uuidLogicalType
            case .time: return !options.timeLogicalType
            case .list(let element): return lossy(element.type)
            case .structure(let fields): return fields.contains { lossy($0.type) }
            case .map(let key, let value): return lossy(key.type) || lossy(value.type)
            default: return false
            }
        }
        guard schema.fields.contains(where: { lossy($0.type) }) else { return nil }
        let fields = schema.fields.map { ["name": $0.name, "type": $0.type.description, "nullable": $0.nullable] as [String: Any] }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return nil }
        return KeyValue(key: key, value: String(decoding: data, as: UTF8.self))
    }

    /// The schema stored in `metadata`, when present, readable, and naming the same
    /// top-level columns as `parquetSchema` (the file's own); nil otherwise.
    public static func schema(in metadata: FileMetaData, matching parquetSchema: Schema) -> Schema? {
        guard let text = metadata.keyValueMetadata?.first(where: { $0.key == key })?.value,
              let fields = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] else { return nil }
        var result: [Field] = []
        for field in fields {
            guard let name = field["name"] as? String, let spelling = field["type"] as? String,
                  let type = try? DataType(parsing: spelling) else { return nil }
            result.append(Field(name, type, nullable: field["nullable"] as? Bool ?? true))
        }
        guard result.map(\.name) == parquetSchema.fields.map(\.name) else { return nil }
        return Schema(result)
    }
}
