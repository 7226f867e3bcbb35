import TarnCore

/// One Parquet leaf column (primitive node) of a Tarn schema, with the level bounds its
/// definition and repetition levels must respect.
///
/// The shapes follow the Parquet spec (`LogicalTypes.md`, "Nested Types"):
/// - a top-level or struct-member field is `optional` if `nullable`, else `required`;
/// - a struct is a group with one child per field;
/// - a list is `<opt|req> group name (LIST) { repeated group list { <opt|req> element } }`;
/// - a map is `<opt|req> group name (MAP) { repeated group key_value { required key; <opt|req> value } }`.
/// An optional node adds 1 to the maximum definition level, a repeated node adds 1 to both
/// maxima, a required node nothing. `Shredder` produces exactly these levels.
struct LeafPath: Hashable, Sendable {
    /// Path components as Parquet names them, e.g. `["tags", "list", "element"]`.
    var path: [String]
    /// The leaf as declared, renamed to its Parquet name (the last path component) and with
    /// `nullable` set to its Parquet repetition: map keys are always `required`.
    var field: Field
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    /// Index of the top-level field the leaf belongs to.
    var topLevelFieldIndex: Int

    /// Leaves of `schema` in depth-first order, the order of the column chunks in a row group.
    static func leaves(of schema: Schema) -> [LeafPath] {
        var leaves: [LeafPath] = []
        for (index, field) in schema.fields.enumerated() {
            collect(field, name: field.name, nullable: field.nullable, prefix: [],
                    definition: 0, repetition: 0, topLevelFieldIndex: index, into: &leaves)
        }
        return leaves
    }

    /// Leaves under one top-level field, in column-chunk order.
    static func leaves(of field: Field, topLevelFieldIndex: Int = 0) -> [LeafPath] {
        var leaves: [LeafPath] = []
        collect(field, name: field.name, nullable: field.nullable, prefix: [],
                definition: 0, repetition: 0, topLevelFieldIndex: topLevelFieldIndex, into: &leaves)
        return leaves
    }

    /// `name` and `nullable` are passed apart from `field` because lists and maps rename
    /// their children (`element`, `key`, `value`) and keys are required whatever they declare.
    private static func collect(_ field: Field, name: String, nullable: Bool, prefix: [String],
                                definition: Int, repetition: Int, topLevelFieldIndex: Int,
                                into leaves: inout [LeafPath]) {
        let path = prefix + [name]
        let definition = definition + (nullable ? 1 : 0)
        switch field.type {
        case .structure(let members):
            for member in members {
                collect(member, name: member.name, nullable: member.nullable, prefix: path,
                        definition: definition, repetition: repetition,
                        topLevelFieldIndex: topLevelFieldIndex, into: &leaves)
            }
        case .list(let element):
            collect(element, name: "element", nullable: element.nullable, prefix: path + ["list"],
                    definition: definition + 1, repetition: repetition + 1,
                    topLevelFieldIndex: topLevelFieldIndex, into: &leaves)
        case .map(let key, let value):
            let entry = path + ["key_value"]
            collect(key, name: "key", nullable: false, prefix: entry,
                    definition: definition + 1, repetition: repetition + 1,
                    topLevelFieldIndex: topLevelFieldIndex, into: &leaves)
            collect(value, name: "value", nullable: value.nullable, prefix: entry,
                    definition: definition + 1, repetition: repetition + 1,
                    topLevelFieldIndex: topLevelFieldIndex, into: &leaves)
        default:
            var leaf = field
            leaf.name = name
            leaf.nullable = nullable
            leaves.append(LeafPath(path: path, field: leaf, maxDefinitionLevel: definition,
                                   maxRepetitionLevel: repetition, topLevelFieldIndex: topLevelFieldIndex))
        }
    }
}
