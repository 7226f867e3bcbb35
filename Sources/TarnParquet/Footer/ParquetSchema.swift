/// The schema tree rebuilt from the depth-first `FileMetaData.schema` list.
///
/// Building it checks the `num_children` counts, so a corrupt footer is reported here
/// rather than crashing a reader later.
public struct ParquetSchema: Sendable {
    /// One node of the tree.
    public struct Node: Sendable {
        public var element: SchemaElement
        public var children: [Node]
        /// Names from the root's child down to this node (the root's is empty).
        public var path: [String]
        public var maxDefinitionLevel: Int
        public var maxRepetitionLevel: Int

        /// A leaf holds values; a group (even one with no children) holds fields.
        public var isLeaf: Bool { element.type != nil && (element.numChildren ?? 0) == 0 }
    }

    /// Groups nested deeper than this are rejected (a guard against stack exhaustion).
    static let maxDepth = 256

    public let root: Node
    /// Leaves in schema order: one per column chunk of each row group.
    public let leaves: [Node]

    /// The number of top-level fields.
    public var numColumns: Int { root.children.count }
    public var numLeafColumns: Int { leaves.count }

    public init(_ elements: [SchemaElement]) throws(ParquetError) {
        guard let first = elements.first else {
            throw ParquetError(.malformed, "the schema is empty (no root element)")
        }
        guard first.numChildren != nil || first.type == nil else {
            throw ParquetError(.malformed, "the schema root '\(first.name)' is a leaf, not a group")
        }
        var index = 0
        var leaves: [Node] = []
        root = try Self.build(elements, &index, parentPath: nil, definition: 0, repetition: 0, depth: 0, leaves: &leaves)
        if index != elements.count {
            throw ParquetError(.malformed, "the schema lists \(elements.count) elements but its root's num_children account for \(index)")
        }
        self.leaves = leaves
    }

    private static func build(_ elements: [SchemaElement], _ index: inout Int, parentPath: [String]?,
                              definition: Int, repetition: Int, depth: Int,
                              leaves: inout [Node]) throws(ParquetError) -> Node {
        guard depth <= maxDepth else {
            throw ParquetError(.malformed, "the schema nests deeper than \(maxDepth) levels")
        }
        guard index < elements.count else {
            throw ParquetError(.malformed, "the schema's num_children counts need more than the \(elements.count) elements listed")
        }
        let element = elements[index]
        let position = index
        index += 1
        var definition = definition, repetition = repetition
        let path = parentPath.map { $0 + [element.name] } ?? []
        if parentPath != nil {
            // The root has no repetition; every other node must have one.
            switch element.repetitionType {
            case .optional?: definition += 1
            case .repeated?: definition += 1; repetition += 1
            case .required?: break
            case let other?:
                throw ParquetError(.unsupported, "schema element '\(element.name)' has repetition type \(other.name)")
            case nil:
                throw ParquetError(.malformed, "schema element '\(element.name)' has no repetition type")
            }
        }
        var node = Node(element: element, children: [], path: path,
                        maxDefinitionLevel: definition, maxRepetitionLevel: repetition)
        let childCount = Int(element.numChildren ?? 0)
        if childCount < 0 {
            throw ParquetError(.malformed, "schema element \(position) '\(element.name)' has num_children \(childCount)")
        }
        if element.numChildren == nil && element.type == nil {
            throw ParquetError(.malformed, "schema element \(position) '\(element.name)' has neither a type nor num_children")
        }
        if node.isLeaf {
            guard let type = element.type, type.isKnown else {
                throw ParquetError(.malformed, "schema element '\(element.name)' has unknown physical type \(element.type?.name ?? "?")")
            }
            leaves.append(node)
            return node
        }
        guard childCount <= elements.count - index else {
            throw ParquetError(.malformed, "schema element \(position) '\(element.name)' claims \(childCount) children but only \(elements.count - index) elements follow")
        }
        node.children.reserveCapacity(childCount)
        for _ in 0..<childCount {
            node.children.append(try build(elements, &index, parentPath: path, definition: definition,
                                           repetition: repetition, depth: depth + 1, leaves: &leaves))
        }
        return node
    }

    /// Checks that every row group has one column chunk per leaf.
    public func validate(_ metadata: FileMetaData) throws(ParquetError) {
        for (i, group) in metadata.rowGroups.enumerated() where group.columns.count != leaves.count {
            throw ParquetError(.malformed, "row group \(i) has \(group.columns.count) column chunks but the schema has \(leaves.count) leaf columns")
        }
    }
}
