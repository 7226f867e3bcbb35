/// Rows in columnar form: one `Column` per top-level field of `schema`, all with `rowCount` rows.
///
/// Ingest produces batches and the Parquet writer consumes them. The initialiser checks
/// that every buffer fits its declared type, so consumers can index without re-checking.
public struct ColumnBatch: Sendable {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int

    public init(schema: Schema, columns: [Column]) throws(DataError) {
        guard columns.count == schema.count else {
            throw DataError(.schemaMismatch, "batch has \(columns.count) columns, schema has \(schema.count)")
        }
        let rowCount = columns.first?.count ?? 0
        for (field, column) in zip(schema.fields, columns) {
            try column.validate(as: field, path: field.name)
            if column.count != rowCount {
                throw DataError(.schemaMismatch, "has \(column.count) rows, the batch has \(rowCount)", column: field.name)
            }
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    public subscript(name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }
}

extension Column {
    /// Checks the buffers against `field`: layout, lengths, offsets, nulls in required fields.
    func validate(as field: Field, path: String) throws(DataError) {
        func mismatch(_ message: String) -> DataError { DataError(.schemaMismatch, message, column: path) }

        let expected = field.type.storage
        guard values.kind == expected else {
            throw mismatch("type \(field.type) needs \(expected) storage, got \(values.kind)")
        }
        if let validity, validity.count != count {
            throw mismatch("validity has \(validity.count) bits for \(count) rows")
        }
        if !field.nullable, nullCount > 0 {
            throw mismatch("is not nullable but has \(nullCount) nulls")
        }
        if let rows = values.rowCount, rows != count {
            throw mismatch("buffers hold \(rows) values for \(count) rows")
        }
        switch (values, field.type) {
        case (.bytes(let offsets, let data), _):
            try Self.checkOffsets(offsets, childCount: data.count, path: path)
        case (.fixedBytes(let width, let data), _):
            if width <= 0 || data.count != width * count { throw mismatch("fixed-width buffer has \(data.count) bytes for \(count) values of \(width)") }
        case (.list(let offsets, let element), .list(let elementField)):
            try Self.checkOffsets(offsets, childCount: element.count, path: path)
            try element.validate(as: elementField, path: path + "." + elementField.name)
        case (.structure(let children), .structure(let fields)):
            guard children.count == fields.count else { throw mismatch("struct has \(children.count) children for \(fields.count) fields") }
            for (child, childField) in zip(children, fields) {
                if child.count != count { throw mismatch("struct child '\(childField.name)' has \(child.count) rows, the struct \(count)") }
                try child.validate(as: childField, path: path + "." + childField.name)
            }
        case (.map(let offsets, let keys, let values), .map(let keyField, let valueField)):
            try Self.checkOffsets(offsets, childCount: keys.count, path: path)
            if keys.count != values.count { throw mismatch("map has \(keys.count) keys and \(values.count) values") }
            if keys.nullCount > 0 { throw mismatch("map keys cannot be null") }
            try keys.validate(as: keyField, path: path + ".key")
            try values.validate(as: valueField, path: path + ".value")
        default:
            break
        }
    }

    private static func checkOffsets(_ offsets: [Int32], childCount: Int, path: String) throws(DataError) {
        guard let first = offsets.first, first == 0 else {
            throw DataError(.schemaMismatch, "offsets must start at 0", column: path)
        }
        var previous: Int32 = 0
        for offset in offsets {
            if offset < previous { throw DataError(.schemaMismatch, "offsets decrease (\(previous) then \(offset))", column: path) }
            previous = offset
        }
        if Int(previous) != childCount {
            throw DataError(.schemaMismatch, "last offset \(previous) does not match \(childCount) child values", column: path)
        }
    }
}
