/// Finds record boundaries in the middle of a large uncompressed CSV, so that parts of
/// it can be tokenized on separate cores and their records concatenated in order.
///
/// Approach: quote parity from a known-good point. With the doubled-quote escape (RFC
/// 4180) every quote byte toggles "inside quotes" — `""` inside a field toggles twice — so a
/// position is inside a quoted field exactly when an odd number of quote bytes precede it,
/// counted from a record boundary (the start of the file, or a previous split). Counting
/// quote bytes is a SIMD16 compare and XOR, far faster than tokenizing. From the target
/// the walk goes on toggling at quotes until a CR or LF at even parity; the byte after it
/// (after the LF of a CRLF) starts a record.
///
/// Limits: exact for well-formed input with the doubled-quote escape. A quote inside an
/// unquoted field (allowed leniently) or a malformed file breaks the parity; so the split is
/// verified: tokenize the part before it with `isFinal: true`. If the boundary was inside
/// quotes for sequential parsing, that part ends inside a quoted field and throws the
/// "is never closed" error; the caller then tokenizes the rest sequentially instead. The
/// backslash escape (`\"` does not toggle) is not supported: `recordBoundary` returns nil.
public enum CSVSplitFinder {
    /// The offset of the first record start after `target` (and not before it), counting
    /// quote parity from `bytes[0]`, which must be a record start; nil when there is none
    /// (no line break after `target`) or the dialect uses the backslash escape.
    public static func recordBoundary(in bytes: UnsafeRawBufferPointer, after target: Int, dialect: CSVDialect) -> Int? {
        precondition(target >= 0 && target <= bytes.count)
        if dialect.quote != nil && dialect.escape == .backslash { return nil }
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let n = bytes.count
        let quote = Int(dialect.quote ?? 0) | (dialect.quote == nil ? 0x100 : 0)
        var inside = dialect.quote.map { quoteParity(p, count: target, quote: $0) } ?? false
        var i = target
        while i < n {
            let b = p[i]
            if Int(b) == quote {
                inside.toggle()
            } else if !inside && (b == 0x0A || b == 0x0D) {
                if b == 0x0D && i + 1 < n && p[i + 1] == 0x0A { i += 1 }
                return i + 1 < n ? i + 1 : nil
            }
            i += 1
        }
        return nil
    }

    /// Splits `bytes` (starting at a record start) into up to `parts` ranges of about equal
    /// size that begin at record starts; fewer when boundaries are missing.
    public static func split(_ bytes: UnsafeRawBufferPointer, into parts: Int, dialect: CSVDialect) -> [Range<Int>] {
        precondition(parts > 0)
        var starts = [0]
        for k in 1 ..< parts {
            let target = bytes.count * k / parts
            if target <= starts.last! { continue }
            guard let boundary = recordBoundary(in: bytes, after: target, dialect: dialect) else { break }
            if boundary > starts.last! { starts.append(boundary) }
        }
        return starts.indices.map { starts[$0] ..< ($0 + 1 < starts.count ? starts[$0 + 1] : bytes.count) }
    }

    /// Whether an odd number of `quote` bytes lie in `p[0 ..< count]`.
    static func quoteParity(_ p: UnsafePointer<UInt8>, count: Int, quote: UInt8) -> Bool {
        let q = SIMD16<UInt8>(repeating: quote)
        let one = SIMD16<UInt8>(repeating: 1)
        var acc = SIMD16<UInt8>()
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 16 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            acc ^= unsafeBitCast(v .== q, to: SIMD16<UInt8>.self) & one
            i += 16
        }
        var parity = acc.wrappedSum() & 1
        while i < count {
            if p[i] == quote { parity ^= 1 }
            i += 1
        }
        return parity == 1
    }
}
