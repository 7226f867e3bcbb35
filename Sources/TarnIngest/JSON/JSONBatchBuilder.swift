import TarnCore

/// Builds a `ColumnBatch` of a given schema from JSON object records on a tape.
///
/// A tree of column nodes mirrors the schema (struct → children, list → element, map →
/// key and value); a record is appended by walking its tokens once, each value going
/// straight from the input bytes into its node's buffers (no `String`, no boxing).
/// Object keys are matched against the order they had before by byte comparison, with a
/// lookup only when a record's keys come in another order.
///
/// - A missing key, or `null`, appends null; a null list and an empty list stay distinct.
/// - A duplicate key in one object: the last value wins, as in JavaScript.
/// - A value that does not fit its column's type (or a key the schema lacks, unless
///   `ignoresUnknownKeys`) throws `WideningNeeded`; its location holds only the byte
///   offset of the value within the bytes passed to `append` (the reader adds file and
///   line). After a throw the batch under construction is inconsistent: the caller widens
///   the schema and starts over with a new builder.
public struct JSONBatchBuilder {
    public let schema: Schema
    /// Skip keys the schema does not have, instead of asking for a wider schema (for a
    /// schema given by the user).
    public var ignoresUnknownKeys = false
    /// Node 0 is the record: a struct whose children are the top-level columns.
    var nodes: [Node] = []
    /// Each struct value appended gets a new stamp; a struct's child slots remember the
    /// stamp of the value that last filled them (missing and duplicate keys).
    var generation = 0

    public init(schema: Schema) throws(DataError) {
        self.schema = schema
        nodes.append(Node(kind: .structure, type: .structure(schema.fields), path: "", nullable: false))
        try addChildren(0, schema.fields, path: "")
    }

    /// Rows appended since the last `finish`.
    public var rowCount: Int { nodes[0].rows }

    struct Node {
        enum Kind {
            case boolean
            /// int8 … int32, uint8, uint16 (stored as Int32), uint32 (its bit pattern).
            case int32(min: Int64, max: Int64)
            case int64
            /// Stored as its Int64 bit pattern.
            case uint64
            case float32, float64
            case decimal(precision: Int, scale: Int)
            case string, json
            case date
            case time(TimeUnit)
            case timestamp(TimeUnit, utc: Bool)
            case uuid
            case list, structure, map
        }

        let kind: Kind
        let type: DataType
        /// `a.b`, `tags.element` (messages).
        let path: String
        let nullable: Bool
        let storage: StorageKind
        var rows = 0
        var validity = JSONValidity()
        var bits = JSONBitBuffer()
        var int32s: [Int32] = []
        var int64s: [Int64] = []
        var int128s: [Int128] = []
        var floats: [Float] = []
        var doubles: [Double] = []
        /// bytes: value offsets into `data`; list and map: element offsets.
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        /// Struct: child nodes in schema order, their names, a name lookup, and stamps.
        var children: [Int] = []
        var names: [[UInt8]] = []
        var lookup: [[UInt8]: Int] = [:]
        var stamps: [Int] = []
        /// List: the element node; map: the value node (`keyNode` holds the keys).
        var element = -1
        var keyNode = -1

        init(kind: Kind, type: DataType, path: String, nullable: Bool) {
            self.kind = kind
            self.type = type
            self.path = path
            self.nullable = nullable
            storage = type.storage
        }
    }

    mutating func addChildren(_ n: Int, _ fields: [Field], path: String) throws(DataError) {
        for field in fields {
            let child = try addNode(field, path: path.isEmpty ? field.name : path + "." + field.name)
            let name = Array(field.name.utf8)
            if nodes[n].lookup[name] != nil {
                throw DataError(.schemaMismatch, "duplicate field name '\(field.name)'", column: path.isEmpty ? nil : path)
            }
            nodes[n].lookup[name] = nodes[n].names.count
            nodes[n].names.append(name)
            nodes[n].children.append(child)
            nodes[n].stamps.append(0)
        }
    }

