import TarnCatalog
import TarnCrawler

/// The crawler nodes' default: Tarn's own crawler (`TarnCrawler.Crawler`) over the node's
/// path, into its database, with its exclude patterns, table level and policies.
public struct TarnCrawlerRunner: CrawlerRunner {
    public init() {}

    public func crawl(_ spec: CrawlerSpec, catalog: Catalog) throws -> [String: JSONValue] {
        var options = CrawlOptions(database: spec.database, excludes: spec.excludes)
        if let level = spec.tableLevel { options.tableLevel = level }
        if let text = spec.schemaChangePolicy {
            guard let policy = SchemaChangePolicy(rawValue: text.lowercased()) else {
                throw WorkflowError(.invalid, "schemaChangePolicy must be update or log, not '\(text)'")
            }
            options.schemaChange = policy
        }
        if let text = spec.deleteBehavior {
            guard let behavior = DeleteBehavior(rawValue: text.lowercased()) else {
                throw WorkflowError(.invalid, "deleteBehavior must be deprecate, delete or log, not '\(text)'")
            }
            options.deleteBehavior = behavior
        }
        let report = try Crawler(catalog: catalog, options: options).crawl(spec.path)
        func names(_ actions: TableReport.Action...) -> JSONValue {
            .array(report.tables.filter { actions.contains($0.action) }.map { .string($0.name) })
        }
        return [
            "tablesCreated": names(.created), "tablesUpdated": names(.updated, .newVersion), "tablesUnchanged": names(.unchanged),
            "tablesVanished": names(.deprecated, .deleted, .vanishedLogged),
            "filesFound": .int(Int64(report.filesFound)), "filesRead": .int(Int64(report.filesRead)),
            "filesUnchanged": .int(Int64(report.filesUnchanged)), "filesSkipped": .int(Int64(report.skipped.count)),
            "conflicts": .int(Int64(report.conflicts.count)), "seconds": .double((report.seconds * 1000).rounded() / 1000),
        ]
    }
}
