import Foundation
import TarnCore

/// What the crawler learnt from one file, kept so a re-crawl reads only new or changed files.
public struct CrawledFile: Hashable, Sendable {
    public var path: String
    public var sizeBytes: Int64
    public var modifiedAt: Date
    /// A hash of the content (or of its head), when the crawler computed one.
    public var contentHash: String?
    /// The table the file went into, or nil when it was skipped.
    public var table: String?
    public var partitionValues: [String]?
    public var classification: Classification?
    /// The file's own inferred schema, so an unchanged file need not be read again.
    public var schema: Schema?
    public var recordCount: Int64?
    /// Why the file was not put in a table (unclassifiable, unreadable, empty).
    public var skipReason: String?
    public var properties: [String: String]
    public var crawledAt: Date

    public init(path: String, sizeBytes: Int64, modifiedAt: Date, contentHash: String? = nil, table: String? = nil, partitionValues: [String]? = nil, classification: Classification? = nil, schema: Schema? = nil, recordCount: Int64? = nil, skipReason: String? = nil, properties: [String: String] = [:], crawledAt: Date = Date()) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.modifiedAt = modifiedAt
        self.contentHash = contentHash
        self.table = table
        self.partitionValues = partitionValues
        self.classification = classification
        self.schema = schema
        self.recordCount = recordCount
        self.skipReason = skipReason
        self.properties = properties
        self.crawledAt = crawledAt
    }

    /// Whether a file with this size and modification time is unchanged since the crawl
    /// (times compared to the microsecond, the precision the catalog keeps).
    public func isUnchanged(sizeBytes: Int64, modifiedAt: Date) -> Bool {
        self.sizeBytes == sizeBytes && self.modifiedAt.catalogMicroseconds == modifiedAt.catalogMicroseconds
    }
}
