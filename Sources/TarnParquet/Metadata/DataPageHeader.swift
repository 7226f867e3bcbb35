/// Header of a version 1 data page (thrift struct `DataPageHeader`).
struct DataPageHeader: Hashable, Sendable {
    /// Values including nulls.
    var numValues: Int32                       // 1: required i32 num_values
    var encoding: Encoding                     // 2: required Encoding encoding
    var definitionLevelEncoding: Encoding      // 3: required Encoding definition_level_encoding
    var repetitionLevelEncoding: Encoding      // 4: required Encoding repetition_level_encoding
    var statistics: Statistics? = nil          // 5: optional Statistics statistics
}

extension DataPageHeader: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, enum: encoding)
        writer.writeField(3, enum: definitionLevelEncoding)
        writer.writeField(4, enum: repetitionLevelEncoding)
        if let statistics { writer.writeField(5, struct: statistics) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var numValues: Int32?, encoding: Encoding?, definition: Encoding?, repetition: Encoding?
        var statistics: Statistics?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: numValues = try reader.readI32(field)
            case 2: encoding = try reader.readEnum(field)
            case 3: definition = try reader.readEnum(field)
            case 4: repetition = try reader.readEnum(field)
            case 5: statistics = try reader.readStruct(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        let name = "DataPageHeader"
        self.init(numValues: try requireField(numValues, "num_values", in: name, reader),
                  encoding: try requireField(encoding, "encoding", in: name, reader),
                  definitionLevelEncoding: try requireField(definition, "definition_level_encoding", in: name, reader),
                  repetitionLevelEncoding: try requireField(repetition, "repetition_level_encoding", in: name, reader),
                  statistics: statistics)
    }
}
