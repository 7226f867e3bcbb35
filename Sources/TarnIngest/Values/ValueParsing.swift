import Foundation

/// Parsers for one raw text value (a CSV field, a JSON string) straight from its bytes, with
/// no `String` made. Each returns `nil` when the bytes are not a value of its kind, so type
/// inference can try them in turn and conversion can report the failing value.
///
/// Grammars (ASCII; no surrounding spaces — callers trim if their dialect says so):
///   integer   := [+-]? digit+
///   decimal   := [+-]? digit* ("." digit*)?   with at least one digit
///   double    := decimal ([eE] [+-]? digit+)? | "NaN" | "nan" | [+-]? ("inf" | "Inf" | "INF" | "Infinity")
///   boolean   := "true" | "false"  (any letter case)
///   date      := YYYY "-" MM "-" DD
///   time      := HH ":" MM (":" SS ("." fraction)?)?
///   timestamp := date ("T" | " ") time zone?      zone := "Z" | [+-] HH (":"? MM)?
///   uuid      := 8 hex "-" 4 hex "-" 4 hex "-" 4 hex "-" 12 hex
public enum ValueParsing {
    /// A whole number, or `nil` when the bytes are not one or it overflows Int64.
    public static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count, let base = bytes.baseAddress else { return nil }
        if bytes.count - i <= 18 {
            // Up to 18 digits cannot overflow: no checks but the digit test.
            let p = base.assumingMemoryBound(to: UInt8.self)
            let n = bytes.count
            var value: Int64 = 0
            while i < n {
                let digit = p[i] &- 48
                guard digit <= 9 else { return nil }
                value = value &* 10 &+ Int64(digit)
                i &+= 1
            }
            return negative ? -value : value
        }
        // Accumulate as a negative number so Int64.min parses.
        var value: Int64 = 0
        while i < bytes.count {
            let digit = Int64(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    /// Whether the bytes are an integer too large for Int64 (digits only, after a sign).
    public static func isOverflowingInteger(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { i = 1 }
        guard i < bytes.count else { return false }
        for k in i..<bytes.count where bytes[k] < 48 || bytes[k] > 57 { return false }
        return int64(bytes) == nil
    }

    /// A fixed-point number: its unscaled value, the digits after the point (`scale`) and
    /// the significant digits in all (`precision`, at least `scale`). `nil` beyond 38 digits.
    public static func decimal(_ bytes: UnsafeRawBufferPointer) -> (unscaled: Int128, precision: Int, scale: Int)? {
        if bytes.count <= 19 { return shortDecimal(bytes) }
        var i = 0
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            i = 1
        }
        var value: Int128 = 0
        var digits = 0, significant = 0, scale = 0
        var seenPoint = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 48 && byte <= 57 {
                digits += 1
                if seenPoint { scale += 1 }
                if significant > 0 || byte != 48 || seenPoint { significant += 1 }
                if significant > 38 { return nil }
                value = value * 10 + Int128(byte - 48)
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let precision = Swift.max(significant, scale, 1)
        return (negative ? -value : value, precision, scale)
    }

    /// `decimal` for at most 19 bytes: at most 19 digits, which a UInt64 holds, so no
    /// 128-bit arithmetic per digit (that multiply was most of the cost of money columns).
    private static func shortDecimal(_ bytes: UnsafeRawBufferPointer) -> (unscaled: Int128, precision: Int, scale: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var value: UInt64 = 0
        var digits = 0, significant = 0
        var point = -1
        while i < n {
            let byte = p[i]
            let digit = byte &- 48
            if digit <= 9 {
                digits &+= 1
                if significant > 0 || digit != 0 || point >= 0 { significant &+= 1 }
                value = value &* 10 &+ UInt64(digit)
            } else if byte == UInt8(ascii: "."), point < 0 {
                point = digits
            } else {
                return nil
            }
            i &+= 1
        }
        guard digits > 0 else { return nil }
        let scale = point < 0 ? 0 : digits &- point
        let unscaled = Int128(value)
        return (negative ? -unscaled : unscaled, Swift.max(significant, scale, 1), scale)
    }

    /// A floating-point number, including exponents and the NaN / infinity tokens.
    public static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64, let base = bytes.baseAddress else { return nil }
        // Check the grammar ourselves (strtod would also take hex, spaces and "infinity" forms).
        // Digits are read through the pointer: `count` bounds every index.
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        var i = 0
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { i = 1 }
        var mantissaDigits = 0
        // The digits as an integer while they fit, and how many came after the point:
        // enough for the exact fast path below.
        var mantissa: UInt64 = 0
        var fractionDigits = 0
        while i < n, p[i] &- 48 <= 9 {
            mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
            i &+= 1; mantissaDigits &+= 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < n, p[i] &- 48 <= 9 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                i &+= 1; mantissaDigits &+= 1; fractionDigits &+= 1
            }
        }
        guard mantissaDigits > 0 else { return specialDouble(bytes) }
        if i == n && mantissaDigits <= 15 && fractionDigits <= 22 {
            // Clinger's fast path: a mantissa below 2^53 and a power of ten up to 10^22 are
            // both exact doubles, so one correctly rounded division gives the right value.
            let value = Double(mantissa) / exactPowerOfTen(fractionDigits)
            return p[0] == UInt8(ascii: "-") ? -value : value
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        // Correct rounding: strtod on a NUL-terminated copy.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            for k in 0..<bytes.count { buffer[k] = CChar(bitPattern: bytes[k]) }
            buffer[bytes.count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// 10^k for k in 0...22, all exact doubles (a switch: a static array cost a lazy-init
    /// check and a bounds check per value).
    @inline(__always)
    private static func exactPowerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    private static func specialDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var start = 0
        var sign = 1.0
        if bytes[0] == UInt8(ascii: "-") { sign = -1; start = 1 } else if bytes[0] == UInt8(ascii: "+") { start = 1 }
        let word = UnsafeRawBufferPointer(rebasing: bytes[start...])
        if equalsIgnoringCase(word, "nan") { return start == 0 ? .nan : nil }
        if equalsIgnoringCase(word, "inf") || equalsIgnoringCase(word, "infinity") { return sign * .infinity }
        return nil
    }

    public static func boolean(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        if equalsIgnoringCase(bytes, "true") { return true }
        if equalsIgnoringCase(bytes, "false") { return false }
        return nil
    }

    /// `YYYY-MM-DD` → days since 1970-01-01 (proleptic Gregorian); checks the day exists.
    public static func date(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
        return date(at: base.assumingMemoryBound(to: UInt8.self))
    }

    /// The date in the 10 bytes at `p`. Fixed offsets and one accumulated digit check, no
    /// bounds checks or early exits per digit: dates and timestamps were 10% of a trips
    /// conversion's instructions with the digit-by-digit loop.
    @inline(__always)
    private static func date(at p: UnsafePointer<UInt8>) -> Int32? {
        var bad: UInt8 = 0
        let year = twoDigits(p, 0, &bad) &* 100 &+ twoDigits(p, 2, &bad)
        let month = twoDigits(p, 5, &bad), day = twoDigits(p, 8, &bad)
        guard bad == 0, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
              month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return Int32(truncatingIfNeeded: daysFromCivil(year: year, month: month, day: day))
    }

    /// `HH:MM[:SS[.fraction]]` → microseconds since midnight (fraction beyond µs must be 0s).
    public static func timeOfDay(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard let (micros, end) = clock(bytes, from: 0), end == bytes.count else { return nil }
        return micros
    }

    /// A timestamp: microseconds since the epoch and whether it carried a zone (then the
    /// value is UTC; otherwise it is a local wall-clock time).
    public static func timestamp(_ bytes: UnsafeRawBufferPointer) -> (micros: Int64, hasZone: Bool)? {
        // The common layouts `YYYY-MM-DD HH:MM:SS` and `…SSZ` at fixed offsets.
        if bytes.count == 19 || bytes.count == 20, let base = bytes.baseAddress {
            let p = base.assumingMemoryBound(to: UInt8.self)
            let separator = p[10]
            let zoned = bytes.count == 20
            if separator == UInt8(ascii: " ") || separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t"),
               p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"),
               !zoned || p[19] == UInt8(ascii: "Z") || p[19] == UInt8(ascii: "z") {
                var bad: UInt8 = 0
                let hour = twoDigits(p, 11, &bad), minute = twoDigits(p, 14, &bad), second = twoDigits(p, 17, &bad)
                guard bad == 0, hour <= 23, minute <= 59, second <= 59, let day = date(at: p) else { return nil }
                let seconds = Int64(day) &* 86_400 &+ Int64(hour &* 3600 &+ minute &* 60 &+ second)
                return (seconds &* 1_000_000, zoned)
            }
        }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
              let day = date(UnsafeRawBufferPointer(rebasing: bytes[0..<10])),
              let (micros, end) = clock(bytes, from: 11) else { return nil }
        var value = Int64(day) * 86_400_000_000 + micros
        guard end < bytes.count else { return (value, false) }
        let zone = bytes[end]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            return end + 1 == bytes.count ? (value, true) : nil
        }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), let hours = digits(bytes, end + 1, 2) else { return nil }
        var minutes = 0
        var next = end + 3
        if next < bytes.count {
            if bytes[next] == UInt8(ascii: ":") { next += 1 }
            guard let m = digits(bytes, next, 2), next + 2 == bytes.count else { return nil }
            minutes = m
        }
        guard hours <= 23, minutes <= 59 else { return nil }
        // Local time = UTC + offset, so UTC = local - offset.
        let offset = Int64(hours * 60 + minutes) * 60_000_000
        value += zone == UInt8(ascii: "+") ? -offset : offset
        return (value, true)
    }

