/// A date or timestamp layout given by the user (`--date-format`, `--timestamp-format`), in
/// the strftime / strptime spelling most tools share:
///
///   %Y  four-digit year          %y  two-digit year (69–99 → 19xx, 00–68 → 20xx)
///   %m  month 1–12 (1 or 2 digits)  %d  day 1–31 (1 or 2 digits)
///   %b  month name, English, 3 letters or full (Jan, January; any case)
///   %H  hour 0–23               %I  hour 1–12 with %p (AM / PM)
///   %M  minute                  %S  second
///   %f  fraction of a second, 1–9 digits (kept to microseconds)
///   %z  zone offset: Z, +HH, +HHMM, +HH:MM (the value is then UTC)
///   %%  a percent sign; any other character matches itself
///
/// Compiled once; parsing reads bytes directly, as the ISO parsers in `ValueParsing` do.
public struct TemporalFormat: Sendable, Equatable, CustomStringConvertible {
    enum Piece: Sendable, Equatable {
        case literal(UInt8)
        case year4, year2, month, monthName, day, hour24, hour12, amPM, minute, second, fraction, zone
    }

    let pieces: [Piece]
    public let description: String

    public init(_ format: String) throws(IngestError) {
        var pieces: [Piece] = []
        var bytes = Array(format.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else { pieces.append(.literal(byte)); continue }
            guard let code = bytes.popFirst() else { throw IngestError(.malformed, "the format '\(format)' ends with a lone %") }
            switch code {
            case UInt8(ascii: "Y"): pieces.append(.year4)
            case UInt8(ascii: "y"): pieces.append(.year2)
            case UInt8(ascii: "m"): pieces.append(.month)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): pieces.append(.monthName)
            case UInt8(ascii: "d"): pieces.append(.day)
            case UInt8(ascii: "H"): pieces.append(.hour24)
            case UInt8(ascii: "I"): pieces.append(.hour12)
            case UInt8(ascii: "p"): pieces.append(.amPM)
            case UInt8(ascii: "M"): pieces.append(.minute)
            case UInt8(ascii: "S"): pieces.append(.second)
            case UInt8(ascii: "f"): pieces.append(.fraction)
            case UInt8(ascii: "z"): pieces.append(.zone)
            case UInt8(ascii: "%"): pieces.append(.literal(code))
            default: throw IngestError(.malformed, "the format '\(format)' uses %\(Character(Unicode.Scalar(code))), which Tarn does not know (see tarn convert --help)")
            }
        }
        guard pieces.contains(where: { $0 == .year4 || $0 == .year2 }), pieces.contains(where: { $0 == .month || $0 == .monthName }),
              pieces.contains(.day) else {
            throw IngestError(.malformed, "the format '\(format)' needs a year (%Y or %y), a month (%m or %b) and a day (%d)")
        }
        self.pieces = pieces
        description = format
    }

    /// Days since 1970-01-01, when `bytes` is a date in this format with no time fields.
    public func date(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let parsed = parse(bytes), parsed.micros == 0, !parsed.hasZone, !parsed.hasTime else { return nil }
        return Int32(exactly: parsed.days)
    }

    /// Microseconds since the epoch (UTC when the format has %z), and whether a zone was read.
    public func timestamp(_ bytes: UnsafeRawBufferPointer) -> (micros: Int64, hasZone: Bool)? {
        guard let parsed = parse(bytes) else { return nil }
        return (Int64(parsed.days) * 86_400_000_000 + parsed.micros - parsed.offsetMicros, parsed.hasZone)
    }

    private struct Parsed {
        var days: Int
        var micros: Int64
        var hasTime: Bool
        var hasZone: Bool
        var offsetMicros: Int64
    }

    private func parse(_ bytes: UnsafeRawBufferPointer) -> Parsed? {
        var i = 0
        let n = bytes.count
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var micros: Int64 = 0
        var pm: Bool?
        var hasTime = false, hasZone = false
        var offset: Int64 = 0

        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var value = 0, count = 0
            while count < maxDigits, i < n, bytes[i] >= 48, bytes[i] <= 57 {
                value = value * 10 + Int(bytes[i] - 48)
                i += 1; count += 1
            }
            return count >= minDigits ? value : nil
        }

        for piece in pieces {
            switch piece {
            case .literal(let byte):
                guard i < n, bytes[i] == byte else { return nil }
                i += 1
            case .year4: guard let v = number(4, 4) else { return nil }; year = v
            case .year2: guard let v = number(2, 2) else { return nil }; year = v >= 69 ? 1900 + v : 2000 + v
            case .month: guard let v = number(1, 2) else { return nil }; month = v
            case .day: guard let v = number(1, 2) else { return nil }; day = v
            case .hour24: guard let v = number(1, 2), v <= 23 else { return nil }; hour = v; hasTime = true
            case .hour12: guard let v = number(1, 2), (1...12).contains(v) else { return nil }; hour = v; hasTime = true
            case .minute: guard let v = number(2, 2), v <= 59 else { return nil }; minute = v; hasTime = true
            case .second: guard let v = number(2, 2), v <= 59 else { return nil }; second = v; hasTime = true
            case .fraction:
                var digits = 0
                var value: Int64 = 0
                while i < n, bytes[i] >= 48, bytes[i] <= 57, digits < 9 {
                    if digits < 6 { value = value * 10 + Int64(bytes[i] - 48) }
                    i += 1; digits += 1
                }
                guard digits > 0 else { return nil }
                while digits < 6 { value *= 10; digits += 1 }
                micros = value
                hasTime = true
            case .amPM:
                guard i + 2 <= n else { return nil }
                let a = bytes[i] | 0x20, m = bytes[i + 1] | 0x20
                guard m == UInt8(ascii: "m"), a == UInt8(ascii: "a") || a == UInt8(ascii: "p") else { return nil }
                pm = a == UInt8(ascii: "p")
                i += 2
            case .monthName:
                guard let v = monthName(bytes, &i) else { return nil }
                month = v
            case .zone:
                guard i < n else { return nil }
                hasZone = true
                if bytes[i] | 0x20 == UInt8(ascii: "z") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return nil }
                let negative = bytes[i] == UInt8(ascii: "-")
                i += 1
                guard let hours = number(2, 2), hours <= 23 else { return nil }
                var minutes = 0
                if i < n, bytes[i] == UInt8(ascii: ":") { i += 1 }
                if i < n, bytes[i] >= 48, bytes[i] <= 57 {
                    guard let m = number(2, 2), m <= 59 else { return nil }
                    minutes = m
                }
                offset = Int64(hours * 60 + minutes) * 60_000_000 * (negative ? -1 : 1)
            }
        }
        guard i == n, (1...12).contains(month), day >= 1, day <= ValueParsing.daysInMonth(year: year, month: month) else { return nil }
        if let pm {
            hour = hour % 12 + (pm ? 12 : 0)
        }
        let days = ValueParsing.daysFromCivil(year: year, month: month, day: day)
        let time = Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
        return Parsed(days: days, micros: time, hasTime: hasTime, hasZone: hasZone, offsetMicros: offset)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"].map { Array($0.utf8) }

    private func monthName(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> Int? {
        for (index, name) in Self.monthNames.enumerated() {
            for length in [name.count, 3] where i + length <= bytes.count {
                if (0..<length).allSatisfy({ bytes[i + $0] | 0x20 == name[$0] }) {
                    i += length
                    return index + 1
                }
            }
        }
        return nil
    }
}

/// The user's date and timestamp layouts, tried before the ISO 8601 forms.
public struct TemporalFormats: Sendable, Equatable {
    public var date: TemporalFormat?
    public var timestamp: TemporalFormat?

    public init(date: TemporalFormat? = nil, timestamp: TemporalFormat? = nil) {
        self.date = date
        self.timestamp = timestamp
    }

    public static let iso = TemporalFormats()

    /// No user layout. Conversion loops then call `ValueParsing` directly and capture
    /// nothing: a captured `TemporalFormats` was copied per value (an array and a string
    /// retained each time, 4% of a CSV conversion's instructions).
    var isISOOnly: Bool { date == nil && timestamp == nil }

    @inline(__always)
    func date(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if let date, let days = date.date(bytes) { return days }
        return ValueParsing.date(bytes)
    }

    @inline(__always)
    func timestamp(_ bytes: UnsafeRawBufferPointer) -> (micros: Int64, hasZone: Bool)? {
        if let timestamp, let value = timestamp.timestamp(bytes) { return value }
        return ValueParsing.timestamp(bytes)
    }
}
