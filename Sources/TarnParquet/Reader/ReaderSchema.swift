// The Parquet schema tree as Tarn fields, per LogicalTypes.md ("Nested Types"):
//
//   LIST:  <opt|req> group name (LIST) { repeated group list { <opt|req> element } }
//   MAP:   <opt|req> group name (MAP)  { repeated group key_value { required key; <opt|req> value } }
//   group without annotation → struct;  primitive → leaf (LeafTypeMapping.swift)
//
// Backward-compatibility rules for lists whose repeated child is not the three-level shape:
//   "1. If the repeated field is not a group, then its type is the element type and
//       elements are required.
//    2. If the repeated field is a group with multiple fields, then its type is the element
//       type and elements are required.
//    3. If the repeated field is a group with one field and is named either `array` or uses
//       the LIST-annotated group's name with `_tuple` appended then the repeated type is
//       the element type and elements are required.
//    4. Otherwise, the repeated field's type is the element type with the repeated field's
//       repetition."
// and for a repeated field outside any LIST or MAP group:
//   "a repeated field that is neither contained by a LIST- or MAP-annotated group nor
//    annotated by LIST or MAP should be interpreted as a required list of required elements
//    where the element type is the type of the field."
//
// MAP_KEY_VALUE (the legacy annotation) is read like MAP; a map whose entries have only a key
// reads as a list of keys, as Arrow does. List elements are named `element`, map children
// `key` and `value`, whatever the file calls them, so types compare as Tarn spells them.
import TarnCore

/// The Tarn schema of a Parquet file and the plan to assemble each top-level field.
struct ReaderSchema: Sendable {
    var schema: Schema
    /// One per top-level field.
    var nodes: [ReadNode]
    /// Leaves in column-chunk order.
    var leaves: [LeafPlan]
    /// For each top-level field, the range of `leaves` below it.
    var leafRanges: [Range<Int>]

    init(_ parquet: ParquetSchema) throws(ParquetError) {
        var builder = Builder(parquetLeaves: parquet.leaves)
        var fields: [Field] = []
        var nodes: [ReadNode] = []
        var ranges: [Range<Int>] = []
        for child in parquet.root.children {
            let start = builder.leaves.count
            let (field, node) = try builder.build(child, asElement: false, enclosingRepetition: 0, enclosingDefinition: 0)
            fields.append(field)
            nodes.append(node)
            ranges.append(start..<builder.leaves.count)
        }
        guard builder.leaves.count == parquet.leaves.count else {
            throw ParquetError(.malformed, "the schema has \(parquet.leaves.count) leaf columns but \(builder.leaves.count) were mapped")
        }
        schema = Schema(fields)
        self.nodes = nodes
        leaves = builder.leaves
        leafRanges = ranges
    }

    private struct Builder {
        let parquetLeaves: [ParquetSchema.Node]
        var leaves: [LeafPlan] = []

