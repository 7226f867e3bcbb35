/// Convenience constructors from Swift arrays, for tests and small programs. Bulk producers
/// should use the column builders instead.
extension Column {
    public init<T: ColumnElement>(_ values: [T?]) {
        var builder = FixedWidthColumnBuilder<T>(capacity: values.count)
        for value in values { builder.append(value) }
        self = builder.finish()
    }

    public init(booleans values: [Bool?]) {
        var builder = BooleanColumnBuilder(capacity: values.count)
        for value in values { builder.append(value) }
        self = builder.finish()
    }

    public init(strings values: [String?]) {
        var builder = BytesColumnBuilder(capacity: values.count)
        for value in values {
            if let value { builder.append(value) } else { builder.appendNull() }
        }
        self = builder.finish()
    }

    public init(binary values: [[UInt8]?]) {
        var builder = BytesColumnBuilder(capacity: values.count)
        for value in values {
            if let value { builder.append(bytes: value) } else { builder.appendNull() }
        }
        self = builder.finish()
    }

    public init(fixedBytes values: [[UInt8]?], width: Int) {
        var builder = FixedBytesColumnBuilder(width: width, capacity: values.count)
        for value in values {
            if let value { builder.append(bytes: value) } else { builder.appendNull() }
        }
        self = builder.finish()
    }

    /// A list column from per-row lengths (`nil` = null list) over an element column.
    public init(listLengths lengths: [Int?], element: Column) {
        var builder = ListColumnBuilder(capacity: lengths.count)
        for length in lengths {
            if let length { builder.appendList(length: length) } else { builder.appendNull() }
        }
        self = builder.finish(element: element)
    }

    /// A map column from per-row entry counts (`nil` = null map) over key and value columns.
    public init(mapLengths lengths: [Int?], keys: Column, values: Column) {
        var builder = ListColumnBuilder(capacity: lengths.count)
        for length in lengths {
            if let length { builder.appendList(length: length) } else { builder.appendNull() }
        }
        self = builder.finish(keys: keys, values: values)
    }

    /// A struct column from its children and per-row presence (`nil` = no nulls).
    public init(structPresence present: [Bool]? = nil, children: [Column]) {
        let rows = present?.count ?? children.first?.count ?? 0
        var builder = StructColumnBuilder()
        for row in 0..<rows {
            if present?[row] ?? true { builder.appendValid() } else { builder.appendNull() }
        }
        self = builder.finish(children: children)
    }
}