    /// A timestamp column's value: microseconds of a zoned value for a UTC column, of a
    /// zoneless one for a local column; a plain date is midnight. A zoned value in a local
    /// column, or the reverse, would change meaning: nil. `date` and `timestamp` parse
    /// (the ISO forms, or a user's layouts first — `TemporalFormats`).
    @inline(__always)
    static func columnTimestamp(_ bytes: UnsafeRawBufferPointer, utc: Bool, date: (UnsafeRawBufferPointer) -> Int32? = date,
                                timestamp: (UnsafeRawBufferPointer) -> (micros: Int64, hasZone: Bool)? = timestamp) -> Int64? {
        if let day = date(bytes) { return Int64(day) * 86_400_000_000 }
        guard let parsed = timestamp(bytes), parsed.hasZone == utc else { return nil }
        return parsed.micros
    }

    /// `8-4-4-4-12` hex digits → 16 bytes.
    public static func uuid(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard bytes.count == 36, out.count >= 16, let source = bytes.baseAddress, let target = out.baseAddress else { return false }
        let p = source.assumingMemoryBound(to: UInt8.self)
        guard p[8] == UInt8(ascii: "-"), p[13] == UInt8(ascii: "-"),
              p[18] == UInt8(ascii: "-"), p[23] == UInt8(ascii: "-") else { return false }
        // Hex pairs at fixed offsets, read without bounds checks (the length is checked);
        // one OR over all nibbles catches any non-hex byte. A table, not comparisons:
        // random hex digits make a digit-or-letter branch mispredict about a third of the
        // time (UUID parsing was 7% of a trips conversion with it).
        let o = target.assumingMemoryBound(to: UInt8.self)
        let table = hexDigitValues
        var bad: UInt8 = 0
        @inline(__always) func pair(_ i: Int, _ k: Int) {
            let high = table[Int(p[i])], low = table[Int(p[i &+ 1])]
            bad |= high | low
            o[k] = high &<< 4 | low
        }
        pair(0, 0); pair(2, 1); pair(4, 2); pair(6, 3)
        pair(9, 4); pair(11, 5)
        pair(14, 6); pair(16, 7)
        pair(19, 8); pair(21, 9)
        pair(24, 10); pair(26, 11); pair(28, 12); pair(30, 13); pair(32, 14); pair(34, 15)
        return bad & 0xF0 == 0
    }