        /// Maps `node`. `asElement`: the node is the repeated group of an enclosing list, so
        /// its repetition is already accounted for and it maps to a required element.
        mutating func build(_ node: ParquetSchema.Node, asElement: Bool, enclosingRepetition: Int,
                            enclosingDefinition: Int) throws(ParquetError) -> (Field, ReadNode) {
            let element = node.element
            let name = element.name
            let dotted = node.path.joined(separator: ".")
            func levels(nullable: Bool, definedLevel: Int) -> NodeLevels {
                NodeLevels(nullable: nullable, definedLevel: definedLevel, enclosingRepetition: enclosingRepetition,
                           enclosingDefinition: enclosingDefinition, firstLeaf: leaves.count)
            }

            // A bare repeated field: a required list of required elements.
            if element.repetitionType == .repeated && !asElement {
                let nodeLevels = levels(nullable: false, definedLevel: node.maxDefinitionLevel - 1)
                let repeated = RepeatedLevels(elementDefinition: node.maxDefinitionLevel, repetition: node.maxRepetitionLevel)
                let (elementField, elementNode) = try build(node, asElement: true, enclosingRepetition: repeated.repetition,
                                                            enclosingDefinition: repeated.elementDefinition)
                return (Field(name, .list(Self.renamed(elementField, "element")), nullable: false),
                        .list(nodeLevels, repeated, element: elementNode))
            }

            let nullable = !asElement && element.repetitionType == .optional
            let nodeLevels = levels(nullable: nullable, definedLevel: node.maxDefinitionLevel)

            if node.isLeaf {
                let plan = try LeafTypeMapping.plan(for: node, chunkIndex: leaves.count)
                guard leaves.count < parquetLeaves.count, parquetLeaves[leaves.count].path == node.path else {
                    throw ParquetError(.malformed, "leaf '\(dotted)' is out of order in the schema")
                }
                leaves.append(plan)
                return (Field(name, plan.type, nullable: nullable), .leaf(nodeLevels, leaf: plan.chunkIndex))
            }
            guard !node.children.isEmpty else {
                throw ParquetError(.unsupported, "group '\(dotted)' has no fields; Tarn has no empty structs", column: dotted)
            }

            let isList = element.logicalType == .list || element.convertedType == .list
            let isMap = element.logicalType == .map || element.convertedType == .map || element.convertedType == .mapKeyValue
            if isList || isMap {
                let kind = isList ? "LIST" : "MAP"
                guard node.children.count == 1, let repeated = node.children.first, repeated.element.repetitionType == .repeated else {
                    throw ParquetError(.unsupported, "\(kind) group '\(dotted)' must have exactly one repeated child", column: dotted)
                }
                let repeatedLevels = RepeatedLevels(elementDefinition: repeated.maxDefinitionLevel, repetition: repeated.maxRepetitionLevel)
                if isList {
                    let (elementField, elementNode): (Field, ReadNode)
                    let oneChildGroup = !repeated.isLeaf && repeated.children.count == 1
                    if oneChildGroup && repeated.element.name != "array" && repeated.element.name != name + "_tuple" {
                        // Three-level list (rule 4): the repeated group's one child is the element.
                        (elementField, elementNode) = try build(repeated.children[0], asElement: false,
                                                                enclosingRepetition: repeatedLevels.repetition,
                                                                enclosingDefinition: repeatedLevels.elementDefinition)
                    } else {
                        // Rules 1-3: the repeated field itself is the (required) element.
                        (elementField, elementNode) = try build(repeated, asElement: true,
                                                                enclosingRepetition: repeatedLevels.repetition,
                                                                enclosingDefinition: repeatedLevels.elementDefinition)
                    }
                    return (Field(name, .list(Self.renamed(elementField, "element")), nullable: nullable),
                            .list(nodeLevels, repeatedLevels, element: elementNode))
                }
                guard !repeated.isLeaf, (1...2).contains(repeated.children.count) else {
                    throw ParquetError(.unsupported, "MAP group '\(dotted)' must hold a repeated group of a key and a value", column: dotted)
                }
                let keyNode = repeated.children[0]
                guard keyNode.element.repetitionType == .required else {
                    throw ParquetError(.unsupported, "map keys must be required, but '\(keyNode.path.joined(separator: "."))' is \(keyNode.element.repetitionType?.name ?? "unset")", column: dotted)
                }
                let (keyField, keyRead) = try build(keyNode, asElement: false, enclosingRepetition: repeatedLevels.repetition,
                                                    enclosingDefinition: repeatedLevels.elementDefinition)
                if repeated.children.count == 1 {
                    // Keys only: a list of the keys, as Arrow reads it.
                    return (Field(name, .list(Self.renamed(keyField, "element")), nullable: nullable),
                            .list(nodeLevels, repeatedLevels, element: keyRead))
                }
                let (valueField, valueRead) = try build(repeated.children[1], asElement: false,
                                                        enclosingRepetition: repeatedLevels.repetition,
                                                        enclosingDefinition: repeatedLevels.elementDefinition)
                return (Field(name, .map(key: Self.renamed(keyField, "key"), value: Self.renamed(valueField, "value")), nullable: nullable),
                        .map(nodeLevels, repeatedLevels, key: keyRead, value: valueRead))
            }

            // A struct: every child maps with this node's enclosing list.
            var fields: [Field] = []
            var children: [ReadNode] = []
            for child in node.children {
                let (field, read) = try build(child, asElement: false, enclosingRepetition: enclosingRepetition,
                                              enclosingDefinition: enclosingDefinition)
                fields.append(field)
                children.append(read)
            }
            return (Field(name, .structure(fields), nullable: nullable), .structure(nodeLevels, children: children))
        }

        static func renamed(_ field: Field, _ name: String) -> Field {
            var field = field
            field.name = name
            return field
        }
    }
}
