import TarnCore

/// How one leaf column is stored in Parquet: its place in the schema tree, its levels, and
/// the physical and logical types its Tarn type maps to.
struct ColumnDescriptor: Sendable {
    /// Parquet path components (`["tags", "list", "element"]`).
    var path: [String]
    /// The Tarn field of the leaf (its type decides the value conversion).
    var field: Field
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    var physicalType: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values.
    var typeLength: Int?
    var logicalType: LogicalType?
    var convertedType: ConvertedType?
    var decimalScale: Int?
    var decimalPrecision: Int?
    /// How the leaf's storage turns into physical values.
    var conversion: ValueConversion
    /// How min/max compare (`ColumnOrder` TYPE_ORDER of the spec).
    var sortOrder: SortOrder

    var dottedPath: String { path.joined(separator: ".") }
}

/// Conversions from a Tarn column's storage to the physical values written.
enum ValueConversion: Sendable, Equatable {
    /// Storage and physical layout are the same.
    case direct
    /// Unscaled decimal in Int128 → big-endian two's complement of `width` bytes.
    case decimal128ToFixed(width: Int)
    /// 16 UUID bytes → the 36-character canonical text.
    case uuidToString
    /// Time of day in milliseconds (Int32) → microseconds (Int64), the portable form.
    case timeMillisToMicros
}

/// The order min/max statistics use.
enum SortOrder: Sendable {
    case signed, unsigned
}

/// The smallest number of bytes whose two's complement holds every decimal of `precision` digits.
func decimalByteWidth(precision: Int) -> Int {
    var width = 1
    // 10^p - 1 must fit in 8*width - 1 bits.
    while Double(8 * width - 1) * 0.30102999566398120 < Double(precision) { width += 1 }
    return width
}

extension ColumnDescriptor {
    /// The physical + logical mapping of a leaf `DataType`, per the Parquet LogicalTypes spec.
    init(path: [String], field: Field, maxDefinitionLevel: Int, maxRepetitionLevel: Int, options: ParquetWriterOptions) {
        self.path = path
        self.field = field
        self.maxDefinitionLevel = maxDefinitionLevel
        self.maxRepetitionLevel = maxRepetitionLevel
        typeLength = nil
        logicalType = nil
        convertedType = nil
        decimalScale = nil
        decimalPrecision = nil
        conversion = .direct
        sortOrder = .signed

        switch field.type {
        case .boolean:
            physicalType = .boolean
        case .int8: physicalType = .int32; integer(8, signed: true, .int8)
        case .int16: physicalType = .int32; integer(16, signed: true, .int16)
        case .int32: physicalType = .int32
        case .int64: physicalType = .int64
        case .uint8: physicalType = .int32; integer(8, signed: false, .uint8)
        case .uint16: physicalType = .int32; integer(16, signed: false, .uint16)
        case .uint32: physicalType = .int32; integer(32, signed: false, .uint32)
        case .uint64: physicalType = .int64; integer(64, signed: false, .uint64)
        case .float32: physicalType = .float
        case .float64: physicalType = .double
        case .decimal(let precision, let scale):
            if precision <= 9 {
                physicalType = .int32
            } else if precision <= 18 {
                physicalType = .int64
            } else {
                physicalType = .fixedLenByteArray
                let width = decimalByteWidth(precision: precision)
                typeLength = width
                conversion = .decimal128ToFixed(width: width)
            }
            logicalType = .decimal(scale: Int32(scale), precision: Int32(precision))
            convertedType = .decimal
            decimalScale = scale
            decimalPrecision = precision
        case .string:
            physicalType = .byteArray; logicalType = .string; convertedType = .utf8; sortOrder = .unsigned
        case .json:
            physicalType = .byteArray; logicalType = .json; convertedType = .json; sortOrder = .unsigned
        case .binary:
            physicalType = .byteArray; sortOrder = .unsigned
        case .date:
            physicalType = .int32; logicalType = .date; convertedType = .date
        case .time(let unit):
            physicalType = .int64
            if unit == .nanoseconds || options.timeLogicalType {
                if unit == .milliseconds { physicalType = .int32 }
                logicalType = .time(isAdjustedToUTC: true, unit: ParquetTimeUnit(unit))
                convertedType = unit == .milliseconds ? .timeMillis : unit == .microseconds ? .timeMicros : nil
            } else if unit == .milliseconds {
                // Portable form: INT64 microseconds since midnight, no annotation.
                conversion = .timeMillisToMicros
            }
        case .timestamp(let unit, let utc):
            physicalType = .int64
            logicalType = .timestamp(isAdjustedToUTC: utc, unit: ParquetTimeUnit(unit))
            // The legacy converted types mean UTC-adjusted; local timestamps get none.
            if utc && unit != .nanoseconds { convertedType = unit == .milliseconds ? .timestampMillis : .timestampMicros }
        case .uuid:
            if options.uuidLogicalType {
                physicalType = .fixedLenByteArray; typeLength = 16; logicalType = .uuid; sortOrder = .unsigned
            } else {
                physicalType = .byteArray; logicalType = .string; convertedType = .utf8
                conversion = .uuidToString; sortOrder = .unsigned
            }
        case .list, .structure, .map:
            preconditionFailure("a leaf column cannot have nested type \(field.type)")
        }
    }

    private mutating func integer(_ bitWidth: Int, signed: Bool, _ converted: ConvertedType) {
        logicalType = .integer(bitWidth: Int8(bitWidth), isSigned: signed)
        convertedType = converted
        sortOrder = signed ? .signed : .unsigned
    }
}

extension ParquetTimeUnit {
    init(_ unit: TarnCore.TimeUnit) {
        switch unit {
        case .milliseconds: self = .millis
        case .microseconds: self = .micros
        case .nanoseconds: self = .nanos
        }
    }
}
