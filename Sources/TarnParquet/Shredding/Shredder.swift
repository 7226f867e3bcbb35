import TarnCore

/// Dremel shredding: turns a `Column` (Arrow layout) into Parquet leaf columns with
/// definition and repetition levels.
///
/// The walk goes one nesting level at a time over the whole batch (`Levels`), never one
/// value at a time: each node updates every level entry in one pass, then hands the state
/// to its children. Recursion is per schema node, loops are per entry.
///
/// Level rules (Dremel paper §4.1–4.2; Parquet `LogicalTypes.md` "Nested Types"):
/// - a null at an optional node ends the entry with the definition level of its deepest
///   defined ancestor, i.e. the level before that node;
/// - an empty list or map ends the entry with the level of the list node itself (the
///   repeated group below it is not defined);
/// - the first element of a list keeps the repetition level of the entry it expands (0 at
///   a row start); each later element gets the list's own repetition level.
/// Child values under a null parent (a null list whose offset range is not empty, the slot
/// of a null struct row) are never visited, so they are skipped.
enum Shredder {
    /// Shreds a top-level column; one `ShreddedLeaf` per leaf in `LeafPath.leaves(of: field)` order.
    /// The column must have passed `ColumnBatch` validation against `field`.
    static func shred(_ column: Column, as field: Field) -> [ShreddedLeaf] {
        var leaves: [ShreddedLeaf] = []
        shred(column, type: field.type, nullable: field.nullable, levels: Levels(rowCount: column.count), into: &leaves)
        return leaves
    }

    /// Shreds every column of a batch; leaves in `LeafPath.leaves(of: batch.schema)` order.
    static func shred(_ batch: ColumnBatch) -> [ShreddedLeaf] {
        var leaves: [ShreddedLeaf] = []
        for (field, column) in zip(batch.schema.fields, batch.columns) {
            shred(column, type: field.type, nullable: field.nullable, levels: Levels(rowCount: column.count), into: &leaves)
        }
        return leaves
    }

    private static func shred(_ column: Column, type: DataType, nullable: Bool, levels: Levels,
                              into leaves: inout [ShreddedLeaf]) {
        switch (column.values, type) {
        case (.structure(let children), .structure(let fields)):
            var levels = levels
            if nullable { levels.applyOptional(column.validity) }
            for (child, member) in zip(children, fields) {
                shred(child, type: member.type, nullable: member.nullable, levels: levels, into: &leaves)
            }
        case (.list(let offsets, let element), .list(let elementField)):
            var levels = levels
            if nullable { levels.applyOptional(column.validity) }
            levels.expand(offsets: offsets, childRowCount: element.count)
            shred(element, type: elementField.type, nullable: elementField.nullable, levels: levels, into: &leaves)
        case (.map(let offsets, let keys, let values), .map(let keyField, let valueField)):
            var levels = levels
            if nullable { levels.applyOptional(column.validity) }
            levels.expand(offsets: offsets, childRowCount: keys.count)
            // `key` is `required` in the Parquet schema whatever the key field declares.
            shred(keys, type: keyField.type, nullable: false, levels: levels, into: &leaves)
            shred(values, type: valueField.type, nullable: valueField.nullable, levels: levels, into: &leaves)
        case (.list, _), (.structure, _), (.map, _):
            preconditionFailure("column storage does not match its type \(type); validate with ColumnBatch first")
        default:
            leaves.append(levels.finishLeaf(column, nullable: nullable))
        }
    }
}

extension Shredder {
    /// The level entries of one subtree of a batch, as they stand at one schema node.
    ///
    /// Each entry is either open (its path is defined down to this node and continues at a
    /// row of the node's column) or closed (a null or an empty list above stopped it; its
    /// definition level is final). Two representations:
    /// - rows mode, above the first repeated node: entry `e` is row `e`; which rows are open
    ///   is a bitmap (`masks.last`), so flat and struct-only columns never build per-entry arrays;
    /// - entries mode, below a repeated node: per-entry row, definition and repetition arrays.
    /// Open entries always refer to strictly increasing rows (offsets never decrease), which
    /// is why a leaf's dense values are a gather by a bitmap of rows.
    struct Levels {
        /// Rows of the column at the current node.
        var rowCount: Int
        /// Definition level of an open entry: optional and repeated nodes passed so far.
        var definitionLevel = 0
        /// Repeated nodes passed so far.
        var repetitionLevel = 0

