/// How many pages of one type use one encoding (thrift struct `PageEncodingStats`).
public struct PageEncodingStats: Hashable, Sendable {
    public var pageType: PageType      // 1: required PageType page_type
    public var encoding: Encoding      // 2: required Encoding encoding
    public var count: Int32            // 3: required i32 count

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, enum: pageType)
        writer.writeField(2, enum: encoding)
        writer.writeField(3, i32: count)
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var pageType: PageType?, encoding: Encoding?, count: Int32?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: pageType = try reader.readEnum(field)
            case 2: encoding = try reader.readEnum(field)
            case 3: count = try reader.readI32(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(pageType: try requireField(pageType, "page_type", in: "PageEncodingStats", reader),
                  encoding: try requireField(encoding, "encoding", in: "PageEncodingStats", reader),
                  count: try requireField(count, "count", in: "PageEncodingStats", reader))
    }
}
