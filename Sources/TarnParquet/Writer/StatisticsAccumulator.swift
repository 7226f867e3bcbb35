import Foundation

/// Running min / max / null count of a page or column chunk, in the column's sort order.
///
/// Floating-point NaN never becomes a bound (readers would skip whole pages); -0.0 and +0.0
/// are widened as the spec asks (a min of +0.0 is written as -0.0, a max of -0.0 as +0.0).
struct StatisticsAccumulator {
    enum Bounds {
        case none
        case int32(min: Int32, max: Int32)
        case int64(min: Int64, max: Int64)
        case float(min: Float, max: Float)
        case double(min: Double, max: Double)
        case boolean(min: Bool, max: Bool)
        case bytes(min: [UInt8], max: [UInt8])
    }

    var bounds = Bounds.none
    var nullCount = 0
    var valueCount = 0
    let sortOrder: SortOrder

    init(sortOrder: SortOrder) { self.sortOrder = sortOrder }

    var hasBounds: Bool {
        if case .none = bounds { return false }
        return true
    }

    mutating func reset() {
        bounds = .none
        nullCount = 0
        valueCount = 0
    }

    // MARK: Updating from dense values

    mutating func update(_ slice: PhysicalSlice) {
        switch slice {
        case .boolean(let words, let range): update(booleans: words, range: range)
        case .int32(let v): update(v)
        case .int64(let v): update(v)
        case .float(let v): update(v)
        case .double(let v): update(v)
        case .byteArray(let v): update(v)
        case .fixed(let v): update(v)
        }
    }

    mutating func update(_ values: UnsafeBufferPointer<Int32>) {
        guard let (lo, hi) = integerBounds(values, unsigned: UInt32.self) else { return }
        if case .int32(let a, let b) = bounds {
            bounds = .int32(min: less(a, lo) ? a : lo, max: less(hi, b) ? b : hi)
        } else {
            bounds = .int32(min: lo, max: hi)
        }
    }

    mutating func update(_ values: UnsafeBufferPointer<Int64>) {
        guard let (lo, hi) = integerBounds(values, unsigned: UInt64.self) else { return }
        if case .int64(let a, let b) = bounds {
            bounds = .int64(min: less(a, lo) ? a : lo, max: less(hi, b) ? b : hi)
        } else {
            bounds = .int64(min: lo, max: hi)
        }
    }