    /// Adds the node of `field` and those under it; returns its index.
    mutating func addNode(_ field: Field, path: String) throws(DataError) -> Int {
        let kind: Node.Kind
        switch field.type {
        case .boolean: kind = .boolean
        case .int8: kind = .int32(min: Int64(Int8.min), max: Int64(Int8.max))
        case .int16: kind = .int32(min: Int64(Int16.min), max: Int64(Int16.max))
        case .int32: kind = .int32(min: Int64(Int32.min), max: Int64(Int32.max))
        case .uint8: kind = .int32(min: 0, max: Int64(UInt8.max))
        case .uint16: kind = .int32(min: 0, max: Int64(UInt16.max))
        case .uint32: kind = .int32(min: 0, max: Int64(UInt32.max))
        case .int64: kind = .int64
        case .uint64: kind = .uint64
        case .float32: kind = .float32
        case .float64: kind = .float64
        case .decimal(let precision, let scale):
            guard precision >= 1 && precision <= 38 && scale >= 0 && scale <= precision else {
                throw DataError(.schemaMismatch, "decimal(\(precision),\(scale)) is out of range", column: path)
            }
            kind = .decimal(precision: precision, scale: scale)
        case .string, .binary: kind = .string
        case .json: kind = .json
        case .date: kind = .date
        case .time(let unit): kind = .time(unit)
        case .timestamp(let unit, let utc): kind = .timestamp(unit, utc: utc)
        case .uuid: kind = .uuid
        case .list: kind = .list
        case .structure: kind = .structure
        case .map(let key, _):
            guard key.type == .string || key.type == .binary else {
                throw DataError(.schemaMismatch, "a JSON object maps only to a map with string keys, not \(key.type)", column: path)
            }
            kind = .map
        }
        let index = nodes.count
        nodes.append(Node(kind: kind, type: field.type, path: path, nullable: field.nullable))
        switch field.type {
        case .list(let element):
            let child = try addNode(element, path: path + "." + element.name)
            nodes[index].element = child
        case .structure(let fields):
            try addChildren(index, fields, path: path)
        case .map(let key, let value):
            let keyNode = try addNode(key, path: path + ".key")
            let valueNode = try addNode(value, path: path + ".value")
            nodes[index].keyNode = keyNode
            nodes[index].element = valueNode
        default:
            break
        }
        return index
    }

    // MARK: Finishing

    /// Moves the rows appended so far into a batch and starts the next one (buffers are
    /// reserved at the size this batch reached).
    public mutating func finish() -> ColumnBatch {
        let columns = nodes[0].children.map { finishNode($0) }
        nodes[0].rows = 0
        do {
            return try ColumnBatch(schema: schema, columns: columns)
        } catch {
            // The builder keeps every invariant the check tests; a failure is a bug here.
            preconditionFailure("JSONBatchBuilder produced an invalid batch: \(error)")
        }
    }

    mutating func finishNode(_ n: Int) -> Column {
        let rows = nodes[n].rows
        let validity = nodes[n].validity.take(count: rows)
        nodes[n].rows = 0
        let values: ColumnValues
        switch nodes[n].storage {
        case .boolean:
            values = .boolean(nodes[n].bits.take(count: rows))
        case .int32:
            values = .int32(nodes[n].int32s)
            nodes[n].int32s = []
            nodes[n].int32s.reserveCapacity(rows)
        case .int64:
            values = .int64(nodes[n].int64s)
            nodes[n].int64s = []
            nodes[n].int64s.reserveCapacity(rows)
        case .int128:
            values = .int128(nodes[n].int128s)
            nodes[n].int128s = []
            nodes[n].int128s.reserveCapacity(rows)
        case .float32:
            values = .float32(nodes[n].floats)
            nodes[n].floats = []
            nodes[n].floats.reserveCapacity(rows)
        case .float64:
            values = .float64(nodes[n].doubles)
            nodes[n].doubles = []
            nodes[n].doubles.reserveCapacity(rows)
        case .bytes:
            let byteCount = nodes[n].data.count
            values = .bytes(offsets: nodes[n].offsets, data: nodes[n].data)
            nodes[n].offsets = [0]
            nodes[n].offsets.reserveCapacity(rows + 1)
            nodes[n].data = []
            nodes[n].data.reserveCapacity(byteCount)
        case .fixedBytes(let width):
            values = .fixedBytes(width: width, data: nodes[n].data)
            nodes[n].data = []
            nodes[n].data.reserveCapacity(rows * width)
        case .list:
            let element = finishNode(nodes[n].element)
            values = .list(offsets: nodes[n].offsets, element: element)
            nodes[n].offsets = [0]
            nodes[n].offsets.reserveCapacity(rows + 1)
        case .map:
            let keys = finishNode(nodes[n].keyNode)
            let items = finishNode(nodes[n].element)
            values = .map(offsets: nodes[n].offsets, keys: keys, values: items)
            nodes[n].offsets = [0]
            nodes[n].offsets.reserveCapacity(rows + 1)
        case .structure:
            values = .structure(nodes[n].children.map { finishNode($0) })
        }
        return Column(values: values, validity: validity, count: rows)
    }

