/// A named, typed column, nullable or required.
public struct Field: Hashable, Sendable {
    public var name: String
    public var type: DataType
    public var nullable: Bool

    public init(_ name: String, _ type: DataType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// The top-level fields of a table.
public struct Schema: Hashable, Sendable {
    public var fields: [Field]

    public init(_ fields: [Field]) { self.fields = fields }

    public var count: Int { fields.count }

    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
}
