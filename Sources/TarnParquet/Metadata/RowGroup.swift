/// A horizontal slice of the file: one chunk per leaf column (thrift struct `RowGroup`).
public struct RowGroup: Hashable, Sendable {
    /// In the order of the schema's leaves.
    public var columns: [ColumnChunk]                      // 1: required list<ColumnChunk> columns
    /// Uncompressed bytes of all column data.
    public var totalByteSize: Int64                        // 2: required i64 total_byte_size
    public var numRows: Int64                              // 3: required i64 num_rows
    public var sortingColumns: [SortingColumn]? = nil      // 4: optional list<SortingColumn> sorting_columns
    public var fileOffset: Int64? = nil                    // 5: optional i64 file_offset
    public var totalCompressedSize: Int64? = nil           // 6: optional i64 total_compressed_size
    public var ordinal: Int16? = nil                       // 7: optional i16 ordinal

    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }
}

extension RowGroup: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, list: columns)
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        if let sortingColumns { writer.writeField(4, list: sortingColumns) }
        if let fileOffset { writer.writeField(5, i64: fileOffset) }
        if let totalCompressedSize { writer.writeField(6, i64: totalCompressedSize) }
        if let ordinal { writer.writeField(7, i16: ordinal) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var columns: [ColumnChunk]?, totalByteSize: Int64?, numRows: Int64?
        var sortingColumns: [SortingColumn]?, fileOffset: Int64?, totalCompressedSize: Int64?, ordinal: Int16?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: columns = try reader.readList(field)
            case 2: totalByteSize = try reader.readI64(field)
            case 3: numRows = try reader.readI64(field)
            case 4: sortingColumns = try reader.readList(field)
            case 5: fileOffset = try reader.readI64(field)
            case 6: totalCompressedSize = try reader.readI64(field)
            case 7: ordinal = try reader.readI16(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(columns: try requireField(columns, "columns", in: "RowGroup", reader),
                  totalByteSize: try requireField(totalByteSize, "total_byte_size", in: "RowGroup", reader),
                  numRows: try requireField(numRows, "num_rows", in: "RowGroup", reader))
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}