    /// Min and max of `values` in the sort order (unsigned compares the same bits as `U`).
    private mutating func integerBounds<T: FixedWidthInteger & SignedInteger, U: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>, unsigned: U.Type
    ) -> (T, T)? {
        guard !values.isEmpty else { return nil }
        valueCount += values.count
        if sortOrder == .unsigned {
            var lo = U.max, hi = U.min
            for v in values {
                let u = U(truncatingIfNeeded: v)
                lo = Swift.min(lo, u); hi = Swift.max(hi, u)
            }
            return (T(truncatingIfNeeded: lo), T(truncatingIfNeeded: hi))
        }
        var lo = T.max, hi = T.min
        for v in values { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        return (lo, hi)
    }

    mutating func update(_ values: UnsafeBufferPointer<Float>) {
        guard var (lo, hi) = floatBounds(values) else { return }
        if case .float(let a, let b) = bounds { lo = Swift.min(a, lo); hi = Swift.max(b, hi) }
        bounds = .float(min: lo, max: hi)
    }

    mutating func update(_ values: UnsafeBufferPointer<Double>) {
        guard var (lo, hi) = floatBounds(values) else { return }
        if case .double(let a, let b) = bounds { lo = Swift.min(a, lo); hi = Swift.max(b, hi) }
        bounds = .double(min: lo, max: hi)
    }

    /// Min and max leaving NaN out (`nil` when every value is NaN).
    private mutating func floatBounds<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>) -> (T, T)? {
        valueCount += values.count
        var lo = T.infinity, hi = -T.infinity, any = false
        for v in values where !v.isNaN {
            any = true
            lo = Swift.min(lo, v); hi = Swift.max(hi, v)
        }
        return any ? (lo, hi) : nil
    }

    mutating func update(booleans words: UnsafeBufferPointer<UInt64>, range: Range<Int>) {
        guard !range.isEmpty else { return }
        valueCount += range.count
        var anyTrue = false, anyFalse = false
        for i in range {
            if words[i >> 6] >> UInt64(i & 63) & 1 == 1 { anyTrue = true } else { anyFalse = true }
            if anyTrue && anyFalse { break }
        }
        var lo = !anyFalse, hi = anyTrue
        if case .boolean(let a, let b) = bounds { lo = lo && a; hi = hi || b }
        bounds = .boolean(min: lo, max: hi)
    }

    /// Byte arrays compare as unsigned bytes, lexicographically (and FLBA decimals, which
    /// are signed big-endian, through `signedFixed`).
    mutating func update(_ values: ByteArrayView) {
        guard values.count > 0 else { return }
        valueCount += values.count
        let data = values.data
        var loStart = Int(values.offsets[0]), loEnd = Int(values.offsets[1])
        var hiStart = loStart, hiEnd = loEnd
        for i in 1..<values.count {
            let s = Int(values.offsets[i]), e = Int(values.offsets[i + 1])
            if compareBytes(data, s, e, data, loStart, loEnd) < 0 { loStart = s; loEnd = e }
            else if compareBytes(data, s, e, data, hiStart, hiEnd) > 0 { hiStart = s; hiEnd = e }
        }
        merge(min: Array(data[loStart..<loEnd]), max: Array(data[hiStart..<hiEnd]))
    }

    mutating func update(_ values: FixedBytesView) {
        guard values.count > 0 else { return }
        valueCount += values.count
        let w = values.width, data = values.data
        var lo = 0, hi = 0
        for i in 1..<values.count {
            let s = i * w
            if compareFixed(data, s, data, lo * w, w) < 0 { lo = i }
            else if compareFixed(data, s, data, hi * w, w) > 0 { hi = i }
        }
        merge(min: Array(data[(lo * w)..<(lo * w + w)]), max: Array(data[(hi * w)..<(hi * w + w)]))
    }

    // MARK: Combining

    mutating func merge(_ other: StatisticsAccumulator) {
        nullCount += other.nullCount
        valueCount += other.valueCount
        switch (bounds, other.bounds) {
        case (_, .none): break
        case (.none, _): bounds = other.bounds
        case (.int32(let a, let b), .int32(let c, let d)): bounds = .int32(min: less(c, a) ? c : a, max: less(b, d) ? d : b)
        case (.int64(let a, let b), .int64(let c, let d)): bounds = .int64(min: less(c, a) ? c : a, max: less(b, d) ? d : b)
        case (.float(let a, let b), .float(let c, let d)): bounds = .float(min: Swift.min(a, c), max: Swift.max(b, d))
        case (.double(let a, let b), .double(let c, let d)): bounds = .double(min: Swift.min(a, c), max: Swift.max(b, d))
        case (.boolean(let a, let b), .boolean(let c, let d)): bounds = .boolean(min: a && c, max: b || d)
        case (.bytes(let a, let b), .bytes(let c, let d)):
            bounds = .bytes(min: compare(c, a) < 0 ? c : a, max: compare(b, d) < 0 ? d : b)
        default: preconditionFailure("statistics of different physical types merged")
        }
    }

    private mutating func merge(min lo: [UInt8], max hi: [UInt8]) {
        if case .bytes(let a, let b) = bounds {
            bounds = .bytes(min: compare(lo, a) < 0 ? lo : a, max: compare(b, hi) < 0 ? hi : b)
        } else {
            bounds = .bytes(min: lo, max: hi)
        }
    }

    // MARK: Orders

    @inline(__always) private func less(_ a: Int32, _ b: Int32) -> Bool {
        sortOrder == .unsigned ? UInt32(bitPattern: a) < UInt32(bitPattern: b) : a < b
    }

    @inline(__always) private func less(_ a: Int64, _ b: Int64) -> Bool {
        sortOrder == .unsigned ? UInt64(bitPattern: a) < UInt64(bitPattern: b) : a < b
    }

    private func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                sortOrder == .signed && a.count == b.count
                    ? compareFixed(pa, 0, pb, 0, a.count)
                    : compareBytes(pa, 0, a.count, pb, 0, b.count)
            }
        }
    }

    /// Fixed-width values: unsigned lexicographic, or signed big-endian two's complement
    /// (FLBA decimals) when the sort order is signed.
    @inline(__always)
    private func compareFixed(_ a: UnsafeRawBufferPointer, _ aStart: Int, _ b: UnsafeRawBufferPointer, _ bStart: Int, _ width: Int) -> Int {
        if width == 0 { return 0 }
        if sortOrder == .signed {
            let x = Int8(bitPattern: a[aStart]), y = Int8(bitPattern: b[bStart])
            if x != y { return x < y ? -1 : 1 }
            return compareBytes(a, aStart + 1, aStart + width, b, bStart + 1, bStart + width)
        }
        return compareBytes(a, aStart, aStart + width, b, bStart, bStart + width)
    }
}

/// Unsigned lexicographic comparison of a[aStart..<aEnd] with b[bStart..<bEnd].
@inline(__always)
func compareBytes(_ a: UnsafeRawBufferPointer, _ aStart: Int, _ aEnd: Int,
                  _ b: UnsafeRawBufferPointer, _ bStart: Int, _ bEnd: Int) -> Int {
    let n = Swift.min(aEnd - aStart, bEnd - bStart)
    if n >= 8 {
        // Most values differ in their first eight bytes: one big-endian word compare
        // instead of a memcmp call (string statistics were 4% of a CSV conversion).
        let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: aStart, as: UInt64.self))
        let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: bStart, as: UInt64.self))
        if x != y { return x < y ? -1 : 1 }
    }
    if n > 0 {
        let c = memcmp(a.baseAddress! + aStart, b.baseAddress! + bStart, n)
        if c != 0 { return c < 0 ? -1 : 1 }
    }
    let la = aEnd - aStart, lb = bEnd - bStart
    return la == lb ? 0 : (la < lb ? -1 : 1)
}
