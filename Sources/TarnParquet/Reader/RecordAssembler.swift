// Record assembly (Dremel §4.3) from the levels of each leaf into Tarn's nested columns.
//
// Each node works on its "slots": the entries of its first leaf that start one of its rows
// (see `NodeLevels`). Given those, the node's own buffers follow from the levels alone:
//
//   nullable node: present where definition level ≥ its definedLevel
//   leaf:          the next dense value where definition level = the leaf's maximum
//   list / map:    its elements are the entries with repetition ≤ r and definition ≥ d of
//                  its repeated group; each belongs to the last slot at or before it
//   struct:        children with the same slot criteria, each in its own first leaf
//
// Every node costs one pass over one leaf's levels. Levels that disagree (leaves whose
// records do not line up, an element under a null list, values left over) are a malformed
// file, reported instead of building inconsistent buffers.
import TarnCore

struct RecordAssembler {
    let leaves: [Int: LeafData]
    let plans: [LeafPlan]

    /// Row positions of one node: entry indices of its first leaf, or all entries 0..<n.
    enum Slots {
        case all(Int)
        case some([Int])

        var count: Int {
            switch self {
            case .all(let n): return n
            case .some(let entries): return entries.count
            }
        }

        @inline(__always)
        subscript(i: Int) -> Int {
            switch self {
            case .all: return i
            case .some(let entries): return entries[i]
            }
        }
    }

    /// Builds the column of a top-level field, which must have `rows` rows.
    func assemble(_ node: ReadNode, field: Field, rows: Int) throws(ParquetError) -> Column {
        let slots = try slots(of: node.levels)
        guard slots.count == rows else {
            throw ParquetError(.malformed, "has \(slots.count) records where the row group has \(rows) rows", column: field.name)
        }
        return try build(node, type: field.type, slots: slots)
    }

    private func leaf(_ index: Int) throws(ParquetError) -> LeafData {
        guard let data = leaves[index] else { throw ParquetError(.malformed, "leaf \(index) was not decoded") }
        return data
    }

    /// Entries of the node's first leaf with repetition ≤ enclosingRepetition and
    /// definition ≥ enclosingDefinition.
    private func slots(of levels: NodeLevels) throws(ParquetError) -> Slots {
        let data = try leaf(plans[levels.firstLeaf].chunkIndex)
        return Self.slots(in: data, repetition: levels.enclosingRepetition, definition: levels.enclosingDefinition)
    }

    private static func slots(in data: LeafData, repetition: Int, definition: Int) -> Slots {
        if data.maxRepetitionLevel == 0 && definition == 0 { return .all(data.levelCount) }
        var entries: [Int] = []
        entries.reserveCapacity(data.levelCount)
        let r = UInt16(clamping: repetition), d = UInt16(clamping: definition)
        for e in 0..<data.levelCount {
            let repeats = data.maxRepetitionLevel == 0 ? 0 : data.repetitionLevels[e]
            let defined = data.maxDefinitionLevel == 0 ? 0 : data.definitionLevels[e]
            if repeats <= r && defined >= d { entries.append(e) }
        }
        return .some(entries)
    }

    /// Validity of a nullable node from its slots; nil when every slot is present.
    private func validity(_ levels: NodeLevels, slots: Slots, in data: LeafData) -> Bitmap? {
        guard levels.nullable, data.maxDefinitionLevel > 0 else { return nil }
        let needed = UInt16(clamping: levels.definedLevel)
        var bits = Bitmap()
        bits.reserveCapacity(slots.count)
        var allPresent = true
        for i in 0..<slots.count {
            let present = data.definitionLevels[slots[i]] >= needed
            allPresent = allPresent && present
            bits.append(present)
        }
        return allPresent ? nil : bits
    }

    private func build(_ node: ReadNode, type: DataType, slots: Slots) throws(ParquetError) -> Column {
        switch (node, type) {
        case (.leaf(let levels, let index), _):
            return try buildLeaf(levels, plan: plans[index], slots: slots)
        case (.structure(let levels, let children), .structure(let fields)):
            let data = try leaf(plans[levels.firstLeaf].chunkIndex)
            var columns: [Column] = []
            columns.reserveCapacity(children.count)
            for (i, (child, field)) in zip(children, fields).enumerated() {
                // The first child starts in the same leaf, so its slots are the struct's.
                let childSlots = i == 0 ? slots : try self.slots(of: child.levels)
                guard childSlots.count == slots.count else {
                    throw ParquetError(.malformed, "struct member '\(field.name)' has \(childSlots.count) entries where its struct has \(slots.count)", column: plans[child.levels.firstLeaf].dottedPath)
                }
                columns.append(try build(child, type: field.type, slots: childSlots))
            }
            return Column(values: .structure(columns), validity: validity(levels, slots: slots, in: data), count: slots.count)
        case (.list(let levels, let repeated, let elementNode), .list(let elementField)):
            let data = try leaf(plans[levels.firstLeaf].chunkIndex)
            let (offsets, elements) = try listOffsets(repeated, slots: slots, in: data, path: plans[levels.firstLeaf].dottedPath)
            let element = try build(elementNode, type: elementField.type, slots: elements)
            return Column(values: .list(offsets: offsets, element: element), validity: validity(levels, slots: slots, in: data), count: slots.count)
        case (.map(let levels, let repeated, let keyNode, let valueNode), .map(let keyField, let valueField)):
            let data = try leaf(plans[levels.firstLeaf].chunkIndex)
            let (offsets, entries) = try listOffsets(repeated, slots: slots, in: data, path: plans[levels.firstLeaf].dottedPath)
            let keys = try build(keyNode, type: keyField.type, slots: entries)
            let valueSlots = try self.slots(of: valueNode.levels)
            guard valueSlots.count == entries.count else {
                throw ParquetError(.malformed, "map has \(entries.count) keys but \(valueSlots.count) values", column: plans[valueNode.levels.firstLeaf].dottedPath)
            }
            let values = try build(valueNode, type: valueField.type, slots: valueSlots)
            return Column(values: .map(offsets: offsets, keys: keys, values: values), validity: validity(levels, slots: slots, in: data), count: slots.count)
        default:
            throw ParquetError(.malformed, "the read plan does not match type \(type)")
        }
    }

