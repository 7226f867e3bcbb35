import TarnCore
// Turns PLAIN-encoded statistics bytes into text for people, by physical + logical type.
// Encodings.md (PLAIN): little-endian ints and IEEE floats; INT96 is 8 bytes of
// nanoseconds in the day then a 4-byte Julian day; decimals in byte arrays are
// big-endian two's complement. Anything that does not fit is shown as hex.

/// Formats one statistics value of a leaf column for display.
struct StatisticsValueFormatter {
    var physicalType: PhysicalType
    var logicalType: LogicalType?
    var convertedType: ConvertedType?
    /// SchemaElement.scale, for the converted DECIMAL.
    var scale: Int32?

    init(element: SchemaElement) {
        physicalType = element.type ?? PhysicalType(rawValue: -1)
        logicalType = element.logicalType
        convertedType = element.convertedType
        scale = element.scale
    }

    init(physicalType: PhysicalType) {
        self.physicalType = physicalType
    }

    private var decimalScale: Int? {
        if case let .decimal(scale, _)? = logicalType { return Int(scale) }
        if convertedType == .decimal { return Int(scale ?? 0) }
        return nil
    }

    private var isText: Bool {
        switch logicalType {
        case .string?, .enum?, .json?: return true
        default: break
        }
        return convertedType == .utf8 || convertedType == .enum || convertedType == .json
    }

    private var isUnsigned: Bool {
        if case let .integer(_, isSigned)? = logicalType { return !isSigned }
        guard let convertedType else { return false }
        return [ConvertedType.uint8, .uint16, .uint32, .uint64].contains(convertedType)
    }

    func format(_ bytes: [UInt8]) -> String {
        formatTyped(bytes) ?? Self.hex(bytes)
    }

    private func formatTyped(_ bytes: [UInt8]) -> String? {
        switch physicalType {
        case .boolean:
            guard bytes.count == 1 else { return nil }
            return bytes[0] == 0 ? "false" : "true"
        case .int32:
            guard bytes.count == 4 else { return nil }
            let value = Int32(bitPattern: UInt32(Self.littleEndian(bytes)))
            if let scale = decimalScale { return Self.decimal(Int128(value), scale: scale) }
            if isUnsigned { return String(UInt32(bitPattern: value)) }
            if logicalType == .date || convertedType == .date { return Self.date(days: Int64(value)) }
            if case .time(_, .millis)? = logicalType { return Self.timeOfDay(Int64(value), unitsPerSecond: 1000) }
            if convertedType == .timeMillis { return Self.timeOfDay(Int64(value), unitsPerSecond: 1000) }
            return String(value)
        case .int64:
            guard bytes.count == 8 else { return nil }
            let value = Int64(bitPattern: Self.littleEndian(bytes))
            if let scale = decimalScale { return Self.decimal(Int128(value), scale: scale) }
            if isUnsigned { return String(UInt64(bitPattern: value)) }
            switch logicalType {
            case let .timestamp(utc, unit)?: return Self.timestamp(value, unitsPerSecond: unit.perSecond, utc: utc)
            case let .time(_, unit)?: return Self.timeOfDay(value, unitsPerSecond: unit.perSecond)
            default: break
            }
            if convertedType == .timestampMillis { return Self.timestamp(value, unitsPerSecond: 1000, utc: true) }
            if convertedType == .timestampMicros { return Self.timestamp(value, unitsPerSecond: 1_000_000, utc: true) }
            if convertedType == .timeMicros { return Self.timeOfDay(value, unitsPerSecond: 1_000_000) }
            return String(value)
        case .int96:
            guard bytes.count == 12 else { return nil }
            let nanosOfDay = Int64(bitPattern: Self.littleEndian(Array(bytes[0..<8])))
            let julianDay = Int64(Int32(bitPattern: UInt32(Self.littleEndian(Array(bytes[8..<12])))))
            // Julian day 2440588 is 1970-01-01.
            let (days, overflow) = (julianDay - 2_440_588).multipliedReportingOverflow(by: 86_400_000_000_000)
            guard !overflow else { return nil }
            let (nanos, overflow2) = days.addingReportingOverflow(nanosOfDay)
            guard !overflow2 else { return nil }
            return Self.timestamp(nanos, unitsPerSecond: 1_000_000_000, utc: false)
        case .float:
            guard bytes.count == 4 else { return nil }
            return "\(Float(bitPattern: UInt32(Self.littleEndian(bytes))))"
        case .double:
            guard bytes.count == 8 else { return nil }
            return "\(Double(bitPattern: Self.littleEndian(bytes)))"
        case .byteArray, .fixedLenByteArray:
            if let scale = decimalScale {
                guard let value = Self.bigEndianSigned(bytes) else { return nil }
                return Self.decimal(value, scale: scale)
            }
            if isText {
                guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
                return text
            }
            if logicalType == .uuid, bytes.count == 16 {
                let h = String(Self.hex(bytes).dropFirst(2))
                let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { r in
                    String(h[h.index(h.startIndex, offsetBy: r.lowerBound)..<h.index(h.startIndex, offsetBy: r.upperBound)])
                }
                return parts.joined(separator: "-")
            }
            if logicalType == .float16, bytes.count == 2 {
                return "\(Float(Float16Bits(UInt16(bytes[0]) | UInt16(bytes[1]) << 8).value))"
            }
            return nil
        default:
            return nil
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = "0x"
        text.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    private static func littleEndian(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for (i, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return value
    }

    /// Big-endian two's complement, up to 16 bytes.
    private static func bigEndianSigned(_ bytes: [UInt8]) -> Int128? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value: Int128 = bytes[0] >= 0x80 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int128(byte) }
        return value
    }

    static func decimal(_ value: Int128, scale: Int) -> String {
        guard scale > 0 && scale < 80 else { return String(value) }
        let negative = value < 0
        var digits = String(value.magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<point] + "." + digits[point...]
    }

    /// Days since 1970-01-01 as YYYY-MM-DD (the previews' own form).
    static func date(days: Int64) -> String { ValueText.date(days: days) }

    static func timestamp(_ value: Int64, unitsPerSecond: Int64, utc: Bool) -> String {
        let (days, rest) = floorDivide(value, unitsPerSecond * 86_400)
        return date(days: days) + "T" + timeOfDay(rest, unitsPerSecond: unitsPerSecond) + (utc ? "Z" : "")
    }

    static func timeOfDay(_ value: Int64, unitsPerSecond: Int64) -> String {
        let (seconds, fraction) = floorDivide(value, unitsPerSecond)
        var text = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        let width = unitsPerSecond == 1000 ? 3 : unitsPerSecond == 1_000_000 ? 6 : 9
        text += "." + pad(fraction, width)
        return text
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) { ValueText.floorDivide(a, b) }
    private static func pad(_ value: Int64, _ width: Int) -> String { ValueText.pad(value, width) }
}

/// IEEE 754 half precision, decoded by hand (no Float16 on every platform).
struct Float16Bits {
    var bits: UInt16
    init(_ bits: UInt16) { self.bits = bits }

    var value: Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * Float(sign: .plus, exponent: -24, significand: 1)
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

extension ParquetTimeUnit {
    var perSecond: Int64 {
        switch self {
        case .millis: return 1000
        case .micros: return 1_000_000
        case .nanos: return 1_000_000_000
        }
    }
}
