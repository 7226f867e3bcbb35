/// Header of a version 2 data page (thrift struct `DataPageHeaderV2`). Levels are
/// RLE without a length prefix and never compressed; only the values section may be.
struct DataPageHeaderV2: Hashable, Sendable {
    var numValues: Int32                       // 1: required i32 num_values
    var numNulls: Int32                        // 2: required i32 num_nulls
    var numRows: Int32                         // 3: required i32 num_rows
    var encoding: Encoding                     // 4: required Encoding encoding
    var definitionLevelsByteLength: Int32      // 5: required i32 definition_levels_byte_length
    var repetitionLevelsByteLength: Int32      // 6: required i32 repetition_levels_byte_length
    /// Absent means true.
    var isCompressed: Bool? = nil              // 7: optional bool is_compressed = true
    var statistics: Statistics? = nil          // 8: optional Statistics statistics
}

extension DataPageHeaderV2: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: numNulls)
        writer.writeField(3, i32: numRows)
        writer.writeField(4, enum: encoding)
        writer.writeField(5, i32: definitionLevelsByteLength)
        writer.writeField(6, i32: repetitionLevelsByteLength)
        if let isCompressed { writer.writeField(7, bool: isCompressed) }
        if let statistics { writer.writeField(8, struct: statistics) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var numValues: Int32?, numNulls: Int32?, numRows: Int32?, encoding: Encoding?
        var definitionLength: Int32?, repetitionLength: Int32?, isCompressed: Bool?, statistics: Statistics?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: numValues = try reader.readI32(field)
            case 2: numNulls = try reader.readI32(field)
            case 3: numRows = try reader.readI32(field)
            case 4: encoding = try reader.readEnum(field)
            case 5: definitionLength = try reader.readI32(field)
            case 6: repetitionLength = try reader.readI32(field)
            case 7: isCompressed = try reader.readBool(field)
            case 8: statistics = try reader.readStruct(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        let name = "DataPageHeaderV2"
        self.init(numValues: try requireField(numValues, "num_values", in: name, reader),
                  numNulls: try requireField(numNulls, "num_nulls", in: name, reader),
                  numRows: try requireField(numRows, "num_rows", in: name, reader),
                  encoding: try requireField(encoding, "encoding", in: name, reader),
                  definitionLevelsByteLength: try requireField(definitionLength, "definition_levels_byte_length", in: name, reader),
                  repetitionLevelsByteLength: try requireField(repetitionLength, "repetition_levels_byte_length", in: name, reader),
                  isCompressed: isCompressed, statistics: statistics)
    }
}
