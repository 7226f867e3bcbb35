// A primitive Parquet column as a Tarn type (LogicalTypes.md). The logical type wins over
// the legacy converted type; without either the physical type decides:
//
//   BOOLEAN → boolean   INT32 → int32   INT64 → int64   FLOAT → float32   DOUBLE → float64
//   INT96 → timestamp[ns] (legacy Impala/Spark instants, read as local like Arrow does)
//   BYTE_ARRAY → binary   FIXED_LEN_BYTE_ARRAY → binary
//
// Annotations Tarn has no type for fall back to the physical mapping: ENUM reads as
// string, BSON / INTERVAL / geometry / unknown ones as binary, the null type as its
// physical type (all values null), FLOAT16 as float32.
import TarnCore

enum LeafTypeMapping {
    static func plan(for node: ParquetSchema.Node, chunkIndex: Int) throws(ParquetError) -> LeafPlan {
        let element = node.element
        let dotted = node.path.joined(separator: ".")
        guard let physical = element.type, physical.isKnown else {
            throw ParquetError(.malformed, "leaf '\(dotted)' has an unknown physical type", column: dotted)
        }
        var typeLength = 0
        if physical == .fixedLenByteArray {
            guard let length = element.typeLength, length > 0 else {
                throw ParquetError(.malformed, "FIXED_LEN_BYTE_ARRAY leaf '\(dotted)' has type_length \(element.typeLength.map(String.init) ?? "unset")", column: dotted)
            }
            typeLength = Int(length)
        }
        let (type, conversion) = try mapping(element, physical: physical, typeLength: typeLength, path: dotted)
        return LeafPlan(chunkIndex: chunkIndex, dottedPath: dotted, physicalType: physical, typeLength: typeLength,
                        maxDefinitionLevel: node.maxDefinitionLevel, maxRepetitionLevel: node.maxRepetitionLevel,
                        type: type, conversion: conversion)
    }