    /// Offsets of a list or map whose rows are `slots`, and the slots of its elements.
    private func listOffsets(_ repeated: RepeatedLevels, slots: Slots, in data: LeafData,
                             path: String) throws(ParquetError) -> ([Int32], Slots) {
        let elements = Self.slots(in: data, repetition: repeated.repetition, definition: repeated.elementDefinition)
        guard elements.count <= Int(Int32.max) else {
            throw ParquetError(.unsupported, "more than 2^31 - 1 list elements in one column", column: path)
        }
        let hasElementLevel = UInt16(clamping: repeated.elementDefinition)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(slots.count + 1)
        var next = 0  // the next element slot to assign
        for i in 0..<slots.count {
            let start = slots[i]
            let end = i + 1 < slots.count ? slots[i + 1] : data.levelCount
            if next < elements.count && elements[next] < start {
                throw ParquetError(.malformed, "a list element at entry \(elements[next]) belongs to no record", column: path)
            }
            let definition = data.maxDefinitionLevel == 0 ? 0 : data.definitionLevels[start]
            let first = next
            while next < elements.count && elements[next] < end { next += 1 }
            if definition < hasElementLevel && next != first {
                throw ParquetError(.malformed, "a null or empty list at entry \(start) is followed by elements", column: path)
            }
            offsets.append(Int32(next))
        }
        guard next == elements.count else {
            throw ParquetError(.malformed, "\(elements.count - next) list elements follow the last record", column: path)
        }
        return (offsets, elements)
    }

    /// A leaf column: dense values spread over the slots whose definition level is the
    /// maximum, placeholders (0, empty) elsewhere.
    private func buildLeaf(_ levels: NodeLevels, plan: LeafPlan, slots: Slots) throws(ParquetError) -> Column {
        let data = try leaf(plan.chunkIndex)
        let dense = try plan.conversion.apply(data.values.finish(), type: plan.type, path: plan.dottedPath)
        let denseCount = data.values.count
        let maximum = UInt16(data.maxDefinitionLevel)
        var present: [Bool]?
        var presentCount = slots.count
        if data.maxDefinitionLevel > 0 {
            var flags = [Bool](repeating: false, count: slots.count)
            presentCount = 0
            for i in 0..<slots.count where data.definitionLevels[slots[i]] == maximum {
                flags[i] = true
                presentCount += 1
            }
            if presentCount < slots.count { present = flags }
        }
        guard presentCount == denseCount else {
            throw ParquetError(.malformed, "the levels place \(presentCount) values but the pages hold \(denseCount)", column: plan.dottedPath)
        }
        guard let present else {
            return Column(values: dense, validity: nil, count: slots.count)
        }
        let validity = levels.nullable ? Bitmap(present) : nil
        return Column(values: Self.spread(dense, present: present), validity: validity, count: slots.count)
    }

    /// Dense values placed at the rows marked present; other rows hold 0 or nothing.
    static func spread(_ dense: ColumnValues, present: [Bool]) -> ColumnValues {
        func fixed<T>(_ values: [T], zero: T) -> [T] {
            var out = [T](repeating: zero, count: present.count)
            var k = 0
            for (i, isPresent) in present.enumerated() where isPresent {
                out[i] = values[k]
                k += 1
            }
            return out
        }
        switch dense {
        case .boolean(let bits):
            var out = Bitmap()
            out.reserveCapacity(present.count)
            var k = 0
            for isPresent in present {
                if isPresent { out.append(bits[k]); k += 1 } else { out.append(false) }
            }
            return .boolean(out)
        case .int32(let v): return .int32(fixed(v, zero: 0))
        case .int64(let v): return .int64(fixed(v, zero: 0))
        case .int128(let v): return .int128(fixed(v, zero: 0))
        case .float32(let v): return .float32(fixed(v, zero: 0))
        case .float64(let v): return .float64(fixed(v, zero: 0))
        case .bytes(let offsets, let data):
            var out: [Int32] = [0]
            out.reserveCapacity(present.count + 1)
            var k = 0
            for isPresent in present {
                if isPresent { k += 1 }
                out.append(offsets[k])
            }
            return .bytes(offsets: out, data: data)
        case .fixedBytes(let width, let data):
            var out = [UInt8](repeating: 0, count: present.count * width)
            var k = 0
            for (i, isPresent) in present.enumerated() where isPresent {
                out.replaceSubrange((i * width)..<((i + 1) * width), with: data[(k * width)..<((k + 1) * width)])
                k += 1
            }
            return .fixedBytes(width: width, data: out)
        case .list, .structure, .map:
            return dense
        }
    }
}
