// Converting tape tokens to values: decoded string bytes, Int64, Double. The scanner has
// already validated every token, so these only decode.

extension JSONTape {
    /// The UTF-8 bytes of a string or key token with its escapes decoded.
    public func unescapedBytes(_ index: Int, in bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        appendUnescapedBytes(index, in: bytes, to: &out)
        return out
    }

    /// Appends the decoded UTF-8 bytes of a string or key token to `out` (a reused buffer).
    public func appendUnescapedBytes(_ index: Int, in bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let k = kind(index)
        precondition(k == .string || k == .key, "unescapedBytes needs a string or key token")
        let range = start(index) ..< end(index)
        precondition(range.upperBound <= bytes.count, "token outside the given bytes")
        guard hasEscapes(index) else {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
            return
        }
        // Grow geometrically: `out` is often a whole column's buffer, and reserving the exact
        // size on every escaped string would copy it each time (quadratic).
        if out.capacity < out.count + range.count { out.reserveCapacity(max(out.capacity * 2, out.count + range.count)) }
        var i = range.lowerBound
        var runStart = i
        while i < range.upperBound {
            guard bytes[i] == 0x5C else { i += 1; continue }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart ..< i]))
            let c = bytes[i + 1]
            switch c {
            case 0x62: out.append(0x08) // b
            case 0x66: out.append(0x0C) // f
            case 0x6E: out.append(0x0A) // n
            case 0x72: out.append(0x0D) // r
            case 0x74: out.append(0x09) // t
            case 0x75: // u, validated by the scanner: surrogates come in pairs
                var scalar = Self.hex4(bytes, i + 2)
                i += 6
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = Self.hex4(bytes, i + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                Self.appendUTF8(scalar, to: &out)
                runStart = i
                continue
            default: out.append(c) // " \ /
            }
            i += 2
            runStart = i
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart ..< range.upperBound]))
    }

    /// A string or key token decoded into a `String` (for keys, headers and messages; the
    /// hot path works on bytes).
    public func string(_ index: Int, in bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: unescapedBytes(index, in: bytes), as: UTF8.self)
    }

    static func hex4(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0 ..< 4 {
            let c = bytes[at + k]
            let digit = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0 ..< 0x80:
            out.append(UInt8(scalar))
        case 0x80 ..< 0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800 ..< 0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The value of an integer number token, or nil when it does not fit an Int64 (the
    /// caller widens to decimal or string; it never wraps). Nil for a number with a
    /// fraction or exponent too (`isInteger` is false). `-0` is 0.
    public func int64(_ index: Int, in bytes: UnsafeRawBufferPointer) -> Int64? {
        precondition(kind(index) == .number, "int64 needs a number token")
        guard isInteger(index) else { return nil }
        var i = start(index)
        let end = end(index)
        let negative = bytes[i] == 0x2D
        if negative { i += 1 }
        var magnitude: UInt64 = 0
        while i < end {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[i] &- 0x30))
            if o1 || o2 { return nil }
            magnitude = sum
            i += 1
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// The value of a number token as the nearest Double (correctly rounded), or nil when
    /// its magnitude is too large for a finite Double (`1e400`): JSON has no infinity, so
    /// the caller keeps such a number as decimal or text. Values too small underflow to
    /// ±0 or a subnormal, as IEEE rounding gives (`5e-324` is the smallest subnormal).
    public func double(_ index: Int, in bytes: UnsafeRawBufferPointer) -> Double? {
        precondition(kind(index) == .number, "double needs a number token")
        let range = start(index) ..< end(index)
        if let fast = Self.fastDouble(bytes, range) { return fast }
        // Slow path: the standard library's correctly rounded conversion on the token only.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Clinger's fast path: when the decimal significand fits in 53 bits and the power of
    /// ten is at most 22, one IEEE multiply or divide of two exact values is correctly rounded.
    static func fastDouble(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Double? {
        var i = range.lowerBound
        let end = range.upperBound
        let negative = bytes[i] == 0x2D
        if negative { i += 1 }
        var significand: UInt64 = 0
        var digits = 0
        var scale = 0
        while i < end, bytes[i] &- 0x30 < 10 {
            significand = significand &* 10 &+ UInt64(bytes[i] &- 0x30)
            digits += 1
            i += 1
        }
        if i < end && bytes[i] == 0x2E {
            i += 1
            while i < end, bytes[i] &- 0x30 < 10 {
                significand = significand &* 10 &+ UInt64(bytes[i] &- 0x30)
                digits += 1
                scale -= 1
                i += 1
            }
        }
        if digits > 19 { return nil } // the significand may have wrapped
        if i < end { // exponent
            i += 1
            var exponentNegative = false
            if bytes[i] == 0x2B || bytes[i] == 0x2D { exponentNegative = bytes[i] == 0x2D; i += 1 }
            var exponent = 0
            while i < end {
                exponent = exponent * 10 + Int(bytes[i] &- 0x30)
                if exponent > 1000 { return nil }
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        guard significand <= 1 << 53, scale >= -22, scale <= 22 else { return nil }
        var value = Double(significand)
        if scale < 0 { value /= powersOfTen[-scale] } else { value *= powersOfTen[scale] }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