        var isRowsMode = true
        /// Rows mode: bitmaps of the open rows, each a subset of the one before; empty when
        /// every row is open. `maskLevels[k]` is `definitionLevel` just after the node that
        /// introduced `masks[k]`, which is how closed rows recover their definition level.
        var masks: [[UInt64]] = []
        var maskLevels: [Int] = []

        /// Entries mode: the row each entry continues at, or -1 once closed.
        var rows: [Int32] = []
        /// Entries mode: final levels of closed entries (open ones hold a placeholder);
        /// empty while no entry is closed.
        var definitionLevels: [UInt16] = []
        var repetitionLevels: [UInt16] = []
        var closedCount = 0
        /// Every row of the current column is the row of exactly one open entry, so a leaf
        /// needs no gather.
        var coversAllRows = true

        init(rowCount: Int) { self.rowCount = rowCount }

        /// An optional node: entries whose row is null close at the current level.
        mutating func applyOptional(_ validity: Bitmap?) {
            defer { definitionLevel += 1 }
            guard let validity else { return }
            // The unsafe loops below index validity words by row; this keeps them in bounds.
            precondition(validity.count == rowCount, "validity has \(validity.count) bits for \(rowCount) rows")
            if isRowsMode {
                applyOptionalToRows(validity)
            } else {
                applyOptionalToEntries(validity)
            }
        }

        private mutating func applyOptionalToRows(_ validity: Bitmap) {
            guard let open = masks.last else {
                // Every row was open: the validity words are the new mask as they are.
                if validity.setCount < rowCount {
                    masks.append(validity.words)
                    maskLevels.append(definitionLevel + 1)
                    coversAllRows = false
                }
                return
            }
            var closedAny = false
            let narrowed = [UInt64](unsafeUninitializedCapacity: open.count) { target, initialized in
                open.withUnsafeBufferPointer { open in
                    validity.words.withUnsafeBufferPointer { valid in
                        for i in 0..<open.count {
                            let word = open[i] & valid[i]
                            if word != open[i] { closedAny = true }
                            target[i] = word
                        }
                    }
                }
                initialized = open.count
            }
            if closedAny {
                masks.append(narrowed)
                maskLevels.append(definitionLevel + 1)
            }
        }

        private mutating func applyOptionalToEntries(_ validity: Bitmap) {
            if validity.setCount == rowCount { return }
            let closedLevel = UInt16(definitionLevel)
            var rows = self.rows, definitions = self.definitionLevels
            self.rows = []
            self.definitionLevels = []
            var closed = 0
            validity.words.withUnsafeBufferPointer { valid in
                rows.withUnsafeMutableBufferPointer { rows in
                    for e in 0..<rows.count {
                        let row = rows[e]
                        if row >= 0 && valid[Int(row) >> 6] >> UInt64(row & 63) & 1 == 0 {
                            if closed == 0 && definitions.isEmpty {
                                definitions = [UInt16](repeating: 0, count: rows.count)
                            }
                            rows[e] = -1
                            definitions[e] = closedLevel
                            closed += 1
                        }
                    }
                }
            }
            self.rows = rows
            self.definitionLevels = definitions
            if closed > 0 {
                closedCount += closed
                coversAllRows = false
            }
        }

