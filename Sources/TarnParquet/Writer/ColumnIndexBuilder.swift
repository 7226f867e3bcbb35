/// Collects one ColumnIndex entry per data page (the page index of the spec: min, max and
/// null count per page, so readers can skip pages without reading them).
struct ColumnIndexBuilder {
    private var nullPages: [Bool] = []
    private var minValues: [[UInt8]] = []
    private var maxValues: [[UInt8]] = []
    private var nullCounts: [Int64] = []
    /// False once a page has a bound no reader could use (an all-0xFF truncated max).
    private var usable = true
    private var ascending = true
    private var descending = true
    private var previous: StatisticsAccumulator?

    mutating func addPage(_ statistics: StatisticsAccumulator, descriptor: ColumnDescriptor, truncateTo limit: Int) {
        nullCounts.append(Int64(statistics.nullCount))
        guard let bounds = statistics.encodedBounds(for: descriptor, truncateTo: limit) else {
            // All null (or all NaN): the spec's "null page", with empty bounds.
            nullPages.append(statistics.valueCount == 0)
            if statistics.valueCount > 0 { usable = false }
            minValues.append([])
            maxValues.append([])
            return
        }
        guard let max = bounds.max else {
            usable = false
            return
        }
        nullPages.append(false)
        minValues.append(bounds.min)
        maxValues.append(max)
        // Null pages do not count for the boundary order; compare with the last page with bounds.
        if let previous {
            ascending = ascending && orderedBefore(previous, statistics, descriptor)
            descending = descending && orderedBefore(statistics, previous, descriptor)
        }
        previous = statistics
    }

    /// Whether `a`'s min ≤ `b`'s min and `a`'s max ≤ `b`'s max in the column's order.
    private func orderedBefore(_ a: StatisticsAccumulator, _ b: StatisticsAccumulator, _ descriptor: ColumnDescriptor) -> Bool {
        var both = a
        both.merge(b)
        let encodedBoth = both.encodedBounds(for: descriptor, truncateTo: 0)
        let encodedA = a.encodedBounds(for: descriptor, truncateTo: 0)
        let encodedB = b.encodedBounds(for: descriptor, truncateTo: 0)
        return encodedBoth?.min == encodedA?.min && encodedBoth?.max == encodedB?.max
    }

    func build() -> ColumnIndex? {
        guard usable, !nullPages.isEmpty else { return nil }
        let order: BoundaryOrder = nullPages.count > 1 && ascending ? .ascending
            : nullPages.count > 1 && descending ? .descending : .unordered
        return ColumnIndex(nullPages: nullPages, minValues: minValues, maxValues: maxValues,
                           boundaryOrder: order, nullCounts: nullCounts)
    }
}
