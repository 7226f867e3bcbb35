import TarnCore

/// One Parquet leaf column of a batch, shredded (Dremel): its level entries and dense values.
///
/// A level entry is what Parquet counts as a value in `num_values`: one per present leaf
/// value, plus one per null or empty list/map that stops the path above the leaf.
struct ShreddedLeaf: Sendable {
    /// One per level entry. Empty when `maxDefinitionLevel == 0`, and also when
    /// `allPresent` is true (every entry would equal `maxDefinitionLevel`).
    var definitionLevels: [UInt16]
    /// One per level entry; empty when `maxRepetitionLevel == 0`.
    var repetitionLevels: [UInt16]
    /// Number of level entries (Parquet `num_values`); the row count when there is no repetition.
    var levelCount: Int
    /// The present values only (entries with definition level `maxDefinitionLevel`), in
    /// order, in the leaf's storage kind, with no validity. The column's own array when
    /// nothing was dropped (copy-on-write makes that free).
    var values: ColumnValues
    var valueCount: Int
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    /// Every entry's definition level is `maxDefinitionLevel`: no nulls and no empty
    /// lists or maps on the path, and `valueCount == levelCount`. `definitionLevels` is then
    /// left empty; a writer encodes one run of `levelCount` copies of `maxDefinitionLevel`
    /// (nothing at all when that is 0) instead of reading an array.
    var allPresent: Bool

    /// Entries whose definition level is below the maximum (nulls and empty lists at any
    /// depth): the page header's `num_nulls`.
    var nullCount: Int { levelCount - valueCount }

    /// `definitionLevels`, or `levelCount` copies of `maxDefinitionLevel` when `allPresent`
    /// left it empty (for callers that prefer an array; the encoder should not need this).
    var materializedDefinitionLevels: [UInt16] {
        if maxDefinitionLevel == 0 { return [] }
        if allPresent { return [UInt16](repeating: UInt16(maxDefinitionLevel), count: levelCount) }
        return definitionLevels
    }
}
