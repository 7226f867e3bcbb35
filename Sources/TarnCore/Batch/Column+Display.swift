// Values as text for people, the way DuckDB and pyarrow previews print them:
//
//   null        NULL at the top, null inside lists, structs and maps
//   integers    -12, 18446744073709551615 (unsigned types from their bit pattern)
//   decimals    123.45 (the unscaled integer with `scale` digits after the point)
//   floats      shortest text that reads back to the same value: 0.1, 1e-05, inf, nan
//   date        2024-11-30 (proleptic Gregorian, days since 1970-01-01)
//   time        12:34:56, 12:34:56.123456 (fraction at the unit's width when not zero)
//   timestamp   2024-11-30 12:34:56.123456, with Z when UTC-adjusted
//   uuid        123e4567-e89b-12d3-a456-426614174000
//   string      as is (invalid UTF-8 shows U+FFFD); binary as DuckDB prints blobs: \xAB
//   list        [1, 2, null]     struct {a: 1, b: x}     map {k: v}
//
// Only a preview calls this, one value at a time, so building a String per value is fine.

extension Column {
    /// The value of `row` as text (see the file comment for each type's form). `type` is
    /// the column's field type in its batch's schema.
    public func displayValue(at row: Int, type: DataType) -> String {
        var text = ""
        appendDisplayValue(at: row, type: type, nested: false, to: &text)
        return text
    }

    private func appendDisplayValue(at row: Int, type: DataType, nested: Bool, to text: inout String) {
        precondition(row >= 0 && row < count, "row \(row) is outside the column's \(count) rows")
        if isNull(row) {
            text += nested ? "null" : "NULL"
            return
        }
        switch (type, values) {
        case (.boolean, .boolean(let bits)):
            text += bits[row] ? "true" : "false"
        case (.uint8, .int32(let v)), (.uint16, .int32(let v)), (.uint32, .int32(let v)):
            text += String(UInt32(bitPattern: v[row]))
        case (.uint64, .int64(let v)):
            text += String(UInt64(bitPattern: v[row]))
        case (.decimal(_, let scale), .int32(let v)):
            text += ValueText.decimal(Int128(v[row]), scale: scale)
        case (.decimal(_, let scale), .int64(let v)):
            text += ValueText.decimal(Int128(v[row]), scale: scale)
        case (.decimal(_, let scale), .int128(let v)):
            text += ValueText.decimal(v[row], scale: scale)
        case (.date, .int32(let v)):
            text += ValueText.date(days: Int64(v[row]))
        case (.time(let unit), .int32(let v)):
            text += ValueText.timeOfDay(Int64(v[row]), unit: unit)
        case (.time(let unit), .int64(let v)):
            text += ValueText.timeOfDay(v[row], unit: unit)
        case (.timestamp(let unit, let utc), .int64(let v)):
            text += ValueText.timestamp(v[row], unit: unit, utc: utc)
        case (.uuid, .fixedBytes(let width, let data)) where width == 16:
            text += ValueText.uuid(data[(row * 16)..<(row * 16 + 16)])
        case (.binary, .bytes(let offsets, let data)):
            text += ValueText.blob(data[Int(offsets[row])..<Int(offsets[row + 1])])
        case (.list(let element), .list(let offsets, let child)):
            text += "["
            for (k, i) in (Int(offsets[row])..<Int(offsets[row + 1])).enumerated() {
                if k > 0 { text += ", " }
                child.appendDisplayValue(at: i, type: element.type, nested: true, to: &text)
            }
            text += "]"
        case (.structure(let fields), .structure(let children)):
            text += "{"
            for (k, (field, child)) in zip(fields, children).enumerated() {
                if k > 0 { text += ", " }
                text += field.name + ": "
                child.appendDisplayValue(at: row, type: field.type, nested: true, to: &text)
            }
            text += "}"
        case (.map(let keyField, let valueField), .map(let offsets, let keys, let items)):
            text += "{"
            for (k, i) in (Int(offsets[row])..<Int(offsets[row + 1])).enumerated() {
                if k > 0 { text += ", " }
                keys.appendDisplayValue(at: i, type: keyField.type, nested: true, to: &text)
                text += ": "
                items.appendDisplayValue(at: i, type: valueField.type, nested: true, to: &text)
            }
            text += "}"
        default:
            // The type's own storage when it matches none of the special cases above.
            appendStorageValue(at: row, to: &text)
        }
    }

    /// The value by storage alone: signed integers, floats, text, bytes as hex.
    private func appendStorageValue(at row: Int, to text: inout String) {
        switch values {
        case .boolean(let bits): text += bits[row] ? "true" : "false"
        case .int32(let v): text += String(v[row])
        case .int64(let v): text += String(v[row])
        case .int128(let v): text += String(v[row])
        case .float32(let v): text += v[row].description
        case .float64(let v): text += v[row].description
        case .bytes(let offsets, let data): text += String(decoding: data[Int(offsets[row])..<Int(offsets[row + 1])], as: UTF8.self)
        case .fixedBytes(let width, let data): text += ValueText.blob(data[(row * width)..<(row * width + width)])
        case .list, .structure, .map: text += "?"
        }
    }
}

/// Text forms of temporal, decimal and byte values, shared by previews and by the
/// footer's statistics (TarnParquet).
public enum ValueText {
    static func decimal(_ unscaled: Int128, scale: Int) -> String {
        var digits = String(unscaled.magnitude)
        guard scale > 0 else {
            return (unscaled < 0 ? "-" : "") + digits + (scale < 0 ? String(repeating: "0", count: -scale) : "")
        }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (unscaled < 0 ? "-" : "") + digits[..<point] + "." + digits[point...]
    }

    /// Days since 1970-01-01 as YYYY-MM-DD (proleptic Gregorian; years past 9999 or before
    /// year 0 keep all their digits and a sign).
    public static func date(days: Int64) -> String {
        let (year, month, day) = civil(days: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The civil date of a day count, by the era / day-of-era decomposition (eras of 400
    /// years = 146097 days, years counted from March so the leap day comes last).
    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func timeOfDay(_ value: Int64, unit: TimeUnit) -> String {
        let (seconds, fraction) = floorDivide(value, unit.perSecond)
        var text = pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, unit.fractionDigits) }
        return text
    }

    static func timestamp(_ value: Int64, unit: TimeUnit, utc: Bool) -> String {
        let (days, rest) = floorDivide(value, unit.perSecond * 86_400)
        return date(days: days) + " " + timeOfDay(rest, unit: unit) + (utc ? "Z" : "")
    }

    static func uuid(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Printable ASCII as is, everything else (and the backslash) as `\xHH`, as DuckDB shows BLOBs.
    static func blob(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        text.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.append(Character(Unicode.Scalar(byte)))
            } else {
                text += "\\x"
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
        return text
    }

    /// Quotient and remainder rounding toward minus infinity (times before 1970).
    public static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b, r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    /// Zero-padded to `width` digits, a sign in front when negative.
    public static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}

extension TimeUnit {
    /// Digits of a fraction of a second in this unit: 3, 6 or 9.
    var fractionDigits: Int {
        switch self {
        case .milliseconds: return 3
        case .microseconds: return 6
        case .nanoseconds: return 9
        }
    }
}
