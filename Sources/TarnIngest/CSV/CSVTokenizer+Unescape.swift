extension CSVTokenizer {
    /// Appends the value of a field with `CSVRecordBlock.escapedFlag` to `out`: inside a
    /// quoted field `""` becomes `"`; with the backslash escape, `\x` becomes `x` for any
    /// byte x (no C escapes: `\n` is `n`, so a caller looking for `\N` checks the raw bytes).
    public static func unescapeField(_ bytes: UnsafeRawBufferPointer, flags: UInt8, dialect: CSVDialect, into out: inout [UInt8]) {
        let quote = dialect.quote.map(Int.init) ?? 0x100
        let backslash = dialect.escape == .backslash
        let quoted = flags & CSVRecordBlock.quotedFlag != 0
        out.reserveCapacity(out.count + bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if backslash && b == UInt8(ascii: "\\") && i + 1 < n {
                out.append(bytes[i + 1])
                i += 2
            } else if quoted && Int(b) == quote && i + 1 < n && Int(bytes[i + 1]) == quote {
                out.append(b)
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
    }
}
