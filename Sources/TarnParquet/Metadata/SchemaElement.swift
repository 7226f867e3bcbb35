/// One node of the schema tree, flattened depth-first (thrift struct `SchemaElement`).
///
/// A group has `numChildren` and no `type`; a leaf has `type` and no `numChildren`.
/// The first element is the root, which has no `repetitionType`.
public struct SchemaElement: Hashable, Sendable {
    public var type: PhysicalType? = nil                   // 1: optional Type type
    public var typeLength: Int32? = nil                    // 2: optional i32 type_length
    public var repetitionType: FieldRepetitionType? = nil  // 3: optional FieldRepetitionType repetition_type
    public var name: String                                // 4: required string name
    public var numChildren: Int32? = nil                   // 5: optional i32 num_children
    public var convertedType: ConvertedType? = nil         // 6: optional ConvertedType converted_type
    public var scale: Int32? = nil                         // 7: optional i32 scale
    public var precision: Int32? = nil                     // 8: optional i32 precision
    public var fieldId: Int32? = nil                       // 9: optional i32 field_id
    public var logicalType: LogicalType? = nil             // 10: optional LogicalType logicalType
    public var vectorLength: Int32? = nil                  // 11: optional i32 vector_length

    public init(name: String) {
        self.name = name
    }
}

extension SchemaElement: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        if let type { writer.writeField(1, enum: type) }
        if let typeLength { writer.writeField(2, i32: typeLength) }
        if let repetitionType { writer.writeField(3, enum: repetitionType) }
        writer.writeField(4, string: name)
        if let numChildren { writer.writeField(5, i32: numChildren) }
        if let convertedType { writer.writeField(6, enum: convertedType) }
        if let scale { writer.writeField(7, i32: scale) }
        if let precision { writer.writeField(8, i32: precision) }
        if let fieldId { writer.writeField(9, i32: fieldId) }
        if let logicalType { writer.writeField(10, struct: logicalType) }
        if let vectorLength { writer.writeField(11, i32: vectorLength) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var name: String?
        var element = SchemaElement(name: "")
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: element.type = try reader.readEnum(field)
            case 2: element.typeLength = try reader.readI32(field)
            case 3: element.repetitionType = try reader.readEnum(field)
            case 4: name = try reader.readString(field)
            case 5: element.numChildren = try reader.readI32(field)
            case 6: element.convertedType = try reader.readEnum(field)
            case 7: element.scale = try reader.readI32(field)
            case 8: element.precision = try reader.readI32(field)
            case 9: element.fieldId = try reader.readI32(field)
            case 10: element.logicalType = try reader.readStruct(field)
            case 11: element.vectorLength = try reader.readI32(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        element.name = try requireField(name, "name", in: "SchemaElement", reader)
        self = element
    }
}