        /// Rows mode: each row's definition level, with `finalLevel` for rows that are open.
        func rowDefinitionLevels(finalLevel: Int) -> [UInt16] {
            precondition(!masks.isEmpty)
            // Masks nest, so a row open in masks 0..<k and closed from mask k on has level
            // maskLevels[k] - 1 = base + the weights of the masks it is open in.
            let base = UInt16(maskLevels[0] - 1)
            var weights: [UInt16] = []
            for k in masks.indices {
                let next = k + 1 < masks.count ? maskLevels[k + 1] : finalLevel + 1
                weights.append(UInt16(next - maskLevels[k]))
            }
            let count = rowCount
            if count == 0 { return [] }
            return [UInt16](unsafeUninitializedCapacity: count) { target, initialized in
                let out = target.baseAddress!
                // Eight rows per step: a mask byte indexes a table of eight levels, stored
                // with one 16-byte write. The 4 KB table pays off from a few hundred rows.
                let tableRows = count >= 256 ? count & ~7 : 0
                if tableRows > 0 {
                    let raw = UnsafeMutableRawPointer(out)
                    for k in masks.indices {
                        let table = Self.levelTable(weight: weights[k], base: k == 0 ? base : 0)
                        table.withUnsafeBufferPointer { table in
                            masks[k].withUnsafeBytes { mask in
                                // Words are little-endian, so byte j holds rows 8j..<8j+8.
                                if k == 0 {
                                    for j in 0..<tableRows >> 3 {
                                        raw.storeBytes(of: table[Int(mask[j])], toByteOffset: j &<< 4, as: SIMD8<UInt16>.self)
                                    }
                                } else {
                                    for j in 0..<tableRows >> 3 {
                                        let sum = raw.loadUnaligned(fromByteOffset: j &<< 4, as: SIMD8<UInt16>.self) &+ table[Int(mask[j])]
                                        raw.storeBytes(of: sum, toByteOffset: j &<< 4, as: SIMD8<UInt16>.self)
                                    }
                                }
                            }
                        }
                    }
                }
                for i in tableRows..<count {
                    var level = base
                    for k in masks.indices {
                        level &+= weights[k] &* UInt16(truncatingIfNeeded: masks[k][i >> 6] &>> UInt64(i & 63) & 1)
                    }
                    out[i] = level
                }
                initialized = count
            }
        }

        /// Entry `b` holds, for bits j of the byte `b`, `base + weight` if set, else `base`.
        private static func levelTable(weight: UInt16, base: UInt16) -> [SIMD8<UInt16>] {
            let lanes = SIMD8<UInt16>(1, 2, 4, 8, 16, 32, 64, 128)
            return (0..<256).map { byte in
                let bits = SIMD8<UInt16>(repeating: UInt16(byte)) & lanes
                return SIMD8<UInt16>(repeating: base).replacing(with: base &+ weight, where: bits .!= 0)
            }
        }

        /// Rows mode: the level of a closed row, from the first mask that drops it.
        private func closedRowLevel(_ row: Int) -> UInt16 {
            for k in masks.indices where masks[k][row >> 6] &>> UInt64(row & 63) & 1 == 0 {
                return UInt16(maskLevels[k] - 1)
            }
            preconditionFailure("row \(row) is open")
        }

        /// A list or map node (already past its own optional step): each open entry becomes
        /// one entry per element of its row's offset range, or closes if the range is empty.
        mutating func expand(offsets: [Int32], childRowCount: Int) {
            precondition(offsets.count == rowCount + 1, "offsets do not match the row count")
            let expanded: Expansion
            if isRowsMode {
                if let open = masks.last {
                    expanded = open.withUnsafeBufferPointer { open in
                        Self.expand(entryCount: rowCount, closedBefore: rowCount - Self.popCount(open),
                                    offsets: offsets, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                    row: { e in open[e >> 6] &>> UInt64(e & 63) & 1 != 0 ? Int32(truncatingIfNeeded: e) : -1 },
                                    repetition: { _ in 0 },
                                    definition: { e in closedRowLevel(e) })
                    }
                } else {
                    expanded = Self.expand(entryCount: rowCount, closedBefore: 0,
                                           offsets: offsets, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                           row: { e in Int32(truncatingIfNeeded: e) },
                                           repetition: { _ in 0 },
                                           definition: { _ in 0 })
                }
            } else {
                expanded = rows.withUnsafeBufferPointer { rows in
                    repetitionLevels.withUnsafeBufferPointer { repetitions in
                        definitionLevels.withUnsafeBufferPointer { definitions in
                            Self.expand(entryCount: rows.count, closedBefore: closedCount,
                                        offsets: offsets, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel,
                                        row: { e in rows[e] },
                                        repetition: { e in repetitions[e] },
                                        // Only read for closed entries, which exist only if the array does.
                                        definition: { e in definitions[e] })
                        }
                    }
                }
            }
            isRowsMode = false
            masks = []
            maskLevels = []
            rows = expanded.rows
            repetitionLevels = expanded.repetitionLevels
            definitionLevels = expanded.definitionLevels
            closedCount = expanded.closedCount
            coversAllRows = expanded.openRowTotal == childRowCount
            rowCount = childRowCount
            definitionLevel += 1
            repetitionLevel += 1
        }

