import TarnCore

/// How the levels of a leaf's entries decide one Tarn node's rows (Dremel record assembly).
///
/// A node's rows ("slots") are the entries of its first leaf whose repetition level is at
/// most `enclosingRepetition` and whose definition level reaches `enclosingDefinition`:
/// one per element of the nearest enclosing list (or per record at the top, where both
/// are 0). Each such element starts with exactly one entry like that in every leaf below.
struct NodeLevels: Sendable {
    /// Whether the Tarn field is nullable (the Parquet node is `optional`).
    var nullable: Bool
    /// The definition level from which the node is present (not null).
    var definedLevel: Int
    var enclosingRepetition: Int
    var enclosingDefinition: Int
    /// Index (into the plan's leaves) of the first leaf below the node.
    var firstLeaf: Int
}

/// The repeated group of a list or map: an entry reaching `elementDefinition` holds an
/// element; later elements of the same list repeat at `repetition`.
struct RepeatedLevels: Sendable {
    var elementDefinition: Int
    var repetition: Int
}

/// One Tarn node of a top-level field, with what record assembly needs to build it.
indirect enum ReadNode: Sendable {
    case leaf(NodeLevels, leaf: Int)
    case list(NodeLevels, RepeatedLevels, element: ReadNode)
    case map(NodeLevels, RepeatedLevels, key: ReadNode, value: ReadNode)
    case structure(NodeLevels, children: [ReadNode])

    var levels: NodeLevels {
        switch self {
        case .leaf(let levels, _), .list(let levels, _, _), .map(let levels, _, _, _), .structure(let levels, _): return levels
        }
    }
}

/// One Parquet leaf column to read, and how its physical values become the Tarn type.
struct LeafPlan: Sendable {
    /// Index of the column chunk in each row group.
    var chunkIndex: Int
    /// `a.list.element`, for error messages.
    var dottedPath: String
    var physicalType: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (0 otherwise).
    var typeLength: Int
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    /// The Tarn type of the leaf's values.
    var type: DataType
    var conversion: LeafConversion
}

/// Conversions from a physical value buffer to the storage of the leaf's Tarn type.
enum LeafConversion: Sendable, Equatable {
    /// The physical layout is already the storage (INT96 is converted while decoding).
    case direct
    /// INT32 or INT64 → `storage` (int32, int64 or int128): decimals whose precision picks
    /// another width than the writer's physical type.
    case resizeInteger
    /// Big-endian two's complement in BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY → a decimal's
    /// int32 / int64 / int128 storage.
    case bigEndianDecimal
    /// FIXED_LEN_BYTE_ARRAY(2) IEEE half floats → Float.
    case float16ToFloat
    /// FIXED_LEN_BYTE_ARRAY(w) → variable-width bytes (binary has no fixed-size Tarn type).
    case fixedToBytes
}
