import Foundation

/// A workflow run's state, as Glue spells a `WorkflowRun.Status`.
public enum WorkflowRunState: String, Hashable, Sendable, CaseIterable {
    case running = "RUNNING"
    case completed = "COMPLETED"
    case stopping = "STOPPING"
    case stopped = "STOPPED"
    case error = "ERROR"

    public var isFinished: Bool { self == .completed || self == .stopped || self == .error }
}

/// A node run's state, as Glue spells a job run state (crawls use the same words here).
public enum NodeRunState: String, Hashable, Sendable, CaseIterable {
    case waiting = "WAITING"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timeout = "TIMEOUT"
    case stopped = "STOPPED"
    case error = "ERROR"

    public var isFinished: Bool { ![.waiting, .running].contains(self) }
}

/// What a workflow node does.
public enum NodeType: String, Hashable, Sendable, CaseIterable {
    case crawler
    case job

    /// Glue's `Node.Type`: `CRAWLER` or `JOB`.
    public var glueName: String { rawValue.uppercased() }
}

/// One run of a workflow, as stored in the catalog.
public struct WorkflowRunRecord: Hashable, Sendable {
    public var runID: String
    public var workflowName: String
    public var state: WorkflowRunState
    public var startedOn: Date
    public var completedOn: Date?
    public var errorMessage: String?
    /// The run this one resumes, if any.
    public var previousRunID: String?
    /// The run properties (`${name}` values) the run started with.
    public var properties: [String: String]
    /// Free-form run figures kept beside the counts derived from node runs.
    public var statistics: [String: JSONValue]

    public init(runID: String, workflowName: String, state: WorkflowRunState = .running, startedOn: Date = Date(), completedOn: Date? = nil, errorMessage: String? = nil, previousRunID: String? = nil, properties: [String: String] = [:], statistics: [String: JSONValue] = [:]) {
        self.runID = runID
        self.workflowName = workflowName
        self.state = state
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.errorMessage = errorMessage
        self.previousRunID = previousRunID
        self.properties = properties
        self.statistics = statistics
    }
}

/// One attempt of one node in a workflow run.
public struct NodeRunRecord: Hashable, Sendable {
    public var runID: String
    public var nodeName: String
    public var nodeType: NodeType
    /// 1 for the first try; each retry adds one.
    public var attempt: Int
    public var state: NodeRunState
    public var startedOn: Date?
    public var completedOn: Date?
    public var errorMessage: String?
    /// The node's figures: files, rows read / written / rejected, bytes, seconds, tables added…
    public var metrics: [String: JSONValue]

    public init(runID: String, nodeName: String, nodeType: NodeType, attempt: Int = 1, state: NodeRunState = .running, startedOn: Date? = Date(), completedOn: Date? = nil, errorMessage: String? = nil, metrics: [String: JSONValue] = [:]) {
        self.runID = runID
        self.nodeName = nodeName
        self.nodeType = nodeType
        self.attempt = attempt
        self.state = state
        self.startedOn = startedOn
        self.completedOn = completedOn
        self.errorMessage = errorMessage
        self.metrics = metrics
    }
}
