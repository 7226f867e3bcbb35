// The JSON shape of a schema that `tarn schema --json` prints and `tarn convert --schema` reads.
import Foundation
import TarnCore
import TarnIngest

enum SchemaDocument {
    /// `{"name", "type" (Tarn's spelling), "hiveType", "nullable", "reason"?}` per column.
    static func columns(_ schema: Schema, explanations: [InferredSchema.Explanation]?) -> [[String: Any]] {
        schema.fields.map { field in
            var column: [String: Any] = ["name": field.name, "type": field.type.description,
                                         "hiveType": field.type.hiveName, "nullable": field.nullable]
            if let reason = explanations?.first(where: { $0.column == field.name })?.reason { column["reason"] = reason }
            return column
        }
    }

    /// Reads `{"columns": [...]}` or `tarn schema --json` output (the first file's columns).
    static func load(path: String) throws -> Schema {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--schema: cannot read \(path)") }
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw UsageError("--schema: \(path) is not a JSON object")
        }
        if let files = object["files"] as? [[String: Any]], let first = files.first { object = first }
        guard let columns = object["columns"] as? [[String: Any]], !columns.isEmpty else {
            throw UsageError("--schema: \(path) has no \"columns\" list")
        }
        var fields: [Field] = []
        for (index, column) in columns.enumerated() {
            guard let name = column["name"] as? String, let typeName = column["type"] as? String else {
                throw UsageError("--schema: column \(index + 1) of \(path) needs \"name\" and \"type\"")
            }
            let type: DataType
            do { type = try DataType(parsing: typeName) } catch { throw UsageError("--schema: column '\(name)': \(error)") }
            fields.append(Field(name, type, nullable: column["nullable"] as? Bool ?? true))
        }
        return Schema(fields)
    }
}
