import TarnCatalog

/// A node: a crawler or a convert job, with its retry and timeout settings.
public struct WorkflowNode: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case crawler(CrawlerSpec)
        case job(JobSpec)
    }

    public var name: String
    public var action: Action
    /// Tries after the first failure (a timeout is not retried).
    public var maxRetries: Int
    /// The wait before the first retry; each further retry waits twice as long.
    public var retryDelaySeconds: Double
    /// A try running longer than this ends as TIMEOUT (nil: no limit).
    public var timeoutSeconds: Double?

    public init(name: String, action: Action, maxRetries: Int = 0, retryDelaySeconds: Double = 1, timeoutSeconds: Double? = nil) {
        self.name = name
        self.action = action
        self.maxRetries = maxRetries
        self.retryDelaySeconds = retryDelaySeconds
        self.timeoutSeconds = timeoutSeconds
    }

    public var type: NodeType {
        switch action {
        case .crawler: return .crawler
        case .job: return .job
        }
    }

    /// The wait before retry number `retry` (1 for the first retry): doubling from `retryDelaySeconds`.
    public func retryDelay(beforeRetry retry: Int) -> Double {
        retryDelaySeconds * Double(1 << min(max(retry - 1, 0), 30))
    }
}

/// A crawler node: which folder, into which catalog database, and how.
public struct CrawlerSpec: Sendable, Equatable {
    public var path: String
    public var database: String
    public var excludes: [String]
    /// Folders below the root where tables are (nil: the crawler's default).
    public var tableLevel: Int?
    /// `update` or `log` (nil: the crawler's default).
    public var schemaChangePolicy: String?
    /// `deprecate`, `delete` or `log` (nil: the crawler's default).
    public var deleteBehavior: String?

    public init(path: String, database: String, excludes: [String] = [], tableLevel: Int? = nil,
                schemaChangePolicy: String? = nil, deleteBehavior: String? = nil) {
        self.path = path
        self.database = database
        self.excludes = excludes
        self.tableLevel = tableLevel
        self.schemaChangePolicy = schemaChangePolicy
        self.deleteBehavior = deleteBehavior
    }
}