    /// Each byte's value as a hex digit, or 0xF0 when it is not one (allocated once, never freed).
    private static let hexDigitValues: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            switch UInt8(byte) {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): table[byte] = UInt8(byte) - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): table[byte] = UInt8(byte) - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): table[byte] = UInt8(byte) - UInt8(ascii: "A") + 10
            default: table[byte] = 0xF0
            }
        }
        return UnsafePointer(table)
    }()

    // MARK: Pieces

    /// `HH:MM[:SS[.f]]` starting at `start`: microseconds and the index after it.
    private static func clock(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (Int64, Int)? {
        guard let hour = digits(bytes, start, 2), start + 2 < bytes.count, bytes[start + 2] == UInt8(ascii: ":"),
              let minute = digits(bytes, start + 3, 2), hour <= 23, minute <= 59 else { return nil }
        var micros = Int64(hour * 3600 + minute * 60) * 1_000_000
        var i = start + 5
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard let second = digits(bytes, i + 1, 2), second <= 59 else { return nil }
            micros += Int64(second) * 1_000_000
            i += 3
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                i += 1
                var fraction: Int64 = 0, places = 0
                while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 {
                    if places < 6 {
                        fraction = fraction * 10 + Int64(bytes[i] - 48)
                    } else if bytes[i] != 48 {
                        return nil  // sub-microsecond digits would be lost
                    }
                    places += 1
                    i += 1
                }
                guard places > 0 else { return nil }
                for _ in places..<Swift.max(places, 6) { fraction *= 10 }
                micros += fraction
            }
        }
        return (micros, i)
    }

    /// The two ASCII digits at `p[i]`, `p[i+1]`; sets a high bit of `bad` when either is
    /// not a digit (`d | d + 0x76` has its high bit set exactly when `d = byte - 48` > 9).
    @inline(__always)
    private static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int, _ bad: inout UInt8) -> Int {
        let a = p[i] &- 48, b = p[i &+ 1] &- 48
        bad |= (a | (a &+ 0x76) | b | (b &+ 0x76)) & 0x80
        return Int(a) &* 10 &+ Int(b)
    }

    private static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for k in start..<(start + count) {
            let d = Int(bytes[k]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }


    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<bytes.count where bytes[k] | 0x20 != w[k] | 0x20 { return false }
        return true
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the era / day-of-era method).
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        // Wrapping arithmetic: every caller checked month and day, and years have at most
        // a few digits, so nothing here can overflow (and no overflow checks are paid).
        let y = month <= 2 ? year &- 1 : year
        let era = (y >= 0 ? y : y &- 399) / 400
        let yearOfEra = y &- era &* 400
        let shiftedMonth = month > 2 ? month &- 3 : month &+ 9
        let dayOfYear = (153 &* shiftedMonth &+ 2) / 5 &+ day &- 1
        let dayOfEra = yearOfEra &* 365 &+ yearOfEra / 4 &- yearOfEra / 100 &+ dayOfYear
        return era &* 146_097 &+ dayOfEra &- 719_468
    }
}
