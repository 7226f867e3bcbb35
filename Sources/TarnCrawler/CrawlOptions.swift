import Foundation
import TarnIngest

/// What a crawl does when a table it finds again has a different shape (columns, types,
/// partition keys) from the one in the catalog. Glue's `SchemaChangePolicy.UpdateBehavior`.
public enum SchemaChangePolicy: String, Sendable, CaseIterable {
    /// Store the new shape as a new table version (the default).
    case update
    /// Keep the catalog's table as it is and only report the change.
    case log
}

/// What a crawl does with tables and partitions whose files are gone. Glue's
/// `SchemaChangePolicy.DeleteBehavior`.
public enum DeleteBehavior: String, Sendable, CaseIterable {
    /// Mark them deprecated; a later crawl that finds the files again revives them (the default).
    case deprecate
    /// Delete them from the catalog (a table with its versions and partitions).
    case delete
    /// Leave them and only report them.
    case log
}

/// How `Crawler` walks a folder and records what it finds.
public struct CrawlOptions: Sendable {
    /// The catalog database the tables go into (created when missing).
    public var database: String
    /// Glob patterns of paths (relative to the root) to leave out; `*` stays within one
    /// folder, `**` crosses folders, `?`, `[a-z]` and `{a,b}` as in shells. A folder that
    /// matches is not entered.
    public var excludes: [String]
    /// How many folders below the root the tables are: 1 (the default) makes each folder
    /// under the root a table, 0 makes the root one table, 2 the folders under those.
    /// Folders below the table level are partitions.
    public var tableLevel: Int
    public var schemaChange: SchemaChangePolicy
    public var deleteBehavior: DeleteBehavior
    /// Bytes of each raw file the schema is inferred from; a file within it is read whole
    /// (and its record count is exact), a larger one is sampled (and its count estimated).
    public var sampleBytes: Int
    /// Files inspected at once.
    public var threads: Int

    public init(database: String, excludes: [String] = [], tableLevel: Int = 1,
                schemaChange: SchemaChangePolicy = .update, deleteBehavior: DeleteBehavior = .deprecate,
                sampleBytes: Int = 1 << 20, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.database = database
        self.excludes = excludes
        self.tableLevel = tableLevel
        self.schemaChange = schemaChange
        self.deleteBehavior = deleteBehavior
        self.sampleBytes = sampleBytes
        self.threads = threads
    }
}
