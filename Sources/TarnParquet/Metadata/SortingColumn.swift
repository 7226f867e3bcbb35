/// The sort order of one leaf column within a row group (thrift struct `SortingColumn`).
public struct SortingColumn: Hashable, Sendable {
    public var columnIdx: Int32        // 1: required i32 column_idx
    public var descending: Bool        // 2: required bool descending
    public var nullsFirst: Bool        // 3: required bool nulls_first

    public init(columnIdx: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIdx = columnIdx
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: columnIdx)
        writer.writeField(2, bool: descending)
        writer.writeField(3, bool: nullsFirst)
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var columnIdx: Int32?, descending: Bool?, nullsFirst: Bool?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: columnIdx = try reader.readI32(field)
            case 2: descending = try reader.readBool(field)
            case 3: nullsFirst = try reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(columnIdx: try requireField(columnIdx, "column_idx", in: "SortingColumn", reader),
                  descending: try requireField(descending, "descending", in: "SortingColumn", reader),
                  nullsFirst: try requireField(nullsFirst, "nulls_first", in: "SortingColumn", reader))
    }
}
