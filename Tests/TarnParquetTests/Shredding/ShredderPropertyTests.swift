import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Random nested columns, shredded and re-assembled leaf by leaf, must give back the
/// original values. The seed is fixed and printed; set `TARN_SHRED_SEED` to replay another.
@Suite struct ShredderPropertyTests {
    static let seed: UInt64 = {
        if let text = ProcessInfoLite.environment("TARN_SHRED_SEED"), let value = UInt64(text) { return value }
        return 0x5EED_7A12
    }()

    @Test func randomNestedColumnsRoundTrip() throws {
        print("ShredderPropertyTests seed: \(Self.seed)")
        var random = SeededGenerator(seed: Self.seed)
        for iteration in 0..<400 {
            let field = Field("c", RandomColumns.type(depth: 4, using: &random), nullable: random.next() % 4 != 0)
            let rows = iteration % 25 == 0 ? 200 + Int(random.next() % 70) : Int(random.next() % 70)
            let column = RandomColumns.column(for: field.type, nullable: field.nullable, count: rows, using: &random)
            let context = Comment(rawValue: "seed \(Self.seed), iteration \(iteration), type \(field.type), nullable \(field.nullable), \(rows) rows")
            do {
                _ = try ColumnBatch(schema: Schema([field]), columns: [column])
            } catch {
                Issue.record("generator made an invalid column: \(error); \(context.rawValue)")
                return
            }

            let paths = LeafPath.leaves(of: field)
            let chains = PathNode.chains(of: field)
            let leaves = Shredder.shred(column, as: field)
            try #require(leaves.count == paths.count && leaves.count == chains.count, context)
            for (index, leaf) in leaves.enumerated() {
                let chain = chains[index]
                #expect(leaf.maxDefinitionLevel == paths[index].maxDefinitionLevel, context)
                #expect(leaf.maxRepetitionLevel == paths[index].maxRepetitionLevel, context)
                #expect(leaf.maxDefinitionLevel == chain.last!.defined, context)
                checkShape(leaf, rows: rows, context)

                var assembler = LeafAssembler(leaf: leaf, chain: chain)
                let assembled = assembler.assembleRows()
                let expected = (0..<rows).map { PathNode.project(column, row: $0, chain: chain[...]) }
                #expect(assembled == expected, "leaf \(paths[index].path): \(context)")
                if assembled != expected { return }
            }
        }
    }

    private func checkShape(_ leaf: ShreddedLeaf, rows: Int, _ context: Comment) {
        #expect(leaf.valueCount == (leaf.values.rowCount ?? -1), context)
        if leaf.maxRepetitionLevel == 0 {
            #expect(leaf.repetitionLevels.isEmpty && leaf.levelCount == rows, context)
        } else {
            #expect(leaf.repetitionLevels.count == leaf.levelCount, context)
            #expect(leaf.repetitionLevels.allSatisfy { Int($0) <= leaf.maxRepetitionLevel }, context)
        }
        if leaf.allPresent || leaf.maxDefinitionLevel == 0 {
            #expect(leaf.definitionLevels.isEmpty && leaf.valueCount == leaf.levelCount, context)
        } else {
            #expect(leaf.definitionLevels.count == leaf.levelCount, context)
            #expect(leaf.definitionLevels.allSatisfy { Int($0) <= leaf.maxDefinitionLevel }, context)
            #expect(leaf.definitionLevels.filter { Int($0) == leaf.maxDefinitionLevel }.count == leaf.valueCount, context)
        }
    }
}

/// Reads one environment variable without Foundation.
private enum ProcessInfoLite {
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random types and columns, including what Arrow allows and a shredder must skip: bytes and
/// values in null slots, null list rows with non-empty ranges, children under null structs.
enum RandomColumns {
    static func type(depth: Int, using random: inout SeededGenerator) -> DataType {
        let choice = random.below(depth > 0 ? 10 : 6)
        switch choice {
        case 0: return .int32
        case 1: return .int64
        case 2: return .string
        case 3: return .boolean
        case 4: return .uuid
        case 5: return .float64
        case 6, 7:
            return .list(Field("element", type(depth: depth - 1, using: &random), nullable: random.below(3) != 0))
        case 8:
            let count = 1 + random.below(3)
            return .structure((0..<count).map {
                Field("f\($0)", type(depth: depth - 1, using: &random), nullable: random.below(3) != 0)
            })
        default:
            let key: DataType = random.below(2) == 0 ? .string : .int32
            return .map(key: Field("key", key, nullable: false),
                        value: Field("value", type(depth: depth - 1, using: &random), nullable: random.below(3) != 0))
        }
    }

    /// A validity bitmap for `count` rows: none, all set, or nulls at a random density.
    static func validity(nullable: Bool, count: Int, using random: inout SeededGenerator) -> Bitmap? {
        guard nullable else { return random.below(8) == 0 ? Bitmap(repeating: true, count: count) : nil }
        switch random.below(5) {
        case 0: return nil
        case 1: return Bitmap(repeating: true, count: count)
        default:
            let percent = [10, 50, 90][random.below(3)]
            var bits = Bitmap()
            for _ in 0..<count { bits.append(random.below(100) >= percent) }
            return bits
        }
    }

    static func column(for type: DataType, nullable: Bool, count: Int, using random: inout SeededGenerator) -> Column {
        let validity = validity(nullable: nullable, count: count, using: &random)
        func isNull(_ row: Int) -> Bool { validity.map { !$0[row] } ?? false }
        let values: ColumnValues
        switch type {
        case .int32: values = .int32((0..<count).map { _ in Int32(truncatingIfNeeded: random.next()) })
        case .int64: values = .int64((0..<count).map { _ in Int64(bitPattern: random.next()) })
        case .float64: values = .float64((0..<count).map { _ in Double(random.below(1000)) / 8 })
        case .boolean: values = .boolean(Bitmap((0..<count).map { _ in random.below(2) == 0 }))
        case .uuid: values = .fixedBytes(width: 16, data: (0..<count * 16).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        case .string:
            var offsets: [Int32] = [0], data: [UInt8] = []
            for _ in 0..<count {
                for _ in 0..<random.below(5) { data.append(UInt8(97 + random.below(26))) }
                offsets.append(Int32(data.count))
            }
            values = .bytes(offsets: offsets, data: data)
        case .list(let element):
            let offsets = randomOffsets(count: count, isNull: isNull, using: &random)
            values = .list(offsets: offsets, element: column(for: element.type, nullable: element.nullable,
                                                             count: Int(offsets.last!), using: &random))
        case .structure(let members):
            values = .structure(members.map { column(for: $0.type, nullable: $0.nullable, count: count, using: &random) })
        case .map(let key, let value):
            let offsets = randomOffsets(count: count, isNull: isNull, using: &random)
            let entries = Int(offsets.last!)
            values = .map(offsets: offsets,
                          keys: column(for: key.type, nullable: false, count: entries, using: &random),
                          values: column(for: value.type, nullable: value.nullable, count: entries, using: &random))
        default:
            fatalError("type not generated")
        }
        return Column(values: values, validity: validity, count: count)
    }

    /// Lengths 0...3 (0 a third of the time); a null row's range is non-empty one time in four.
    private static func randomOffsets(count: Int, isNull: (Int) -> Bool, using random: inout SeededGenerator) -> [Int32] {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(count + 1)
        for row in 0..<count {
            let length: Int
            if isNull(row) {
                length = random.below(4) == 0 ? 1 + random.below(2) : 0
            } else {
                length = random.below(3) == 0 ? 0 : 1 + random.below(3)
            }
            offsets.append(offsets.last! + Int32(length))
        }
        return offsets
    }
}
