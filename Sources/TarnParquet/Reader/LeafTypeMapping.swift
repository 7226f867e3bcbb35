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

        // One annotation: the logical type, else the legacy converted type it stands for.
        let annotation = element.logicalType ?? element.convertedType.flatMap { legacyAnnotation($0, element) }
        if case let .decimal(scale32, precision32)? = annotation {
            let precision = Int(precision32), scale = Int(scale32)
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

        switch annotation {
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
            let name = element.logicalType == nil ? element.convertedType!.name : annotation!.name
            throw ParquetError(.malformed, "\(name) annotation on a primitive column", column: path)
        case .decimal?, .unknown?, .bson?, .variant?, .geometry?, .geography?, .unrecognized?, nil:
            return physicalMapping(physical)
        }
    }

    /// The logical type a legacy converted type stands for (LogicalTypes.md, "Backward
    /// compatibility"): the converted times and timestamps are UTC-adjusted; nil for those
    /// without one (INTERVAL, unknown values), which read as their physical type.
    private static func legacyAnnotation(_ converted: ConvertedType, _ element: SchemaElement) -> LogicalType? {
        switch converted {
        case .utf8: return .string
        case .enum: return .enum
        case .json: return .json
        case .bson: return .bson
        case .date: return .date
        case .map, .mapKeyValue: return .map
        case .list: return .list
        case .decimal: return .decimal(scale: element.scale ?? 0, precision: element.precision ?? 0)
        case .timeMillis: return .time(isAdjustedToUTC: true, unit: .millis)
        case .timeMicros: return .time(isAdjustedToUTC: true, unit: .micros)
        case .timestampMillis: return .timestamp(isAdjustedToUTC: true, unit: .millis)
        case .timestampMicros: return .timestamp(isAdjustedToUTC: true, unit: .micros)
        case .int8: return .integer(bitWidth: 8, isSigned: true)
        case .int16: return .integer(bitWidth: 16, isSigned: true)
        case .int32: return .integer(bitWidth: 32, isSigned: true)
        case .int64: return .integer(bitWidth: 64, isSigned: true)
        case .uint8: return .integer(bitWidth: 8, isSigned: false)
        case .uint16: return .integer(bitWidth: 16, isSigned: false)
        case .uint32: return .integer(bitWidth: 32, isSigned: false)
        case .uint64: return .integer(bitWidth: 64, isSigned: false)
        default: return nil
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
