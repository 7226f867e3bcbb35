/// The unit of a `TIME` or `TIMESTAMP` logical type.
///
/// Thrift union `ParquetTimeUnit` of empty structs: 1 MILLIS, 2 MICROS, 3 NANOS.
public enum ParquetTimeUnit: Hashable, Sendable {
    case millis
    case micros
    case nanos

    /// The spec's spelling.
    public var name: String {
        switch self {
        case .millis: return "MILLIS"
        case .micros: return "MICROS"
        case .nanos: return "NANOS"
        }
    }

    var fieldId: Int16 {
        switch self {
        case .millis: return 1
        case .micros: return 2
        case .nanos: return 3
        }
    }

    init(fieldId: Int16, _ reader: CompactReader) throws(ParquetError) {
        switch fieldId {
        case 1: self = .millis
        case 2: self = .micros
        case 3: self = .nanos
        default: throw reader.malformed("unknown ParquetTimeUnit member \(fieldId)")
        }
    }
}

/// A column's logical type annotation: thrift union `LogicalType` (parquet.thrift,
/// LogicalTypes.md). Members not known to this version decode as `unrecognized`.
public enum LogicalType: Hashable, Sendable {
    case string                                         // 1: StringType
    case map                                            // 2: MapType
    case list                                           // 3: ListType
    case `enum`                                         // 4: EnumType
    case decimal(scale: Int32, precision: Int32)        // 5: DecimalType
    case date                                           // 6: DateType
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)    // 7: TimeType
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit) // 8: TimestampType
    case integer(bitWidth: Int8, isSigned: Bool)        // 10: IntType
    /// Always null (`NullType`, spelled UNKNOWN in the spec).
    case unknown                                        // 11: NullType
    case json                                           // 12: JsonType
    case bson                                           // 13: BsonType
    case uuid                                           // 14: UUIDType
    case float16                                        // 15: Float16Type
    case variant(specificationVersion: Int8?)           // 16: VariantType
    case geometry(crs: String?)                         // 17: GeometryType
    case geography(crs: String?, algorithm: Int32?)     // 18: GeographyType
    /// A union member added after this reader was written; its content is skipped.
    case unrecognized(fieldId: Int16)

    /// The spec's spelling, with parameters: `DECIMAL(10,2)`, `TIMESTAMP(MICROS,true)`.
    public var name: String {
        switch self {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case let .decimal(scale, precision): return "DECIMAL(\(precision),\(scale))"
        case .date: return "DATE"
        case let .time(utc, unit): return "TIME(\(unit.name),\(utc))"
        case let .timestamp(utc, unit): return "TIMESTAMP(\(unit.name),\(utc))"
        case let .integer(bitWidth, isSigned): return "INTEGER(\(bitWidth),\(isSigned))"
        case .unknown: return "UNKNOWN"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .variant: return "VARIANT"
        case let .geometry(crs): return crs.map { "GEOMETRY(\($0))" } ?? "GEOMETRY"
        case let .geography(crs, _): return crs.map { "GEOGRAPHY(\($0))" } ?? "GEOGRAPHY"
        case let .unrecognized(id): return "LogicalType(\(id))"
        }
    }
}

