/// One key-value metadata entry (thrift struct `KeyValue`).
public struct KeyValue: Hashable, Sendable {
    public var key: String                 // 1: required string key
    public var value: String? = nil        // 2: optional string value

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, string: key)
        if let value { writer.writeField(2, string: value) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var key: String?, value: String?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: key = try reader.readString(field)
            case 2: value = try reader.readString(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        self.init(key: try requireField(key, "key", in: "KeyValue", reader), value: value)
    }
}
