/// Where a column chunk's pages are and how they are stored (thrift struct `ColumnMetaData`).
public struct ColumnMetaData: Hashable, Sendable {
    public var type: PhysicalType                           // 1: required Type type
    public var encodings: [Encoding]                        // 2: required list<Encoding> encodings
    public var pathInSchema: [String]                       // 3: required list<string> path_in_schema
    public var codec: CompressionCodec                      // 4: required CompressionCodec codec
    public var numValues: Int64                             // 5: required i64 num_values
    public var totalUncompressedSize: Int64                 // 6: required i64 total_uncompressed_size
    public var totalCompressedSize: Int64                   // 7: required i64 total_compressed_size
    public var keyValueMetadata: [KeyValue]? = nil          // 8: optional list<KeyValue> key_value_metadata
    public var dataPageOffset: Int64                        // 9: required i64 data_page_offset
    public var indexPageOffset: Int64? = nil                // 10: optional i64 index_page_offset
    public var dictionaryPageOffset: Int64? = nil           // 11: optional i64 dictionary_page_offset
    public var statistics: Statistics? = nil                // 12: optional Statistics statistics
    public var encodingStats: [PageEncodingStats]? = nil    // 13: optional list<PageEncodingStats> encoding_stats
    public var bloomFilterOffset: Int64? = nil              // 14: optional i64 bloom_filter_offset
    public var bloomFilterLength: Int32? = nil              // 15: optional i32 bloom_filter_length
    public var sizeStatistics: SizeStatistics? = nil        // 16: optional SizeStatistics size_statistics
    // 17: geospatial_statistics is skipped when read and never written.

    public init(type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
                numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
    }
}

extension ColumnMetaData: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, enum: type)
        writer.writeField(2, enumList: encodings)
        writer.writeField(3, stringList: pathInSchema)
        writer.writeField(4, enum: codec)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        if let keyValueMetadata { writer.writeField(8, list: keyValueMetadata) }
        writer.writeField(9, i64: dataPageOffset)
        if let indexPageOffset { writer.writeField(10, i64: indexPageOffset) }
        if let dictionaryPageOffset { writer.writeField(11, i64: dictionaryPageOffset) }
        if let statistics { writer.writeField(12, struct: statistics) }
        if let encodingStats { writer.writeField(13, list: encodingStats) }
        if let bloomFilterOffset { writer.writeField(14, i64: bloomFilterOffset) }
        if let bloomFilterLength { writer.writeField(15, i32: bloomFilterLength) }
        if let sizeStatistics { writer.writeField(16, struct: sizeStatistics) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var type: PhysicalType?, encodings: [Encoding]?, path: [String]?, codec: CompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var keyValueMetadata: [KeyValue]?, indexPageOffset: Int64?, dictionaryPageOffset: Int64?
        var statistics: Statistics?, encodingStats: [PageEncodingStats]?, bloomFilterOffset: Int64?
        var bloomFilterLength: Int32?, sizeStatistics: SizeStatistics?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: type = try reader.readEnum(field)
            case 2: encodings = try reader.readEnumList(field)
            case 3: path = try reader.readStringList(field)
            case 4: codec = try reader.readEnum(field)
            case 5: numValues = try reader.readI64(field)
            case 6: uncompressed = try reader.readI64(field)
            case 7: compressed = try reader.readI64(field)
            case 8: keyValueMetadata = try reader.readList(field)
            case 9: dataPageOffset = try reader.readI64(field)
            case 10: indexPageOffset = try reader.readI64(field)
            case 11: dictionaryPageOffset = try reader.readI64(field)
            case 12: statistics = try reader.readStruct(field)
            case 13: encodingStats = try reader.readList(field)
            case 14: bloomFilterOffset = try reader.readI64(field)
            case 15: bloomFilterLength = try reader.readI32(field)
            case 16: sizeStatistics = try reader.readStruct(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        let name = "ColumnMetaData"
        self.init(type: try requireField(type, "type", in: name, reader),
                  encodings: try requireField(encodings, "encodings", in: name, reader),
                  pathInSchema: try requireField(path, "path_in_schema", in: name, reader),
                  codec: try requireField(codec, "codec", in: name, reader),
                  numValues: try requireField(numValues, "num_values", in: name, reader),
                  totalUncompressedSize: try requireField(uncompressed, "total_uncompressed_size", in: name, reader),
                  totalCompressedSize: try requireField(compressed, "total_compressed_size", in: name, reader),
                  dataPageOffset: try requireField(dataPageOffset, "data_page_offset", in: name, reader))
        self.keyValueMetadata = keyValueMetadata
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
        self.sizeStatistics = sizeStatistics
    }
}
