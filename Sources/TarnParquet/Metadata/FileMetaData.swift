/// The file footer: schema, row groups and their column chunks (thrift struct `FileMetaData`).
///
/// Read one with `ParquetFooter.read(path:)`.
public struct FileMetaData: Hashable, Sendable {
    /// Writers should write 1; readers accept 1 and 2.
    public var version: Int32                                  // 1: required i32 version
    /// The schema tree flattened depth-first; element 0 is the root.
    public var schema: [SchemaElement]                         // 2: required list<SchemaElement> schema
    public var numRows: Int64                                  // 3: required i64 num_rows
    public var rowGroups: [RowGroup]                           // 4: required list<RowGroup> row_groups
    public var keyValueMetadata: [KeyValue]? = nil             // 5: optional list<KeyValue> key_value_metadata
    public var createdBy: String? = nil                        // 6: optional string created_by
    /// One per leaf column, in schema order.
    public var columnOrders: [ColumnOrder]? = nil              // 7: optional list<ColumnOrder> column_orders
    /// Set only in encrypted files with a plaintext footer.
    public var encryptionAlgorithm: EncryptionAlgorithm? = nil // 8: optional EncryptionAlgorithm encryption_algorithm
    public var footerSigningKeyMetadata: [UInt8]? = nil        // 9: optional binary footer_signing_key_metadata

    public init(version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup]) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
    }
}

extension FileMetaData: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: version)
        writer.writeField(2, list: schema)
        writer.writeField(3, i64: numRows)
        writer.writeField(4, list: rowGroups)
        if let keyValueMetadata { writer.writeField(5, list: keyValueMetadata) }
        if let createdBy { writer.writeField(6, string: createdBy) }
        if let columnOrders { writer.writeField(7, list: columnOrders) }
        if let encryptionAlgorithm { writer.writeField(8, struct: encryptionAlgorithm) }
        if let footerSigningKeyMetadata { writer.writeField(9, binary: footerSigningKeyMetadata) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var version: Int32?, schema: [SchemaElement]?, numRows: Int64?, rowGroups: [RowGroup]?
        var keyValueMetadata: [KeyValue]?, createdBy: String?, columnOrders: [ColumnOrder]?
        var encryptionAlgorithm: EncryptionAlgorithm?, footerSigningKeyMetadata: [UInt8]?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: version = try reader.readI32(field)
            case 2: schema = try reader.readList(field)
            case 3: numRows = try reader.readI64(field)
            case 4: rowGroups = try reader.readList(field)
            case 5: keyValueMetadata = try reader.readList(field)
            case 6: createdBy = try reader.readString(field)
            case 7: columnOrders = try reader.readList(field)
            case 8: encryptionAlgorithm = try reader.readStruct(field)
            case 9: footerSigningKeyMetadata = try reader.readBinary(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(version: try requireField(version, "version", in: "FileMetaData", reader),
                  schema: try requireField(schema, "schema", in: "FileMetaData", reader),
                  numRows: try requireField(numRows, "num_rows", in: "FileMetaData", reader),
                  rowGroups: try requireField(rowGroups, "row_groups", in: "FileMetaData", reader))
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.encryptionAlgorithm = encryptionAlgorithm
        self.footerSigningKeyMetadata = footerSigningKeyMetadata
    }
}
