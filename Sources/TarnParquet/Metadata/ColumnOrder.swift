/// The order that a leaf column's min/max statistics use (thrift union `ColumnOrder`).
public enum ColumnOrder: Hashable, Sendable {
    /// The order of the column's logical type, or physical type without one.
    case typeDefinedOrder            // 1: TypeDefinedOrder TYPE_ORDER
    /// IEEE 754 totalOrder, for FLOAT, DOUBLE and FLOAT16.
    case ieee754TotalOrder           // 2: IEEE754TotalOrder IEEE_754_TOTAL_ORDER
    /// Chronological order of INT96 timestamps.
    case int96TimestampOrder         // 3: Int96TimestampOrder INT96_TIMESTAMP_ORDER
    /// A member added after this reader; readers should ignore min/max for the column.
    case unrecognized(fieldId: Int16)

    public var name: String {
        switch self {
        case .typeDefinedOrder: return "TYPE_ORDER"
        case .ieee754TotalOrder: return "IEEE_754_TOTAL_ORDER"
        case .int96TimestampOrder: return "INT96_TIMESTAMP_ORDER"
        case let .unrecognized(id): return "ColumnOrder(\(id))"
        }
    }
}

extension ColumnOrder: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .typeDefinedOrder: writer.writeEmptyStructField(1)
        case .ieee754TotalOrder: writer.writeEmptyStructField(2)
        case .int96TimestampOrder: writer.writeEmptyStructField(3)
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        let member = try reader.readUnionOfEmptyStructs(CompactField(id: 0, type: .struct), union: "ColumnOrder")
        switch member {
        case 1: self = .typeDefinedOrder
        case 2: self = .ieee754TotalOrder
        case 3: self = .int96TimestampOrder
        default: self = .unrecognized(fieldId: member)
        }
    }
}
