// The Tarn schema of a Parquet file, from its footer alone, per LogicalTypes.md:
//
//   LIST:  <opt|req> group (LIST) { repeated group list { <opt|req> element } }
//          (older shapes: a repeated leaf, a repeated group of several fields, or one
//          named `array` / `<name>_tuple`, is itself the required element)
//   MAP:   <opt|req> group (MAP | MAP_KEY_VALUE) { repeated group key_value { required key; value } }
//   other group → struct;  a repeated field outside a LIST / MAP → a required list of it
//   leaves: the logical type, else the converted type, else the physical type
//
// TarnParquet's `ParquetFileReader(path:).schema` (branch `preader`) will do the same for
// the whole reader; when it is on main, `parquetSchema(of:)` becomes a call to it.
import TarnCore
import TarnParquet

/// The Tarn schema of the Parquet file at `path`, read from its footer.
func parquetSchema(of path: String) throws -> Schema {
    let (_, tree) = try ParquetFooter.readValidated(path: path)
    return try parquetSchema(from: tree)
}

/// The Tarn schema of a footer's schema tree.
func parquetSchema(from tree: ParquetSchema) throws -> Schema {
    Schema(try tree.root.children.map { try ParquetSchemaMapping.field($0, asElement: false) })
}

enum ParquetSchemaMapping {
    static func field(_ node: ParquetSchema.Node, asElement: Bool) throws -> Field {
        let element = node.element
        let name = element.name
        if element.repetitionType == .repeated && !asElement {
            let inner = try field(node, asElement: true)
            return Field(name, .list(Field("element", inner.type, nullable: false)), nullable: false)
        }
        let nullable = !asElement && element.repetitionType == .optional
        if node.isLeaf {
            return Field(name, try leafType(element, path: node.path), nullable: nullable)
        }
        guard !node.children.isEmpty else {
            throw ParquetError(.unsupported, "group '\(node.path.joined(separator: "."))' has no fields", column: node.path.joined(separator: "."))
        }
        let isList = element.logicalType == .list || element.convertedType == .list
        let isMap = element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
        if isList, node.children.count == 1, let repeated = node.children.first, repeated.element.repetitionType == .repeated {
            let item: Field
            if !repeated.isLeaf, repeated.children.count == 1, repeated.element.name != "array", repeated.element.name != name + "_tuple" {
                item = try field(repeated.children[0], asElement: false)
            } else {
                item = try field(repeated, asElement: true)
            }
            return Field(name, .list(Field("element", item.type, nullable: item.nullable)), nullable: nullable)
        }
        if isMap, node.children.count == 1, let entries = node.children.first, !entries.isLeaf, (1...2).contains(entries.children.count) {
            let key = try field(entries.children[0], asElement: false)
            if entries.children.count == 1 {
                return Field(name, .list(Field("element", key.type, nullable: false)), nullable: nullable)
            }
            let value = try field(entries.children[1], asElement: false)
            return Field(name, .map(key: Field("key", key.type, nullable: false), value: Field("value", value.type, nullable: value.nullable)),
                         nullable: nullable)
        }
        return Field(name, .structure(try node.children.map { try field($0, asElement: false) }), nullable: nullable)
    }

    static func leafType(_ element: SchemaElement, path: [String]) throws -> DataType {
        let physical = element.type ?? .byteArray
        if let logical = element.logicalType {
            switch logical {
            case .string, .enum: return .string
            case .json: return .json
            case .bson: return .binary
            case .uuid: return .uuid
            case .date: return .date
            case .float16: return .float32
            case .decimal(let scale, let precision): return .decimal(precision: Int(precision), scale: Int(scale))
            case .integer(let bits, let signed):
                switch (bits, signed) {
                case (8, true): return .int8
                case (16, true): return .int16
                case (32, true): return .int32
                case (64, true): return .int64
                case (8, false): return .uint8
                case (16, false): return .uint16
                case (32, false): return .uint32
                default: return .uint64
                }
            case .time(_, let unit): return .time(TimeUnit(unit))
            case .timestamp(let utc, let unit): return .timestamp(TimeUnit(unit), utc: utc)
            default: break   // unknown / null, variant, geometry…: by the physical type
            }
        }
        if let converted = element.convertedType {
            switch converted {
            case .utf8, .enum: return .string
            case .json: return .json
            case .bson: return .binary
            case .date: return .date
            case .decimal: return .decimal(precision: Int(element.precision ?? 38), scale: Int(element.scale ?? 0))
            case .timeMillis: return .time(.milliseconds)
            case .timeMicros: return .time(.microseconds)
            case .timestampMillis: return .timestamp(.milliseconds, utc: true)
            case .timestampMicros: return .timestamp(.microseconds, utc: true)
            case .int8: return .int8
            case .int16: return .int16
            case .int32: return .int32
            case .int64: return .int64
            case .uint8: return .uint8
            case .uint16: return .uint16
            case .uint32: return .uint32
            case .uint64: return .uint64
            default: break
            }
        }
        switch physical {
        case .boolean: return .boolean
        case .int32: return .int32
        case .int64: return .int64
        // Spark's legacy timestamps: nanoseconds without a zone, as Arrow reads them.
        case .int96: return .timestamp(.nanoseconds, utc: false)
        case .float: return .float32
        case .double: return .float64
        case .byteArray, .fixedLenByteArray: return .binary
        default:
            throw ParquetError(.unsupported, "leaf '\(path.joined(separator: "."))' has unknown physical type \(physical.name)", column: path.joined(separator: "."))
        }
    }
}

extension TimeUnit {
    init(_ unit: ParquetTimeUnit) {
        switch unit {
        case .millis: self = .milliseconds
        case .micros: self = .microseconds
        case .nanos: self = .nanoseconds
        }
    }
}