extension LogicalType: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .string: writer.writeEmptyStructField(1)
        case .map: writer.writeEmptyStructField(2)
        case .list: writer.writeEmptyStructField(3)
        case .enum: writer.writeEmptyStructField(4)
        case let .decimal(scale, precision):
            writer.writeFieldHeader(.struct, id: 5)
            writer.writeStructBegin()
            writer.writeField(1, i32: scale)
            writer.writeField(2, i32: precision)
            writer.writeStructEnd()
        case .date: writer.writeEmptyStructField(6)
        case let .time(utc, unit), let .timestamp(utc, unit):
            writer.writeFieldHeader(.struct, id: { if case .time = self { return 7 } else { return 8 } }())
            writer.writeStructBegin()
            writer.writeField(1, bool: utc)
            writer.writeFieldHeader(.struct, id: 2)
            writer.writeStructBegin()
            writer.writeEmptyStructField(unit.fieldId)
            writer.writeStructEnd()
            writer.writeStructEnd()
        case let .integer(bitWidth, isSigned):
            writer.writeFieldHeader(.struct, id: 10)
            writer.writeStructBegin()
            writer.writeField(1, i8: bitWidth)
            writer.writeField(2, bool: isSigned)
            writer.writeStructEnd()
        case .unknown: writer.writeEmptyStructField(11)
        case .json: writer.writeEmptyStructField(12)
        case .bson: writer.writeEmptyStructField(13)
        case .uuid: writer.writeEmptyStructField(14)
        case .float16: writer.writeEmptyStructField(15)
        case let .variant(version):
            writer.writeFieldHeader(.struct, id: 16)
            writer.writeStructBegin()
            if let version { writer.writeField(1, i8: version) }
            writer.writeStructEnd()
        case let .geometry(crs):
            writer.writeFieldHeader(.struct, id: 17)
            writer.writeStructBegin()
            if let crs { writer.writeField(1, string: crs) }
            writer.writeStructEnd()
        case let .geography(crs, algorithm):
            writer.writeFieldHeader(.struct, id: 18)
            writer.writeStructBegin()
            if let crs { writer.writeField(1, string: crs) }
            if let algorithm { writer.writeField(2, i32: algorithm) }
            writer.writeStructEnd()
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var result: LogicalType?
        while let field = try reader.readFieldHeader() {
            // A union has one member; any further ones are skipped.
            guard result == nil, field.type == .struct else {
                try reader.skip(field.type)
                continue
            }
            result = try Self.readMember(field.id, &reader)
        }
        reader.readStructEnd()
        self = try requireField(result, "member", in: "LogicalType", reader)
    }

    private static func readMember(_ id: Int16, _ reader: inout CompactReader) throws(ParquetError) -> LogicalType {
        try reader.readStructBegin()
        defer { reader.readStructEnd() }
        var scale: Int32?, precision: Int32?, flag: Bool?, unit: ParquetTimeUnit?, bitWidth: Int8?
        var text: String?, number: Int32?, version: Int8?
        while let field = try reader.readFieldHeader() {
            switch (id, field.id) {
            case (5, 1): scale = try reader.readI32(field)
            case (5, 2): precision = try reader.readI32(field)
            case (7, 1), (8, 1): flag = try reader.readBool(field)
            case (7, 2), (8, 2):
                unit = try ParquetTimeUnit(fieldId: try reader.readUnionOfEmptyStructs(field, union: "ParquetTimeUnit"), reader)
            case (10, 1): bitWidth = try reader.readI8(field)
            case (10, 2): flag = try reader.readBool(field)
            case (16, 1): version = try reader.readI8(field)
            case (17, 1), (18, 1): text = try reader.readString(field)
            case (18, 2): number = try reader.readI32(field)
            default: try reader.skip(field.type)
            }
        }
        switch id {
        case 1: return .string
        case 2: return .map
        case 3: return .list
        case 4: return .enum
        case 5:
            return .decimal(scale: try requireField(scale, "scale", in: "DecimalType", reader),
                            precision: try requireField(precision, "precision", in: "DecimalType", reader))
        case 6: return .date
        case 7, 8:
            let utc = try requireField(flag, "isAdjustedToUTC", in: id == 7 ? "TimeType" : "TimestampType", reader)
            let unit = try requireField(unit, "unit", in: id == 7 ? "TimeType" : "TimestampType", reader)
            return id == 7 ? .time(isAdjustedToUTC: utc, unit: unit) : .timestamp(isAdjustedToUTC: utc, unit: unit)
        case 10:
            return .integer(bitWidth: try requireField(bitWidth, "bitWidth", in: "IntType", reader),
                            isSigned: try requireField(flag, "isSigned", in: "IntType", reader))
        case 11: return .unknown
        case 12: return .json
        case 13: return .bson
        case 14: return .uuid
        case 15: return .float16
        case 16: return .variant(specificationVersion: version)
        case 17: return .geometry(crs: text)
        case 18: return .geography(crs: text, algorithm: number)
        default: return .unrecognized(fieldId: id)
        }
    }
}
