import Foundation

/// One partition of a table: the values of its partition keys (in key order) and where
/// its files are.
public struct CatalogPartition: Hashable, Sendable {
    /// One value per partition key, as text (`["2024", "11"]`).
    public var values: [String]
    public var location: String
    public var fileCount: Int64
    public var sizeBytes: Int64
    public var recordCount: Int64?
    public var parameters: [String: String]
    public var deprecated: Bool
    /// Set by the catalog.
    public internal(set) var createTime: Date?
    /// When the partition was last stored with changes. Set by the catalog.
    public internal(set) var lastUpdated: Date?

    public init(values: [String], location: String, fileCount: Int64 = 0, sizeBytes: Int64 = 0, recordCount: Int64? = nil, parameters: [String: String] = [:], deprecated: Bool = false) {
        self.values = values
        self.location = location
        self.fileCount = fileCount
        self.sizeBytes = sizeBytes
        self.recordCount = recordCount
        self.parameters = parameters
        self.deprecated = deprecated
    }
}