    // MARK: Nulls and truncation

    /// Appends a null to node `n` (a null struct gives its children placeholders; a null
    /// list or map has no elements).
    mutating func appendNull(_ n: Int) {
        let row = nodes[n].rows
        nodes[n].validity.appendNull(at: row)
        appendPlaceholderValue(n, row)
    }

    /// Appends the slot of a row whose value is absent: a null when the field is nullable;
    /// otherwise (a required field under a null struct) a zero value, which the null parent
    /// hides.
    mutating func appendPlaceholder(_ n: Int) {
        if nodes[n].nullable {
            appendNull(n)
        } else {
            let row = nodes[n].rows
            nodes[n].validity.appendValid(at: row)
            appendPlaceholderValue(n, row)
        }
    }

    /// The value slot of an absent row; increments `rows`.
    mutating func appendPlaceholderValue(_ n: Int, _ row: Int) {
        switch nodes[n].storage {
        case .boolean: nodes[n].bits.append(false, at: row)
        case .int32: nodes[n].int32s.append(0)
        case .int64: nodes[n].int64s.append(0)
        case .int128: nodes[n].int128s.append(0)
        case .float32: nodes[n].floats.append(0)
        case .float64: nodes[n].doubles.append(0)
        case .bytes: nodes[n].offsets.append(Int32(truncatingIfNeeded: nodes[n].data.count))
        case .fixedBytes(let width): nodes[n].data.append(contentsOf: repeatElement(0, count: width))
        case .list, .map: nodes[n].offsets.append(nodes[n].offsets[nodes[n].offsets.count - 1])
        case .structure:
            for child in nodes[n].children { appendPlaceholder(child) }
        }
        nodes[n].rows = row + 1
    }

    /// Drops rows `rows ..< count` of node `n` and what they hold.
    mutating func truncate(_ n: Int, to rows: Int) {
        let count = nodes[n].rows
        guard rows < count else { return }
        let dropped = count - rows
        nodes[n].validity.truncate(to: rows)
        switch nodes[n].storage {
        case .boolean: nodes[n].bits.truncate(to: rows)
        case .int32: nodes[n].int32s.removeLast(dropped)
        case .int64: nodes[n].int64s.removeLast(dropped)
        case .int128: nodes[n].int128s.removeLast(dropped)
        case .float32: nodes[n].floats.removeLast(dropped)
        case .float64: nodes[n].doubles.removeLast(dropped)
        case .bytes:
            nodes[n].offsets.removeLast(dropped)
            nodes[n].data.removeLast(nodes[n].data.count - Int(nodes[n].offsets[rows]))
        case .fixedBytes(let width): nodes[n].data.removeLast(dropped * width)
        case .list:
            nodes[n].offsets.removeLast(dropped)
            truncate(nodes[n].element, to: Int(nodes[n].offsets[rows]))
        case .map:
            nodes[n].offsets.removeLast(dropped)
            let entries = Int(nodes[n].offsets[rows])
            truncate(nodes[n].keyNode, to: entries)
            truncate(nodes[n].element, to: entries)
        case .structure:
            for child in nodes[n].children { truncate(child, to: rows) }
        }
        nodes[n].rows = rows
    }
}
