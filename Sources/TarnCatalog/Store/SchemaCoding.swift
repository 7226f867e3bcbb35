import TarnCore

/// The JSON the catalog stores for a schema and for partition keys:
/// `[{"name": "id", "type": "int64", "nullable": false}, …]`, each type in Tarn's own
/// spelling (`DataType.description`, read back with `DataType(parsing:)`).
///
/// That spelling cannot carry every nested type (a struct field named `first name`, a
/// list element not called `element`), so a nested type that does not read back equal
/// also stores its exact structure under `"structure"`, which then wins on reading.
enum SchemaCoding {
    static func encode(_ schema: Schema) -> String {
        JSONValue.array(schema.fields.map(encode(field:))).serialized()
    }

    static func decode(_ text: String) throws -> Schema {
        guard let fields = try JSONValue(parsing: text).arrayValue else {
            throw CatalogError(.corruptRecord, "a stored schema is not a JSON array: \(text.prefix(80))")
        }
        return Schema(try fields.map(decode(field:)))
    }

    static func encode(_ keys: [PartitionKey]) -> String {
        JSONValue.array(keys.map { ["name": .string($0.name), "type": .string($0.type.description)] }).serialized()
    }

    static func decodePartitionKeys(_ text: String) throws -> [PartitionKey] {
        guard let keys = try JSONValue(parsing: text).arrayValue else {
            throw CatalogError(.corruptRecord, "stored partition keys are not a JSON array: \(text.prefix(80))")
        }
        return try keys.map { key in
            guard let name = key["name"]?.stringValue, let type = key["type"]?.stringValue else {
                throw CatalogError(.corruptRecord, "a stored partition key lacks a name or type: \(key)")
            }
            return PartitionKey(name, try parseType(type))
        }
    }

    static func encode(field: Field) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(field.name), "type": .string(field.type.description), "nullable": .bool(field.nullable),
        ]
        if field.type.isNested, (try? DataType(parsing: field.type.description)) != field.type {
            object["structure"] = structure(of: field.type)
        }
        return .object(object)
    }

    static func decode(field value: JSONValue) throws -> Field {
        guard let name = value["name"]?.stringValue, let typeText = value["type"]?.stringValue else {
            throw CatalogError(.corruptRecord, "a stored column lacks a name or type: \(value)")
        }
        let nullable = value["nullable"]?.boolValue ?? true
        if let structure = value["structure"] {
            return Field(name, try type(fromStructure: structure), nullable: nullable)
        }
        return Field(name, try parseType(typeText), nullable: nullable)
    }

    private static func parseType(_ text: String) throws -> DataType {
        do {
            return try DataType(parsing: text)
        } catch {
            throw CatalogError(.corruptRecord, "a stored type cannot be read: \(error)")
        }
    }

    private static func structure(of type: DataType) -> JSONValue {
        switch type {
        case .list(let element): return ["list": encode(field: element)]
        case .structure(let fields): return ["struct": .array(fields.map(encode(field:)))]
        case .map(let key, let value): return ["map": ["key": encode(field: key), "value": encode(field: value)]]
        default: return .string(type.description)
        }
    }

    private static func type(fromStructure value: JSONValue) throws -> DataType {
        if let element = value["list"] { return .list(try decode(field: element)) }
        if let fields = value["struct"]?.arrayValue { return .structure(try fields.map(decode(field:))) }
        if let key = value["map"]?["key"], let mapValue = value["map"]?["value"] {
            return .map(key: try decode(field: key), value: try decode(field: mapValue))
        }
        if let text = value.stringValue { return try parseType(text) }
        throw CatalogError(.corruptRecord, "a stored nested type cannot be read: \(value)")
    }

    // MARK: - String maps

    static func encode(_ map: [String: String]) -> String {
        JSONValue.object(map.mapValues(JSONValue.string)).serialized()
    }

    static func decodeStringMap(_ text: String) throws -> [String: String] {
        guard let members = try JSONValue(parsing: text).objectValue else {
            throw CatalogError(.corruptRecord, "a stored map is not a JSON object: \(text.prefix(80))")
        }
        return members.mapValues { $0.stringValue ?? $0.serialized() }
    }

    static func encode(_ map: [String: JSONValue]) -> String { JSONValue.object(map).serialized() }

    static func decodeJSONMap(_ text: String) throws -> [String: JSONValue] {
        guard let members = try JSONValue(parsing: text).objectValue else {
            throw CatalogError(.corruptRecord, "a stored document is not a JSON object: \(text.prefix(80))")
        }
        return members
    }

    static func encode(values: [String]) -> String { JSONValue.array(values.map(JSONValue.string)).serialized() }

    static func decodeValues(_ text: String) throws -> [String] {
        guard let values = try JSONValue(parsing: text).arrayValue else {
            throw CatalogError(.corruptRecord, "stored partition values are not a JSON array: \(text.prefix(80))")
        }
        return values.map { $0.stringValue ?? $0.serialized() }
    }
}
