import Foundation
import TarnCore

/// A partition column: its values come from folder names (`year=2024`), not from the files.
public struct PartitionKey: Hashable, Sendable {
    public var name: String
    public var type: DataType

    public init(_ name: String, _ type: DataType) {
        self.name = name
        self.type = type
    }
}

/// What the crawler measured of a table, plus free-form key/values. Glue shows them as
/// the table's `Parameters` (`recordCount`, `sizeKey`, `objectCount`, `averageRecordSize`).
public struct TableProperties: Hashable, Sendable {
    public var recordCount: Int64?
    /// Total bytes of the data files (Glue's `sizeKey`).
    public var sizeBytes: Int64?
    /// Number of data files.
    public var objectCount: Int64?
    public var averageRecordSize: Int64?
    public var lastCrawled: Date?
    /// Anything else, shown as is in `Parameters`.
    public var custom: [String: String]

    public init(recordCount: Int64? = nil, sizeBytes: Int64? = nil, objectCount: Int64? = nil, averageRecordSize: Int64? = nil, lastCrawled: Date? = nil, custom: [String: String] = [:]) {
        self.recordCount = recordCount
        self.sizeBytes = sizeBytes
        self.objectCount = objectCount
        self.averageRecordSize = averageRecordSize
        self.lastCrawled = lastCrawled
        self.custom = custom
    }
}

/// A table in the catalog: where its files are, how they are written, and its columns.
public struct CatalogTable: Hashable, Sendable {
    public var database: String
    public var name: String
    public var description: String
    /// The folder (or single file) holding the data.
    public var location: String
    public var format: TableFormat
    /// The data columns, without the partition keys.
    public var schema: Schema
    public var partitionKeys: [PartitionKey]
    public var properties: TableProperties
    /// Set when the crawler no longer finds the table's files and its policy is `deprecate`.
    public var deprecated: Bool

    /// The current version (1 after the first store; each schema or partition-key change
    /// adds one). Set by the catalog.
    public internal(set) var version: Int = 0
    public internal(set) var createTime: Date?
    public internal(set) var updateTime: Date?

    public init(database: String, name: String, location: String, format: TableFormat, schema: Schema, partitionKeys: [PartitionKey] = [], properties: TableProperties = TableProperties(), description: String = "", deprecated: Bool = false) {
        self.database = database
        self.name = name
        self.description = description
        self.location = location
        self.format = format
        self.schema = schema
        self.partitionKeys = partitionKeys
        self.properties = properties
        self.deprecated = deprecated
    }

    /// `database.name`.
    public var qualifiedName: String { "\(database).\(name)" }

    /// Every column a reader sees: the data columns, then the partition keys.
    public var allColumns: [Field] { schema.fields + partitionKeys.map { Field($0.name, $0.type) } }

    /// Whether the shape a reader sees differs (schema or partition keys): what makes a new version.
    func hasSameShape(as other: CatalogTable) -> Bool {
        schema == other.schema && partitionKeys == other.partitionKeys
    }
}

/// The result of `Catalog.createOrUpdateTable`.
public enum TableUpdate: Hashable, Sendable {
    /// The table was new; it starts at version 1.
    case created
    /// The schema or partition keys changed; the table is now at this version.
    case newVersion(Int)
    /// Something else changed (location, format, properties, deprecation); same version.
    case updated
    /// Nothing changed.
    case unchanged
}

/// One stored version of a table: its shape as it was from `createTime` on.
public struct TableVersion: Hashable, Sendable {
    public var versionID: Int
    public var createTime: Date
    /// The table as of this version: schema, partition keys, location and format from the
    /// version; name, description and properties from the current table.
    public var table: CatalogTable
}
