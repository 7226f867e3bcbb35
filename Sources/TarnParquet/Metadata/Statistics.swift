/// Min/max and counts for a column chunk or page (thrift struct `Statistics`).
///
/// Values are PLAIN-encoded without the length prefix of BYTE_ARRAY. `min`/`max` are
/// the deprecated signed-order bounds; new writers fill `minValue`/`maxValue`, ordered by
/// the column's `ColumnOrder`.
public struct Statistics: Hashable, Sendable {
    /// Deprecated: signed-order maximum.
    public var max: [UInt8]? = nil             // 1: optional binary max
    /// Deprecated: signed-order minimum.
    public var min: [UInt8]? = nil             // 2: optional binary min
    public var nullCount: Int64? = nil         // 3: optional i64 null_count
    public var distinctCount: Int64? = nil     // 4: optional i64 distinct_count
    public var maxValue: [UInt8]? = nil        // 5: optional binary max_value
    public var minValue: [UInt8]? = nil        // 6: optional binary min_value
    public var isMaxValueExact: Bool? = nil    // 7: optional bool is_max_value_exact
    public var isMinValueExact: Bool? = nil    // 8: optional bool is_min_value_exact
    public var nanCount: Int64? = nil          // 9: optional i64 nan_count

    public init() {}
}

extension Statistics: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        if let max { writer.writeField(1, binary: max) }
        if let min { writer.writeField(2, binary: min) }
        if let nullCount { writer.writeField(3, i64: nullCount) }
        if let distinctCount { writer.writeField(4, i64: distinctCount) }
        if let maxValue { writer.writeField(5, binary: maxValue) }
        if let minValue { writer.writeField(6, binary: minValue) }
        if let isMaxValueExact { writer.writeField(7, bool: isMaxValueExact) }
        if let isMinValueExact { writer.writeField(8, bool: isMinValueExact) }
        if let nanCount { writer.writeField(9, i64: nanCount) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        self.init()
        try reader.readStructBegin()
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: max = try reader.readBinary(field)
            case 2: min = try reader.readBinary(field)
            case 3: nullCount = try reader.readI64(field)
            case 4: distinctCount = try reader.readI64(field)
            case 5: maxValue = try reader.readBinary(field)
            case 6: minValue = try reader.readBinary(field)
            case 7: isMaxValueExact = try reader.readBool(field)
            case 8: isMinValueExact = try reader.readBool(field)
            case 9: nanCount = try reader.readI64(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
    }
}
