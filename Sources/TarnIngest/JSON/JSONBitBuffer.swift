import TarnCore

/// Packed bits appended by row index, with truncation (a duplicate key replaces the value
/// already appended for its row). Bit `i` is bit `i % 64` of word `i / 64`, as in `Bitmap`.
struct JSONBitBuffer {
    var words: [UInt64] = []

    /// Sets bit `row`, the next one (rows are appended in order).
    @inline(__always)
    mutating func append(_ bit: Bool, at row: Int) {
        if row & 63 == 0 { words.append(0) }
        if bit { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    /// Keeps bits `0 ..< rows`.
    mutating func truncate(to rows: Int) {
        let wordCount = (rows + 63) >> 6
        if words.count > wordCount { words.removeLast(words.count - wordCount) }
        if rows & 63 != 0 { words[wordCount - 1] &= (1 << UInt64(rows & 63)) - 1 }
    }

    mutating func take(count: Int) -> Bitmap {
        defer { words = []; words.reserveCapacity((count + 63) >> 6) }
        return Bitmap(words: words, count: count)
    }
}

/// A validity bitmap materialized at the first null (columns without nulls pay nothing).
struct JSONValidity {
    var bits = JSONBitBuffer()
    var hasNulls = false

    @inline(__always)
    mutating func appendValid(at row: Int) {
        if hasNulls { bits.append(true, at: row) }
    }

    @inline(__always)
    mutating func appendNull(at row: Int) {
        if !hasNulls {
            hasNulls = true
            bits.words = Bitmap(repeating: true, count: row).words
        }
        bits.append(false, at: row)
    }

    mutating func truncate(to rows: Int) {
        if hasNulls { bits.truncate(to: rows) }
    }

    mutating func take(count: Int) -> Bitmap? {
        guard hasNulls else { return nil }
        hasNulls = false
        return bits.take(count: count)
    }
}
