import Foundation

/// A database: a named group of tables.
public struct CatalogDatabase: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Where the database's data lives, when it has one root (the crawled folder).
    public var location: String?
    public var parameters: [String: String]
    /// Set by the catalog when the database is stored.
    public internal(set) var createTime: Date?

    public init(name: String, description: String = "", location: String? = nil, parameters: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.location = location
        self.parameters = parameters
    }
}