    private static func mapping(_ element: SchemaElement, physical: PhysicalType, typeLength: Int,
                                path: String) throws(ParquetError) -> (DataType, LeafConversion) {
        func invalid(_ annotation: String) -> ParquetError {
            ParquetError(.unsupported, "\(annotation) annotation on \(physical.name)\(physical == .fixedLenByteArray ? "(\(typeLength))" : "") is not supported", column: path)
        }
        func bytesLike(_ type: DataType) -> (DataType, LeafConversion) {
            physical == .fixedLenByteArray ? (type, .fixedToBytes) : (type, .direct)
        }
        let isBytes = physical == .byteArray || physical == .fixedLenByteArray

        // Decimal, from the logical type or the converted type's scale and precision.
        var decimal: (precision: Int, scale: Int)?
        if case let .decimal(scale, precision)? = element.logicalType {
            decimal = (Int(precision), Int(scale))
        } else if element.logicalType == nil, element.convertedType == .decimal {
            decimal = (Int(element.precision ?? 0), Int(element.scale ?? 0))
        }
        if let (precision, scale) = decimal {
            guard (1...38).contains(precision), scale >= 0, scale <= precision else {
                throw ParquetError(.unsupported, "DECIMAL(\(precision),\(scale)) is outside what Tarn holds (precision 1...38, 0 ≤ scale ≤ precision)", column: path)
            }
            let type = DataType.decimal(precision: precision, scale: scale)
            switch physical {
            case .int32: return (type, type.storage == .int32 ? .direct : .resizeInteger)
            case .int64: return (type, type.storage == .int64 ? .direct : .resizeInteger)
            case .byteArray, .fixedLenByteArray: return (type, .bigEndianDecimal)
            default: throw invalid("DECIMAL")
            }
        }

        switch element.logicalType {
        case .string?, .enum?:
            guard isBytes else { throw invalid("STRING") }
            return bytesLike(.string)
        case .json?:
            guard isBytes else { throw invalid("JSON") }
            return bytesLike(.json)
        case .date?:
            guard physical == .int32 else { throw invalid("DATE") }
            return (.date, .direct)
        case let .time(_, unit)?:
            switch (unit, physical) {
            case (.millis, .int32): return (.time(.milliseconds), .direct)
            case (.micros, .int64): return (.time(.microseconds), .direct)
            case (.nanos, .int64): return (.time(.nanoseconds), .direct)
            default: throw invalid("TIME(\(unit.name))")
            }
        case let .timestamp(utc, unit)?:
            guard physical == .int64 else { throw invalid("TIMESTAMP") }
            return (.timestamp(TimeUnit(unit), utc: utc), .direct)
        case let .integer(bitWidth, isSigned)?:
            return try integer(bitWidth: Int(bitWidth), signed: isSigned, physical: physical, invalid: invalid)
        case .uuid?:
            guard physical == .fixedLenByteArray, typeLength == 16 else { throw invalid("UUID") }
            return (.uuid, .direct)
        case .float16?:
            guard physical == .fixedLenByteArray, typeLength == 2 else { throw invalid("FLOAT16") }
            return (.float32, .float16ToFloat)
        case .map?, .list?:
            throw ParquetError(.malformed, "\(element.logicalType!.name) annotation on a primitive column", column: path)
        case .decimal?, .unknown?, .bson?, .variant?, .geometry?, .geography?, .unrecognized?:
            return physicalMapping(physical)
        case nil:
            break
        }

        switch element.convertedType {
        case .utf8?, .enum?:
            guard isBytes else { throw invalid(element.convertedType!.name) }
            return bytesLike(.string)
        case .json?:
            guard isBytes else { throw invalid("JSON") }
            return bytesLike(.json)
        case .date?:
            guard physical == .int32 else { throw invalid("DATE") }
            return (.date, .direct)
        case .timeMillis?:
            guard physical == .int32 else { throw invalid("TIME_MILLIS") }
            return (.time(.milliseconds), .direct)
        case .timeMicros?:
            guard physical == .int64 else { throw invalid("TIME_MICROS") }
            return (.time(.microseconds), .direct)
        // The converted timestamps are instants (UTC-adjusted), LogicalTypes.md.
        case .timestampMillis?:
            guard physical == .int64 else { throw invalid("TIMESTAMP_MILLIS") }
            return (.timestamp(.milliseconds, utc: true), .direct)
        case .timestampMicros?:
            guard physical == .int64 else { throw invalid("TIMESTAMP_MICROS") }
            return (.timestamp(.microseconds, utc: true), .direct)
        case .int8?: return try integer(bitWidth: 8, signed: true, physical: physical, invalid: invalid)
        case .int16?: return try integer(bitWidth: 16, signed: true, physical: physical, invalid: invalid)
        case .int32?: return try integer(bitWidth: 32, signed: true, physical: physical, invalid: invalid)
        case .int64?: return try integer(bitWidth: 64, signed: true, physical: physical, invalid: invalid)
        case .uint8?: return try integer(bitWidth: 8, signed: false, physical: physical, invalid: invalid)
        case .uint16?: return try integer(bitWidth: 16, signed: false, physical: physical, invalid: invalid)
        case .uint32?: return try integer(bitWidth: 32, signed: false, physical: physical, invalid: invalid)
        case .uint64?: return try integer(bitWidth: 64, signed: false, physical: physical, invalid: invalid)
        case .map?, .list?, .mapKeyValue?:
            throw ParquetError(.malformed, "\(element.convertedType!.name) annotation on a primitive column", column: path)
        default:
            return physicalMapping(physical)
        }
    }

    private static func integer(bitWidth: Int, signed: Bool, physical: PhysicalType,
                                invalid: (String) -> ParquetError) throws(ParquetError) -> (DataType, LeafConversion) {
        let name = "INT(\(bitWidth), \(signed ? "signed" : "unsigned"))"
        switch (bitWidth, signed, physical) {
        case (8, true, .int32): return (.int8, .direct)
        case (16, true, .int32): return (.int16, .direct)
        case (32, true, .int32): return (.int32, .direct)
        case (64, true, .int64): return (.int64, .direct)
        case (8, false, .int32): return (.uint8, .direct)
        case (16, false, .int32): return (.uint16, .direct)
        case (32, false, .int32): return (.uint32, .direct)
        case (64, false, .int64): return (.uint64, .direct)
        default: throw invalid(name)
        }
    }

    private static func physicalMapping(_ physical: PhysicalType) -> (DataType, LeafConversion) {
        switch physical {
        case .boolean: return (.boolean, .direct)
        case .int32: return (.int32, .direct)
        case .int64: return (.int64, .direct)
        case .int96: return (.timestamp(.nanoseconds, utc: false), .direct)
        case .float: return (.float32, .direct)
        case .double: return (.float64, .direct)
        case .byteArray: return (.binary, .direct)
        default: return (.binary, .fixedToBytes)
        }
    }
}

extension TimeUnit {
    init(_ unit: ParquetTimeUnit) {
        switch unit {
        case .millis: self = .milliseconds
        case .micros: self = .microseconds
        case .nanos: self = .nanoseconds
        }
    }
}
