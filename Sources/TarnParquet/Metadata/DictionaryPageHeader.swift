/// Header of the (at most one) dictionary page of a column chunk (thrift struct
/// `DictionaryPageHeader`).
struct DictionaryPageHeader: Hashable, Sendable {
    var numValues: Int32                       // 1: required i32 num_values
    /// PLAIN (or the deprecated PLAIN_DICTIONARY).
    var encoding: Encoding                     // 2: required Encoding encoding
    var isSorted: Bool? = nil                  // 3: optional bool is_sorted
}

extension DictionaryPageHeader: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, enum: encoding)
        if let isSorted { writer.writeField(3, bool: isSorted) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var numValues: Int32?, encoding: Encoding?, isSorted: Bool?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: numValues = try reader.readI32(field)
            case 2: encoding = try reader.readEnum(field)
            case 3: isSorted = try reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(numValues: try requireField(numValues, "num_values", in: "DictionaryPageHeader", reader),
                  encoding: try requireField(encoding, "encoding", in: "DictionaryPageHeader", reader),
                  isSorted: isSorted)
    }
}
