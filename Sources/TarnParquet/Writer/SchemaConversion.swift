import TarnCore

/// A Tarn `Schema` as Parquet sees it: the flattened `SchemaElement` tree of the footer and
/// one `ColumnDescriptor` per leaf, in the depth-first order of the column chunks.
struct WriterSchema: Sendable {
    var elements: [SchemaElement]
    var columns: [ColumnDescriptor]
    /// For each top-level field, the range of `columns` holding its leaves.
    var leafRanges: [Range<Int>]

    init(_ schema: Schema, options: ParquetWriterOptions) throws {
        elements = [SchemaElement(name: "schema", numChildren: Int32(schema.count))]
        columns = []
        leafRanges = []
        var seen = Set<String>()
        for field in schema.fields {
            guard seen.insert(field.name).inserted else {
                throw ParquetError(.invalidInput, "the schema names column '\(field.name)' twice")
            }
            let start = columns.count
            try add(field, parentPath: [], definitionLevel: 0, repetitionLevel: 0, options: options)
            leafRanges.append(start..<columns.count)
        }
    }

    /// Appends `field`'s elements and leaves. `definitionLevel` / `repetitionLevel` are the
    /// parent's maxima: an optional node adds one definition level, a repeated node one of each.
    private mutating func add(_ field: Field, parentPath: [String], definitionLevel: Int, repetitionLevel: Int,
                              name: String? = nil, options: ParquetWriterOptions) throws {
        let name = name ?? field.name
        let path = parentPath + [name]
        let repetition: FieldRepetitionType = field.nullable ? .optional : .required
        let definition = definitionLevel + (field.nullable ? 1 : 0)

        switch field.type {
        case .structure(let children):
            guard !children.isEmpty else {
                throw ParquetError(.invalidInput, "a struct needs at least one field (Parquet has no empty groups)", column: path.joined(separator: "."))
            }
            elements.append(SchemaElement(name: name, repetitionType: repetition, numChildren: Int32(children.count)))
            for child in children {
                try add(child, parentPath: path, definitionLevel: definition, repetitionLevel: repetitionLevel, options: options)
            }
        case .list(let element):
            // The three-level LIST of the spec: <opt|req> group (LIST) { repeated group list { element } }.
            elements.append(SchemaElement(name: name, repetitionType: repetition, numChildren: 1, convertedType: .list, logicalType: .list))
            elements.append(SchemaElement(name: "list", repetitionType: .repeated, numChildren: 1))
            try add(element, parentPath: path + ["list"], definitionLevel: definition + 1, repetitionLevel: repetitionLevel + 1,
                    name: "element", options: options)
        case .map(let key, let value):
            // <opt|req> group (MAP) { repeated group key_value { required key; <opt|req> value } }.
            elements.append(SchemaElement(name: name, repetitionType: repetition, numChildren: 1, convertedType: .map, logicalType: .map))
            elements.append(SchemaElement(name: "key_value", repetitionType: .repeated, numChildren: 2))
            var requiredKey = key
            requiredKey.nullable = false
            try add(requiredKey, parentPath: path + ["key_value"], definitionLevel: definition + 1, repetitionLevel: repetitionLevel + 1,
                    name: "key", options: options)
            try add(value, parentPath: path + ["key_value"], definitionLevel: definition + 1, repetitionLevel: repetitionLevel + 1,
                    name: "value", options: options)
        default:
            var leafField = field
            leafField.name = name
            let column = ColumnDescriptor(path: path, field: leafField, maxDefinitionLevel: definition,
                                          maxRepetitionLevel: repetitionLevel, options: options)
            if case .decimal(let precision, let scale) = field.type, !(1...38).contains(precision) || scale < 0 || scale > precision {
                throw ParquetError(.invalidInput, "decimal(\(precision),\(scale)) is outside 1 ≤ precision ≤ 38, 0 ≤ scale ≤ precision", column: column.dottedPath)
            }
            elements.append(SchemaElement(name: name, type: column.physicalType, typeLength: column.typeLength.map(Int32.init),
                                          repetitionType: repetition, convertedType: column.convertedType,
                                          scale: column.decimalScale.map(Int32.init), precision: column.decimalPrecision.map(Int32.init),
                                          logicalType: column.logicalType))
            columns.append(column)
        }
    }
}

extension SchemaElement {
    init(name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetitionType: FieldRepetitionType? = nil,
         numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil, precision: Int32? = nil,
         logicalType: LogicalType? = nil) {
        self.init(name: name)
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.logicalType = logicalType
    }
}