        private struct Expansion {
            var rows: [Int32]
            var repetitionLevels: [UInt16]
            var definitionLevels: [UInt16]
            var closedCount: Int
            /// Child rows referenced by open entries.
            var openRowTotal: Int
        }

        /// The loops of `expand`, generic over where entries come from; the closures are
        /// inlined into each caller's specialisation.
        @inline(__always)
        private static func expand(entryCount: Int, closedBefore: Int, offsets: [Int32],
                                   definitionLevel: Int, repetitionLevel: Int,
                                   row: (Int) -> Int32, repetition: (Int) -> UInt16,
                                   definition: (Int) -> UInt16) -> Expansion {
            offsets.withUnsafeBufferPointer { offsets in
                // Pass 1: sizes, so the outputs are allocated once and exactly.
                var emptyCount = 0, openRowTotal = 0
                for e in 0..<entryCount {
                    let r = row(e)
                    if r < 0 { continue }
                    let length = Int(offsets[Int(r) + 1] &- offsets[Int(r)])
                    openRowTotal &+= length
                    if length == 0 { emptyCount &+= 1 }
                }
                let closedCount = closedBefore + emptyCount
                let newCount = closedCount + openRowTotal
                // Pass 2: fill. Every entry but the first of a list repeats at the list's own
                // level, so that is the fill value; empty lists close at the list node's level.
                let emptyLevel = UInt16(definitionLevel)
                let hasDefinitions = closedCount > 0
                var newRepetitions = [UInt16](repeating: UInt16(repetitionLevel + 1), count: newCount)
                var newDefinitions = hasDefinitions ? [UInt16](repeating: 0, count: newCount) : []
                // Short lists (the common case) store eight row numbers at once and advance by
                // their length, so random lengths cost no branch mispredictions; the capacity
                // has eight slots of slack for the overhang, which later entries overwrite.
                let newRows = [Int32](unsafeUninitializedCapacity: newCount + 8) { rowsOut, initialized in
                    let rowsRaw = UnsafeMutableRawPointer(rowsOut.baseAddress!)
                    let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
                    newRepetitions.withUnsafeMutableBufferPointer { repetitionsOut in
                        newDefinitions.withUnsafeMutableBufferPointer { definitionsOut in
                            var i = 0
                            for e in 0..<entryCount {
                                let r = row(e)
                                repetitionsOut[i] = repetition(e)
                                if r < 0 {
                                    rowsOut[i] = -1
                                    definitionsOut[i] = definition(e)
                                    i &+= 1
                                    continue
                                }
                                let start = offsets[Int(r)], end = offsets[Int(r) + 1]
                                let length = Int(end &- start)
                                // Open entries' definition slots are placeholders, so writing the
                                // empty-list level unconditionally is harmless.
                                if hasDefinitions { definitionsOut[i] = emptyLevel }
                                if length <= 8 {
                                    rowsRaw.storeBytes(of: SIMD8(repeating: start) &+ lanes, toByteOffset: i &<< 2, as: SIMD8<Int32>.self)
                                    rowsOut[i] = length == 0 ? -1 : start
                                    i &+= length == 0 ? 1 : length
                                } else {
                                    var child = start
                                    repeat {
                                        rowsOut[i] = child
                                        i &+= 1
                                        child &+= 1
                                    } while child < end
                                }
                            }
                            precondition(i == newCount)
                        }
                    }
                    initialized = newCount
                }
                return Expansion(rows: newRows, repetitionLevels: newRepetitions, definitionLevels: newDefinitions,
                                 closedCount: closedCount, openRowTotal: openRowTotal)
            }
        }

