/// Unencoded sizes and level histograms of a column chunk (thrift struct `SizeStatistics`).
public struct SizeStatistics: Hashable, Sendable {
    public var unencodedByteArrayDataBytes: Int64? = nil   // 1: optional i64 unencoded_byte_array_data_bytes
    public var repetitionLevelHistogram: [Int64]? = nil    // 2: optional list<i64> repetition_level_histogram
    public var definitionLevelHistogram: [Int64]? = nil    // 3: optional list<i64> definition_level_histogram

    public init() {}
}

extension SizeStatistics: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        if let unencodedByteArrayDataBytes { writer.writeField(1, i64: unencodedByteArrayDataBytes) }
        if let repetitionLevelHistogram { writer.writeField(2, i64List: repetitionLevelHistogram) }
        if let definitionLevelHistogram { writer.writeField(3, i64List: definitionLevelHistogram) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        self.init()
        try reader.readStructBegin()
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: unencodedByteArrayDataBytes = try reader.readI64(field)
            case 2: repetitionLevelHistogram = try reader.readI64List(field)
            case 3: definitionLevelHistogram = try reader.readI64List(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
    }
}
