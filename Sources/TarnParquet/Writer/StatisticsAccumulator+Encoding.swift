/// Statistics as the footer and page headers store them: PLAIN-encoded bounds
/// (`min_value` / `max_value`), with long binary bounds truncated and marked inexact.
extension StatisticsAccumulator {
    /// The encoded bounds, or `nil` when there is no non-NaN value. `exact` is false when
    /// truncation made the bound looser than the data.
    struct EncodedBounds {
        var min: [UInt8]
        var max: [UInt8]?
        var minExact = true
        var maxExact = true
    }

    func encodedBounds(for column: ColumnDescriptor, truncateTo limit: Int) -> EncodedBounds? {
        switch bounds {
        case .none:
            return nil
        case .boolean(let lo, let hi):
            return EncodedBounds(min: [lo ? 1 : 0], max: [hi ? 1 : 0])
        case .int32(let lo, let hi):
            return EncodedBounds(min: littleEndianBytes(lo), max: littleEndianBytes(hi))
        case .int64(let lo, let hi):
            return EncodedBounds(min: littleEndianBytes(lo), max: littleEndianBytes(hi))
        case .float(var lo, var hi):
            // The spec: a zero min is written as -0.0 and a zero max as +0.0.
            if lo == 0 { lo = -0.0 }
            if hi == 0 { hi = 0.0 }
            return EncodedBounds(min: littleEndianBytes(lo.bitPattern), max: littleEndianBytes(hi.bitPattern))
        case .double(var lo, var hi):
            if lo == 0 { lo = -0.0 }
            if hi == 0 { hi = 0.0 }
            return EncodedBounds(min: littleEndianBytes(lo.bitPattern), max: littleEndianBytes(hi.bitPattern))
        case .bytes(let lo, let hi):
            guard column.physicalType == .byteArray, limit > 0 else { return EncodedBounds(min: lo, max: hi) }
            var result = EncodedBounds(min: lo, max: hi)
            if lo.count > limit {
                result.min = Array(lo[..<utf8Boundary(lo, limit)])
                result.minExact = false
            }
            if hi.count > limit {
                result.max = truncatedUpperBound(hi, limit)
                result.maxExact = false
            }
            return result
        }
    }

    func encoded(for column: ColumnDescriptor, truncateTo limit: Int) -> Statistics {
        var statistics = Statistics()
        statistics.nullCount = Int64(nullCount)
        if let bounds = encodedBounds(for: column, truncateTo: limit) {
            statistics.minValue = bounds.min
            statistics.isMinValueExact = bounds.minExact
            if let max = bounds.max {
                statistics.maxValue = max
                statistics.isMaxValueExact = bounds.maxExact
            }
        }
        return statistics
    }
}

private func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

/// The largest length ≤ `limit` that does not cut a UTF-8 sequence (binary data is cut at
/// `limit` when no boundary is found nearby).
private func utf8Boundary(_ bytes: [UInt8], _ limit: Int) -> Int {
    var end = limit
    while end > 0 && end > limit - 4 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
    return end > limit - 4 ? end : limit
}

/// A prefix of at most `limit` bytes that still sorts at or above `bytes`: cut, then add one
/// to the last byte that is not 0xFF (dropping the 0xFF bytes after it). `nil` when every
/// byte of the prefix is 0xFF, in which case no upper bound shorter than the value exists.
private func truncatedUpperBound(_ bytes: [UInt8], _ limit: Int) -> [UInt8]? {
    var prefix = Array(bytes[..<utf8Boundary(bytes, limit)])
    while let last = prefix.last {
        if last < 0xFF {
            prefix[prefix.count - 1] = last + 1
            return prefix
        }
        prefix.removeLast()
    }
    return nil
}
