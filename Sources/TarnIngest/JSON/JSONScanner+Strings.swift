// Strings: find the closing quote fast, validating escapes and UTF-8 on the way.
//
// Ordinary string bytes (printable ASCII other than '"' and '\') are skipped 8 at a time
// with SWAR bit tricks on a UInt64; only quotes, backslashes, control bytes and non-ASCII bytes stop
// the fast loop.

extension JSONScanner {
    /// Scans the string whose opening quote is at `q`, appends a token of `kind` for its
    /// contents, and returns the offset after the closing quote.
    @inline(__always)
    mutating func scanString(at q: Int, kind: UInt8) throws(JSONScanFailure) -> Int {
        var i = q + 1
        var flags: UInt8 = 0
        while true {
            while i + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let special = Self.specialStringBytes(word)
                if special == 0 { i += 8; continue }
                i += special.trailingZeroBitCount >> 3
                break
            }
            guard i < end else { throw truncated("unterminated string", at: q) }
            let b = p[i]
            if b == Self.quote {
                tape.append(kind | flags, q + 1, Int32(truncatingIfNeeded: i))
                return i + 1
            } else if b == Self.backslash {
                flags = JSONTape.escapedFlag
                i = try scanEscape(at: i, stringStart: q)
            } else if b >= 0x80 {
                i = try scanUTF8(at: i, stringStart: q)
            } else if b < 0x20 {
                throw fail("unescaped control character \(Self.describe(b)) in string", at: i)
            } else {
                i += 1
            }
        }
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// SWAR over 8 string bytes (little-endian): the high bit of each byte that is '"',
    /// '\\', below 0x20 or non-ASCII is set. Bytes after the first such byte may be set
    /// spuriously (borrows), so only the lowest set bit is meaningful. Measured: Swift's
    /// generic SIMD16 compares were done one lane at a time here (22 MB/s), this is not.
    @inline(__always)
    static func specialStringBytes(_ x: UInt64) -> UInt64 {
        let quotes = x ^ (ones &* 0x22)
        let backslashes = x ^ (ones &* 0x5C)
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = x &- (ones &* 0x20) // borrows into the high bit for bytes < 0x20
        return (hasQuote | hasBackslash | hasControl | x) & highBits
    }

    /// Validates the escape at `i` (a backslash) and returns the offset after it.
    mutating func scanEscape(at i: Int, stringStart q: Int) throws(JSONScanFailure) -> Int {
        guard i + 1 < end else { throw truncated("unterminated string", at: q) }
        switch p[i + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: // " \ / b f n r t
            return i + 2
        case 0x75: // u
            let unit = try hex4(at: i + 2, escapeAt: i, stringStart: q)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw fail("lone low surrogate \\u\(Self.hex(UInt8(unit >> 8)))\(Self.hex(UInt8(unit & 0xFF))) in string", at: i)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                let j = i + 6
                guard j + 1 < end || isFinal else { throw truncated("unterminated string", at: q) }
                if j + 1 < end && p[j] == Self.backslash && p[j + 1] == 0x75 {
                    let low = try hex4(at: j + 2, escapeAt: j, stringStart: q)
                    if low >= 0xDC00 && low <= 0xDFFF { return j + 6 }
                }
                throw fail("lone high surrogate \\u\(Self.hex(UInt8(unit >> 8)))\(Self.hex(UInt8(unit & 0xFF))) in string (it must be followed by a \\uDC00-\\uDFFF escape)", at: i)
            }
            return i + 6
        default:
            let c = p[i + 1]
            if c >= 0x21 && c < 0x7F {
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))'", at: i)
            }
            throw fail("invalid escape: backslash followed by \(Self.describe(c))", at: i)
        }
    }

    /// The four hex digits of a `\u` escape starting at `at`.
    func hex4(at start: Int, escapeAt: Int, stringStart q: Int) throws(JSONScanFailure) -> UInt32 {
        var value: UInt32 = 0
        for k in 0 ..< 4 {
            guard start + k < end else { throw truncated("unterminated string", at: q) }
            let c = p[start + k]
            let digit: UInt8
            switch c {
            case 0x30 ... 0x39: digit = c - 0x30
            case 0x41 ... 0x46: digit = c - 0x41 + 10
            case 0x61 ... 0x66: digit = c - 0x61 + 10
            default: throw fail("invalid \\u escape: expected 4 hex digits, found \(Self.describe(c))", at: start + k)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Validates one UTF-8 sequence whose lead byte (>= 0x80) is at `i` (RFC 3629 table 4).
    mutating func scanUTF8(at i: Int, stringStart q: Int) throws(JSONScanFailure) -> Int {
        let lead = p[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF // allowed range of the second byte
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw fail("invalid UTF-8 byte 0x\(Self.hex(lead))", at: i)
        }
        for k in 1 ..< length {
            guard i + k < end else { throw truncated("unterminated string", at: q) }
            let c = p[i + k]
            let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            if c < lo || c > hi { throw fail("invalid UTF-8 byte 0x\(Self.hex(c))", at: i + k) }
        }
        return i + length
    }
}
