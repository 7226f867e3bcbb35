/// One leaf column as decoded from its pages: an entry per level (Parquet's "values",
/// nulls and empty lists included) and the present values, densely.
struct LeafData {
    let maxDefinitionLevel: Int
    let maxRepetitionLevel: Int
    /// One per entry; empty when `maxDefinitionLevel` is 0 (every entry is then 0).
    var definitionLevels: [UInt16] = []
    /// One per entry; empty when `maxRepetitionLevel` is 0.
    var repetitionLevels: [UInt16] = []
    var levelCount = 0
    /// One per entry whose definition level is the maximum, in order.
    var values: ValueBuffer

    init(plan: LeafPlan) {
        maxDefinitionLevel = plan.maxDefinitionLevel
        maxRepetitionLevel = plan.maxRepetitionLevel
        values = ValueBuffer(physicalType: plan.physicalType, typeLength: plan.typeLength)
    }

    @inline(__always)
    func definition(_ entry: Int) -> Int {
        maxDefinitionLevel == 0 ? 0 : Int(definitionLevels[entry])
    }

    @inline(__always)
    func repetition(_ entry: Int) -> Int {
        maxRepetitionLevel == 0 ? 0 : Int(repetitionLevels[entry])
    }

    /// Appends the entries of the same leaf in a later row group.
    mutating func append(contentsOf other: LeafData) throws(ParquetError) {
        definitionLevels.append(contentsOf: other.definitionLevels)
        repetitionLevels.append(contentsOf: other.repetitionLevels)
        levelCount += other.levelCount
        try values.append(contentsOf: other.values)
    }

    /// Keeps the entries of the first `records` records (and their values).
    mutating func truncate(toRecords records: Int) {
        var end = levelCount
        if maxRepetitionLevel == 0 {
            end = Swift.min(records, levelCount)
        } else {
            var seen = 0
            for (i, level) in repetitionLevels.enumerated() where level == 0 {
                if seen == records { end = i; break }
                seen += 1
            }
        }
        guard end < levelCount else { return }
        var kept = end
        if maxDefinitionLevel > 0 {
            let maximum = UInt16(maxDefinitionLevel)
            kept = definitionLevels[..<end].reduce(0) { $0 + ($1 == maximum ? 1 : 0) }
            definitionLevels.removeSubrange(end...)
        }
        if maxRepetitionLevel > 0 { repetitionLevels.removeSubrange(end...) }
        levelCount = end
        values.truncate(to: kept)
    }
}
