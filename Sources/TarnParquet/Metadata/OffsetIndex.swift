/// Where one data page is (thrift struct `PageLocation`).
struct PageLocation: Hashable, Sendable {
    var offset: Int64                  // 1: required i64 offset
    /// Page size including its header.
    var compressedPageSize: Int32      // 2: required i32 compressed_page_size
    /// Index within the row group of the page's first row.
    var firstRowIndex: Int64           // 3: required i64 first_row_index
}

extension PageLocation: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i64: offset)
        writer.writeField(2, i32: compressedPageSize)
        writer.writeField(3, i64: firstRowIndex)
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var offset: Int64?, size: Int32?, firstRow: Int64?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: offset = try reader.readI64(field)
            case 2: size = try reader.readI32(field)
            case 3: firstRow = try reader.readI64(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(offset: try requireField(offset, "offset", in: "PageLocation", reader),
                  compressedPageSize: try requireField(size, "compressed_page_size", in: "PageLocation", reader),
                  firstRowIndex: try requireField(firstRow, "first_row_index", in: "PageLocation", reader))
    }
}

/// The data pages of a column chunk, part of the page index (thrift struct `OffsetIndex`).
struct OffsetIndex: Hashable, Sendable {
    var pageLocations: [PageLocation]                  // 1: required list<PageLocation> page_locations
    var unencodedByteArrayDataBytes: [Int64]? = nil    // 2: optional list<i64> unencoded_byte_array_data_bytes
}

extension OffsetIndex: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, list: pageLocations)
        if let unencodedByteArrayDataBytes { writer.writeField(2, i64List: unencodedByteArrayDataBytes) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var locations: [PageLocation]?, unencoded: [Int64]?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: locations = try reader.readList(field)
            case 2: unencoded = try reader.readI64List(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(pageLocations: try requireField(locations, "page_locations", in: "OffsetIndex", reader),
                  unencodedByteArrayDataBytes: unencoded)
    }
}
