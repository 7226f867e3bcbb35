import TarnCore

/// Compares columns for the reader's round trips.
enum ColumnComparison {
    /// Exact: the same row count, validity bitmap and value buffers (floats by bit pattern).
    /// Holds for columns made by the builders, whose null slots hold zeros. A missing
    /// validity bitmap equals one with every bit set.
    static func identical(_ a: Column, _ b: Column) -> Bool {
        guard a.count == b.count, a.nullCount == b.nullCount else { return false }
        if a.nullCount > 0 && a.validity != b.validity { return false }
        switch (a.values, b.values) {
        case let (.boolean(x), .boolean(y)): return x == y
        case let (.int32(x), .int32(y)): return x == y
        case let (.int64(x), .int64(y)): return x == y
        case let (.int128(x), .int128(y)): return x == y
        case let (.float32(x), .float32(y)): return x.map(\.bitPattern) == y.map(\.bitPattern)
        case let (.float64(x), .float64(y)): return x.map(\.bitPattern) == y.map(\.bitPattern)
        case let (.bytes(o1, d1), .bytes(o2, d2)): return o1 == o2 && d1 == d2
        case let (.fixedBytes(w1, d1), .fixedBytes(w2, d2)): return w1 == w2 && d1 == d2
        default: return false
        }
    }

    /// The first row whose value differs (nulls equal nulls whatever their slots hold;
    /// nested values compared element by element), described; nil when all rows agree.
    static func firstDifference(_ a: Column, _ b: Column, type: DataType) -> String? {
        guard a.count == b.count else { return "\(a.count) rows vs \(b.count)" }
        for row in 0..<a.count where !same(a, row, b, row, type) {
            return "row \(row): \(a.displayValue(at: row, type: type)) vs \(b.displayValue(at: row, type: type))"
        }
        return nil
    }

    static func same(_ a: Column, _ i: Int, _ b: Column, _ j: Int, _ type: DataType) -> Bool {
        if a.isNull(i) || b.isNull(j) { return a.isNull(i) && b.isNull(j) }
        switch (a.values, b.values, type) {
        case let (.boolean(x), .boolean(y), _): return x[i] == y[j]
        case let (.int32(x), .int32(y), _): return x[i] == y[j]
        case let (.int64(x), .int64(y), _): return x[i] == y[j]
        case let (.int128(x), .int128(y), _): return x[i] == y[j]
        case let (.float32(x), .float32(y), _): return x[i].bitPattern == y[j].bitPattern
        case let (.float64(x), .float64(y), _): return x[i].bitPattern == y[j].bitPattern
        case let (.bytes(o1, d1), .bytes(o2, d2), _):
            return d1[Int(o1[i])..<Int(o1[i + 1])].elementsEqual(d2[Int(o2[j])..<Int(o2[j + 1])])
        case let (.fixedBytes(w1, d1), .fixedBytes(w2, d2), _):
            return w1 == w2 && d1[(i * w1)..<((i + 1) * w1)].elementsEqual(d2[(j * w2)..<((j + 1) * w2)])
        case let (.list(o1, e1), .list(o2, e2), .list(element)):
            let r1 = Int(o1[i])..<Int(o1[i + 1]), r2 = Int(o2[j])..<Int(o2[j + 1])
            return r1.count == r2.count && zip(r1, r2).allSatisfy { same(e1, $0, e2, $1, element.type) }
        case let (.map(o1, k1, v1), .map(o2, k2, v2), .map(key, value)):
            let r1 = Int(o1[i])..<Int(o1[i + 1]), r2 = Int(o2[j])..<Int(o2[j + 1])
            return r1.count == r2.count && zip(r1, r2).allSatisfy { same(k1, $0, k2, $1, key.type) && same(v1, $0, v2, $1, value.type) }
        case let (.structure(c1), .structure(c2), .structure(fields)):
            return c1.count == c2.count && zip(zip(c1, c2), fields).allSatisfy { same($0.0, i, $0.1, j, $1.type) }
        default:
            return false
        }
    }
}
