/// The header before every page (thrift struct `PageHeader`); `type` says which of the
/// page-specific headers is set. Decode with `PageHeader.decodePrefix(of:)` to learn the
/// header's length.
struct PageHeader: Hashable, Sendable {
    var type: PageType                                  // 1: required PageType type
    /// Bytes after this header, before compression.
    var uncompressedPageSize: Int32                     // 2: required i32 uncompressed_page_size
    /// Bytes after this header, as stored.
    var compressedPageSize: Int32                       // 3: required i32 compressed_page_size
    /// CRC-32 (gzip polynomial) of the page bytes after the header.
    var crc: Int32? = nil                               // 4: optional i32 crc
    var dataPageHeader: DataPageHeader? = nil           // 5: optional DataPageHeader data_page_header
    /// Whether field 6 (index_page_header, an empty struct) was present.
    var hasIndexPageHeader: Bool = false                // 6: optional IndexPageHeader index_page_header
    var dictionaryPageHeader: DictionaryPageHeader? = nil // 7: optional DictionaryPageHeader dictionary_page_header
    var dataPageHeaderV2: DataPageHeaderV2? = nil       // 8: optional DataPageHeaderV2 data_page_header_v2
}

extension PageHeader: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, enum: type)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        if let crc { writer.writeField(4, i32: crc) }
        if let dataPageHeader { writer.writeField(5, struct: dataPageHeader) }
        if hasIndexPageHeader { writer.writeEmptyStructField(6) }
        if let dictionaryPageHeader { writer.writeField(7, struct: dictionaryPageHeader) }
        if let dataPageHeaderV2 { writer.writeField(8, struct: dataPageHeaderV2) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var type: PageType?, uncompressed: Int32?, compressed: Int32?, crc: Int32?
        var dataPageHeader: DataPageHeader?, hasIndexPageHeader = false
        var dictionaryPageHeader: DictionaryPageHeader?, dataPageHeaderV2: DataPageHeaderV2?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: type = try reader.readEnum(field)
            case 2: uncompressed = try reader.readI32(field)
            case 3: compressed = try reader.readI32(field)
            case 4: crc = try reader.readI32(field)
            case 5: dataPageHeader = try reader.readStruct(field)
            case 6: hasIndexPageHeader = true; try reader.skip(field.type)
            case 7: dictionaryPageHeader = try reader.readStruct(field)
            case 8: dataPageHeaderV2 = try reader.readStruct(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(type: try requireField(type, "type", in: "PageHeader", reader),
                  uncompressedPageSize: try requireField(uncompressed, "uncompressed_page_size", in: "PageHeader", reader),
                  compressedPageSize: try requireField(compressed, "compressed_page_size", in: "PageHeader", reader),
                  crc: crc, dataPageHeader: dataPageHeader, hasIndexPageHeader: hasIndexPageHeader,
                  dictionaryPageHeader: dictionaryPageHeader, dataPageHeaderV2: dataPageHeaderV2)
    }
}
