import Foundation
import TarnCore
import TarnIngest

/// A small table written as one JSON document — `{"schema": [{"name", "type", "nullable"}],
/// "rows": [[value, ...], ...]}` with types in Tarn's spelling (`decimal(10,2)`,
/// `list<string>`) — turned into a `ColumnBatch`. The demo's input; not a raw-data reader
/// (values are boxed one by one, which is fine for a few hundred rows).
enum SampleTable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func load(path: String) throws -> ColumnBatch {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(description: "\(path): cannot read: \(error.localizedDescription)")
        }
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let schemaList = document["schema"] as? [[String: Any]],
              let rows = document["rows"] as? [[Any]] else {
            throw Failure(description: "\(path): expected an object with \"schema\" (a list of fields) and \"rows\" (a list of lists)")
        }
        var fields: [Field] = []
        for entry in schemaList {
            guard let name = entry["name"] as? String, let typeText = entry["type"] as? String else {
                throw Failure(description: "\(path): every schema entry needs \"name\" and \"type\"")
            }
            let type = try DataType(parsing: typeText)
            fields.append(Field(name, type, nullable: entry["nullable"] as? Bool ?? true))
        }
        let builders = fields.map { ValueBuilder(type: $0.type) }
        for (r, row) in rows.enumerated() {
            guard row.count == fields.count else {
                throw Failure(description: "\(path): row \(r + 1) has \(row.count) values for \(fields.count) columns")
            }
            for (c, value) in row.enumerated() {
                do { try builders[c].append(value is NSNull ? nil : value) } catch {
                    throw Failure(description: "\(path): row \(r + 1), column '\(fields[c].name)': \(error)")
                }
            }
        }
        return try ColumnBatch(schema: Schema(fields), columns: builders.map { $0.finish() })
    }
}

/// Appends JSON values (as Foundation gives them) to the column builder of a type.
private final class ValueBuilder {
    let type: DataType
    private var int32 = FixedWidthColumnBuilder<Int32>()
    private var int64 = FixedWidthColumnBuilder<Int64>()
    private var int128 = FixedWidthColumnBuilder<Int128>()
    private var float32 = FixedWidthColumnBuilder<Float>()
    private var float64 = FixedWidthColumnBuilder<Double>()
    private var booleans = BooleanColumnBuilder()
    private var bytes = BytesColumnBuilder()
    private var fixed = FixedBytesColumnBuilder(width: 16)
    private var list = ListColumnBuilder()
    private var structure = StructColumnBuilder()
    private var children: [ValueBuilder] = []

    init(type: DataType) {
        self.type = type
        switch type {
        case .list(let element): children = [ValueBuilder(type: element.type)]
        case .structure(let fields): children = fields.map { ValueBuilder(type: $0.type) }
        case .map(let key, let value): children = [ValueBuilder(type: key.type), ValueBuilder(type: value.type)]
        default: break
        }
    }

    struct BadValue: Error, CustomStringConvertible { var description: String }

    func append(_ value: Any?) throws {
        guard let value else { return appendNull() }
        func bad() -> BadValue { BadValue(description: "\(value) is not a \(type)") }
        switch type {
        case .boolean:
            guard let b = value as? Bool else { throw bad() }
            booleans.append(b)
        case .int8, .int16, .int32, .uint8, .uint16, .uint32:
            guard let n = value as? NSNumber, let v = Int64(exactly: n.doubleValue) else { throw bad() }
            int32.append(Int32(truncatingIfNeeded: v))
        case .int64, .uint64:
            guard let n = value as? NSNumber else { throw bad() }
            int64.append(type == .uint64 ? Int64(bitPattern: n.uint64Value) : n.int64Value)
        case .float32:
            guard let n = value as? NSNumber else { throw bad() }
            float32.append(n.floatValue)
        case .float64:
            guard let n = value as? NSNumber else { throw bad() }
            float64.append(n.doubleValue)
        case .decimal(let precision, let scale):
            guard let text = (value as? String) ?? (value as? NSNumber)?.stringValue, let unscaled = Self.unscaled(text, scale: scale) else { throw bad() }
            if precision <= 9 { int32.append(Int32(truncatingIfNeeded: unscaled)) }
            else if precision <= 18 { int64.append(Int64(truncatingIfNeeded: unscaled)) }
            else { int128.append(unscaled) }
        case .string, .json, .binary:
            guard let s = value as? String else { throw bad() }
            bytes.append(s)
        case .date:
            guard let s = value as? String, let days = Self.days(s) else { throw bad() }
            int32.append(days)
        case .timestamp(let unit, _):
            guard let s = value as? String, let micros = Self.timestampMicros(s) else { throw bad() }
            int64.append(unit == .milliseconds ? micros / 1_000 : unit == .microseconds ? micros : micros * 1_000)
        case .time(let unit):
            guard let n = value as? NSNumber else { throw bad() }
            if unit == .milliseconds { int32.append(n.int32Value) } else { int64.append(n.int64Value) }
        case .uuid:
            guard let s = value as? String, let uuid = UUID(uuidString: s) else { throw bad() }
            withUnsafeBytes(of: uuid.uuid) { fixed.append($0) }
        case .list:
            guard let items = value as? [Any] else { throw bad() }
            for item in items { try children[0].append(item is NSNull ? nil : item) }
            list.appendList(length: items.count)
        case .map:
            guard let entries = value as? [String: Any] else { throw bad() }
            for (key, item) in entries.sorted(by: { $0.key < $1.key }) {
                try children[0].append(key)
                try children[1].append(item is NSNull ? nil : item)
            }
            list.appendList(length: entries.count)
        case .structure(let fields):
            guard let object = value as? [String: Any] else { throw bad() }
            for (field, child) in zip(fields, children) {
                let item = object[field.name]
                try child.append(item is NSNull ? nil : item)
            }
            structure.appendValid()
        }
    }

    func appendNull() {
        switch type.storage {
        case .boolean: booleans.appendNull()
        case .int32: int32.appendNull()
        case .int64: int64.appendNull()
        case .int128: int128.appendNull()
        case .float32: float32.appendNull()
        case .float64: float64.appendNull()
        case .bytes: bytes.appendNull()
        case .fixedBytes: fixed.appendNull()
        case .list, .map: list.appendNull()
        case .structure:
            for child in children { child.appendNull() }
            structure.appendNull()
        }
    }

    func finish() -> Column {
        switch type.storage {
        case .boolean: return booleans.finish()
        case .int32: return int32.finish()
        case .int64: return int64.finish()
        case .int128: return int128.finish()
        case .float32: return float32.finish()
        case .float64: return float64.finish()
        case .bytes: return bytes.finish()
        case .fixedBytes: return fixed.finish()
        case .list: return list.finish(element: children[0].finish())
        case .map: return list.finish(keys: children[0].finish(), values: children[1].finish())
        case .structure: return structure.finish(children: children.map { $0.finish() })
        }
    }

    /// "12.5" with scale 2 → 1250; `nil` when the text has more decimal places than `scale`.
    static func unscaled(_ text: String, scale: Int) -> Int128? {
        guard let parsed = withBytes(text, ValueParsing.decimal), parsed.scale <= scale else { return nil }
        var value = parsed.unscaled
        for _ in parsed.scale..<scale { value *= 10 }
        return value
    }

    static func days(_ text: String) -> Int32? { withBytes(text, ValueParsing.date) }

    static func timestampMicros(_ text: String) -> Int64? { withBytes(text, ValueParsing.timestamp)?.micros }

    private static func withBytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        Array(text.utf8).withUnsafeBytes(body)
    }
}
