/// One column's data within a row group (thrift struct `ColumnChunk`).
public struct ColumnChunk: Hashable, Sendable {
    public var filePath: String? = nil                 // 1: optional string file_path
    /// Deprecated; writers set 0.
    public var fileOffset: Int64 = 0                   // 2: required i64 file_offset = 0
    /// Optional in the IDL, but every mainstream reader requires it.
    public var metaData: ColumnMetaData? = nil         // 3: optional ColumnMetaData meta_data
    public var offsetIndexOffset: Int64? = nil         // 4: optional i64 offset_index_offset
    public var offsetIndexLength: Int32? = nil         // 5: optional i32 offset_index_length
    public var columnIndexOffset: Int64? = nil         // 6: optional i64 column_index_offset
    public var columnIndexLength: Int32? = nil         // 7: optional i32 column_index_length
    /// Whether field 8 (crypto_metadata) was present; its content is not decoded.
    public var hasCryptoMetadata: Bool = false         // 8: optional ColumnCryptoMetaData crypto_metadata
    public var encryptedColumnMetadata: [UInt8]? = nil // 9: optional binary encrypted_column_metadata

    public init(metaData: ColumnMetaData? = nil) {
        self.metaData = metaData
    }
}

extension ColumnChunk: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        if let filePath { writer.writeField(1, string: filePath) }
        writer.writeField(2, i64: fileOffset)
        if let metaData { writer.writeField(3, struct: metaData) }
        if let offsetIndexOffset { writer.writeField(4, i64: offsetIndexOffset) }
        if let offsetIndexLength { writer.writeField(5, i32: offsetIndexLength) }
        if let columnIndexOffset { writer.writeField(6, i64: columnIndexOffset) }
        if let columnIndexLength { writer.writeField(7, i32: columnIndexLength) }
        if let encryptedColumnMetadata { writer.writeField(9, binary: encryptedColumnMetadata) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        self.init()
        try reader.readStructBegin()
        var sawFileOffset = false
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: filePath = try reader.readString(field)
            case 2:
                if let value = try reader.readI64(field) {
                    fileOffset = value
                    sawFileOffset = true
                }
            case 3: metaData = try reader.readStruct(field)
            case 4: offsetIndexOffset = try reader.readI64(field)
            case 5: offsetIndexLength = try reader.readI32(field)
            case 6: columnIndexOffset = try reader.readI64(field)
            case 7: columnIndexLength = try reader.readI32(field)
            case 8: hasCryptoMetadata = true; try reader.skip(field.type)
            case 9: encryptedColumnMetadata = try reader.readBinary(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        _ = try requireField(sawFileOffset ? true : nil, "file_offset", in: "ColumnChunk", reader)
    }
}