        /// The leaf: applies its optional step, then emits levels and dense values.
        func finishLeaf(_ column: Column, nullable: Bool) -> ShreddedLeaf {
            if isRowsMode {
                var levels = self
                if nullable { levels.applyOptional(column.validity) }
                let maxDefinition = levels.definitionLevel
                guard let open = levels.masks.last else {
                    return ShreddedLeaf(definitionLevels: [], repetitionLevels: [], levelCount: rowCount,
                                        values: column.values, valueCount: rowCount,
                                        maxDefinitionLevel: maxDefinition, maxRepetitionLevel: 0, allPresent: true)
                }
                let definitions = levels.rowDefinitionLevels(finalLevel: maxDefinition)
                let (values, valueCount) = open.withUnsafeBufferPointer { open in
                    let count = Self.popCount(open)
                    return (DenseGather.gather(column.values, presentWords: open, presentCount: count), count)
                }
                return ShreddedLeaf(definitionLevels: definitions, repetitionLevels: [], levelCount: rowCount,
                                    values: values, valueCount: valueCount,
                                    maxDefinitionLevel: maxDefinition, maxRepetitionLevel: 0, allPresent: false)
            }
            return finishEntriesLeaf(column, nullable: nullable)
        }

        /// Entries mode leaf in one pass over the entries: closed entries keep their level,
        /// open ones get the maximum or, if the leaf value is null, one less.
        private func finishEntriesLeaf(_ column: Column, nullable: Bool) -> ShreddedLeaf {
            let maxDefinition = definitionLevel + (nullable ? 1 : 0)
            let entryCount = rows.count
            let validity = nullable ? column.validity.flatMap { $0.setCount < column.count ? $0 : nil } : nil
            var leafNulls = 0
            var definitions: [UInt16] = []
            if closedCount > 0 || validity != nil {
                let top = UInt16(maxDefinition)
                definitions = [UInt16](unsafeUninitializedCapacity: entryCount) { target, initialized in
                    rows.withUnsafeBufferPointer { rows in
                        definitionLevels.withUnsafeBufferPointer { closed in
                            if let validity {
                                validity.words.withUnsafeBufferPointer { valid in
                                    for e in 0..<entryCount {
                                        let r = rows[e]
                                        if r < 0 { target[e] = closed[e]; continue }
                                        let bit = Int(truncatingIfNeeded: valid[Int(r) >> 6] &>> UInt64(r & 63) & 1)
                                        target[e] = top &- 1 &+ UInt16(truncatingIfNeeded: bit)
                                        leafNulls &+= 1 &- bit
                                    }
                                }
                            } else {
                                for e in 0..<entryCount {
                                    let r = rows[e]
                                    target[e] = r < 0 ? closed[e] : top
                                }
                            }
                        }
                    }
                    initialized = entryCount
                }
            }
            let valueCount = entryCount - closedCount - leafNulls
            let allPresent = valueCount == entryCount
            let values: ColumnValues
            if coversAllRows && leafNulls == 0 {
                values = column.values
            } else if coversAllRows, let validity {
                // Every row is an entry; only the leaf's own nulls drop out.
                values = validity.words.withUnsafeBufferPointer { valid in
                    DenseGather.gather(column.values, presentWords: valid, presentCount: valueCount)
                }
            } else {
                var selection = [UInt64](repeating: 0, count: (column.count + 63) >> 6)
                selection.withUnsafeMutableBufferPointer { selection in
                    rows.withUnsafeBufferPointer { rows in
                        for e in 0..<entryCount {
                            let row = rows[e]
                            if row >= 0 { selection[Int(row) >> 6] |= 1 &<< UInt64(row & 63) }
                        }
                    }
                    if let validity {
                        validity.words.withUnsafeBufferPointer { valid in
                            for w in 0..<selection.count { selection[w] &= valid[w] }
                        }
                    }
                }
                values = selection.withUnsafeBufferPointer { selection in
                    DenseGather.gather(column.values, presentWords: selection, presentCount: valueCount)
                }
            }
            return ShreddedLeaf(definitionLevels: allPresent ? [] : definitions,
                                repetitionLevels: repetitionLevels, levelCount: entryCount,
                                values: values, valueCount: valueCount,
                                maxDefinitionLevel: maxDefinition, maxRepetitionLevel: repetitionLevel,
                                allPresent: allPresent)
        }

        @inline(__always)
        static func popCount(_ words: UnsafeBufferPointer<UInt64>) -> Int {
            var total = 0
            for word in words { total &+= word.nonzeroBitCount }
            return total
        }
    }
}
