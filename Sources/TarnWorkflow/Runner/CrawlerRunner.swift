import TarnCatalog

/// Runs a crawler node: crawls `spec.path` into `spec.database` of `catalog` and returns
/// the figures to store with the node run (tables added, updated, files, …). Injected into
/// the runner, so TarnWorkflow does not need to know how crawling works.
public protocol CrawlerRunner: Sendable {
    func crawl(_ spec: CrawlerSpec, catalog: Catalog) throws -> [String: JSONValue]
}

/// The crawler for a build without one: every crawl fails, saying so.
public struct UnavailableCrawler: CrawlerRunner {
    public init() {}

    public func crawl(_ spec: CrawlerSpec, catalog: Catalog) throws -> [String: JSONValue] {
        throw WorkflowError(.crawlerUnavailable, "crawler not available: this build of Tarn has no crawler to run '\(spec.path)'")
    }
}

/// A crawler given as a closure (tests, or a program with its own crawler).
public struct ClosureCrawler: CrawlerRunner {
    let body: @Sendable (CrawlerSpec, Catalog) throws -> [String: JSONValue]

    public init(_ body: @escaping @Sendable (CrawlerSpec, Catalog) throws -> [String: JSONValue]) { self.body = body }

    public func crawl(_ spec: CrawlerSpec, catalog: Catalog) throws -> [String: JSONValue] { try body(spec, catalog) }
}
