// Numbers: validated against the RFC 8259 grammar, kept as byte ranges. Conversion to
// Int64 / Double happens only when a consumer asks (JSONTape+Values.swift).
//
//   number = [ '-' ] ( '0' / [1-9] *DIGIT ) [ '.' 1*DIGIT ] [ ( 'e' / 'E' ) [ '-' / '+' ] 1*DIGIT ]

extension JSONScanner {
    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Scans the number at `start` and returns the offset after it.
    @inline(__always)
    mutating func scanNumber(at start: Int) throws(JSONScanFailure) -> Int {
        var i = start
        var flags: UInt8 = 0
        if p[i] == 0x2D { i += 1 }
        guard i < end else { throw truncated("expected a digit after '-'", at: i) }
        if p[i] == 0x30 {
            i += 1
            if i < end && Self.isDigit(p[i]) { throw fail("number has a leading zero", at: start) }
        } else if Self.isDigit(p[i]) {
            i += 1
            while i < end && Self.isDigit(p[i]) { i += 1 }
        } else {
            throw fail("expected a digit after '-', found \(Self.describe(p[i]))", at: i)
        }
        if i < end && p[i] == 0x2E { // .
            flags = JSONTape.fractionFlag
            i += 1
            guard i < end else { throw truncated("expected a digit after '.' in number", at: i) }
            guard Self.isDigit(p[i]) else { throw fail("expected a digit after '.' in number, found \(Self.describe(p[i]))", at: i) }
            while i < end && Self.isDigit(p[i]) { i += 1 }
        }
        if i < end && (p[i] | 0x20) == 0x65 { // e E
            flags = JSONTape.fractionFlag
            i += 1
            if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
            guard i < end else { throw truncated("expected a digit in the number's exponent", at: i) }
            guard Self.isDigit(p[i]) else { throw fail("expected a digit in the number's exponent, found \(Self.describe(p[i]))", at: i) }
            while i < end && Self.isDigit(p[i]) { i += 1 }
        }
        tape.append(JSONTokenKind.number.rawValue | flags, start, Int32(truncatingIfNeeded: i))
        return i
    }
}
