import TarnCore
@testable import TarnParquet

/// Test-only helpers for the shredding suites: reading dense values back and a small
/// record assembler from levels (Dremel §4.3, one leaf at a time) to Swift values.
enum ShreddingTestSupport {
    static func int64s(_ values: ColumnValues) -> [Int64] {
        switch values {
        case .int32(let v): return v.map(Int64.init)
        case .int64(let v): return v
        default: return []
        }
    }

    static func strings(_ values: ColumnValues) -> [String] {
        guard case .bytes(let offsets, let data) = values else { return [] }
        return (0..<offsets.count - 1).map { String(decoding: data[Int(offsets[$0])..<Int(offsets[$0 + 1])], as: UTF8.self) }
    }

    /// A leaf's definition levels as an array whatever `allPresent` says.
    static func definitions(_ leaf: ShreddedLeaf) -> [UInt16] { leaf.materializedDefinitionLevels }
}

/// A value projected onto one leaf path: structs keep only the member on the path, maps
/// become lists of their keys or of their values.
indirect enum ProjectedValue: Equatable, CustomStringConvertible {
    case null
    case scalar([UInt8])
    case group(ProjectedValue)
    case list([ProjectedValue])

    var description: String {
        switch self {
        case .null: return "null"
        case .scalar(let bytes): return bytes.map { String($0, radix: 16) }.joined()
        case .group(let child): return "{\(child)}"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One Tarn node on the way from a top-level field to a leaf.
struct PathNode {
    enum Kind { case member(Int), list, mapKey, mapValue, leaf }
    var kind: Kind
    var nullable: Bool
    /// Definition level at which this node is not null (after its own optional step).
    var defined = 0
    /// List-like nodes: definition level at which the list has an element, and the
    /// repetition level of its repeated group.
    var elementDefined = 0
    var repetition = 0

    /// Every leaf path under `field`, in depth-first order, with levels worked out from the
    /// Parquet rules independently of `LeafPath`.
    static func chains(of field: Field) -> [[PathNode]] {
        var chains: [[PathNode]] = []
        walk(field.type, nullable: field.nullable, prefix: [], into: &chains)
        return chains.map(assignLevels)
    }

    private static func walk(_ type: DataType, nullable: Bool, prefix: [PathNode], into chains: inout [[PathNode]]) {
        switch type {
        case .structure(let members):
            for (index, member) in members.enumerated() {
                walk(member.type, nullable: member.nullable, prefix: prefix + [PathNode(kind: .member(index), nullable: nullable)], into: &chains)
            }
        case .list(let element):
            walk(element.type, nullable: element.nullable, prefix: prefix + [PathNode(kind: .list, nullable: nullable)], into: &chains)
        case .map(let key, let value):
            walk(key.type, nullable: false, prefix: prefix + [PathNode(kind: .mapKey, nullable: nullable)], into: &chains)
            walk(value.type, nullable: value.nullable, prefix: prefix + [PathNode(kind: .mapValue, nullable: nullable)], into: &chains)
        default:
            chains.append(prefix + [PathNode(kind: .leaf, nullable: nullable)])
        }
    }

    private static func assignLevels(_ chain: [PathNode]) -> [PathNode] {
        var definition = 0, repetition = 0
        return chain.map { node in
            var node = node
            if node.nullable { definition += 1 }
            node.defined = definition
            switch node.kind {
            case .list, .mapKey, .mapValue:
                definition += 1
                repetition += 1
                node.elementDefined = definition
                node.repetition = repetition
            default: break
            }
            return node
        }
    }

    /// The value of `row` of `column` projected onto `chain`, read straight from the buffers.
    static func project(_ column: Column, row: Int, chain: ArraySlice<PathNode>) -> ProjectedValue {
        let node = chain.first!
        let rest = chain.dropFirst()
        if node.nullable && column.isNull(row) { return .null }
        switch (node.kind, column.values) {
        case (.leaf, let values): return .scalar(scalar(values, at: row))
        case (.member(let index), .structure(let children)):
            return .group(project(children[index], row: row, chain: rest))
        case (.list, .list(let offsets, let element)):
            return .list((Int(offsets[row])..<Int(offsets[row + 1])).map { project(element, row: $0, chain: rest) })
        case (.mapKey, .map(let offsets, let keys, _)):
            return .list((Int(offsets[row])..<Int(offsets[row + 1])).map { project(keys, row: $0, chain: rest) })
        case (.mapValue, .map(let offsets, _, let values)):
            return .list((Int(offsets[row])..<Int(offsets[row + 1])).map { project(values, row: $0, chain: rest) })
        default:
            fatalError("chain does not match the column")
        }
    }

    /// The bytes of one leaf value, whatever its storage.
    static func scalar(_ values: ColumnValues, at index: Int) -> [UInt8] {
        func bytes<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        switch values {
        case .boolean(let bits): return [bits[index] ? 1 : 0]
        case .int32(let v): return bytes(v[index])
        case .int64(let v): return bytes(v[index])
        case .int128(let v): return bytes(v[index])
        case .float32(let v): return bytes(v[index].bitPattern)
        case .float64(let v): return bytes(v[index].bitPattern)
        case .bytes(let offsets, let data): return Array(data[Int(offsets[index])..<Int(offsets[index + 1])])
        case .fixedBytes(let width, let data): return Array(data[index * width..<(index + 1) * width])
        default: fatalError("not a leaf")
        }
    }
}

/// Rebuilds projected rows of one leaf from its levels and dense values.
struct LeafAssembler {
    let leaf: ShreddedLeaf
    let chain: [PathNode]
    private var position = 0
    private var valuePosition = 0

    init(leaf: ShreddedLeaf, chain: [PathNode]) {
        self.leaf = leaf
        self.chain = chain
    }

    private func definition(_ i: Int) -> Int {
        if leaf.maxDefinitionLevel == 0 || leaf.allPresent { return leaf.maxDefinitionLevel }
        return Int(leaf.definitionLevels[i])
    }

    private func repetition(_ i: Int) -> Int {
        leaf.maxRepetitionLevel == 0 ? 0 : Int(leaf.repetitionLevels[i])
    }

    /// All rows; nil when the levels run out early, a row does not start at repetition 0,
    /// or entries or values are left over.
    mutating func assembleRows() -> [ProjectedValue]? {
        var rows: [ProjectedValue] = []
        while position < leaf.levelCount {
            if repetition(position) != 0 { return nil }
            guard let row = build(0) else { return nil }
            rows.append(row)
        }
        return valuePosition == leaf.valueCount ? rows : nil
    }

    private mutating func build(_ index: Int) -> ProjectedValue? {
        guard position < leaf.levelCount else { return nil }
        let node = chain[index]
        let level = definition(position)
        if node.nullable && level < node.defined {
            position += 1
            return .null
        }
        switch node.kind {
        case .leaf:
            guard valuePosition < leaf.valueCount, level == leaf.maxDefinitionLevel else { return nil }
            let value = PathNode.scalar(leaf.values, at: valuePosition)
            valuePosition += 1
            position += 1
            return .scalar(value)
        case .member:
            return build(index + 1).map { .group($0) }
        case .list, .mapKey, .mapValue:
            if level < node.elementDefined {
                position += 1
                return .list([])
            }
            var items: [ProjectedValue] = []
            repeat {
                guard let item = build(index + 1) else { return nil }
                items.append(item)
            } while position < leaf.levelCount && repetition(position) == node.repetition
            return .list(items)
        }
    }
}
