import Foundation
import TarnCatalog

/// How one run starts.
public struct RunOptions: Sendable {
    /// Overrides of the workflow's `defaultRunProperties`.
    public var properties: [String: String]
    /// The trigger that starts the run (nil: on demand).
    public var trigger: String?
    /// For a schedule trigger: the minute the run is for.
    public var scheduledFor: Date?
    /// The definition file, kept with the run for `resume`.
    public var definitionPath: String?
    /// Forget the convert jobs' bookmarks first: every raw file is converted again.
    public var resetBookmarks: Bool

    public init(properties: [String: String] = [:], trigger: String? = nil, scheduledFor: Date? = nil,
                definitionPath: String? = nil, resetBookmarks: Bool = false) {
        self.properties = properties
        self.trigger = trigger
        self.scheduledFor = scheduledFor
        self.definitionPath = definitionPath
        self.resetBookmarks = resetBookmarks
    }
}

/// A finished run: its record and every node attempt, as stored in the catalog.
public struct WorkflowRunResult: Sendable {
    public var run: WorkflowRunRecord
    public var nodeRuns: [NodeRunRecord]

    /// Each node's last state in this run.
    public var nodeStates: [String: NodeRunState] {
        var states: [String: NodeRunState] = [:]
        for nodeRun in nodeRuns.sorted(by: { $0.attempt < $1.attempt }) { states[nodeRun.nodeName] = nodeRun.state }
        return states
    }

    /// Whether the run completed and every node that ran succeeded.
    public var succeeded: Bool { run.state == .completed && nodeStates.values.allSatisfy { $0 == .succeeded } }
}

/// Runs workflows and records every run and node attempt in the catalog: walks the graph
/// from the starting trigger, runs independent nodes in parallel (up to
/// `maxParallelNodes`), fires conditional triggers as nodes finish, retries with doubling
/// delays, ends tries that pass their timeout (TIMEOUT), honours stop requests, and
/// resumes failed runs.
public final class WorkflowRunner: @unchecked Sendable {
    public let catalog: Catalog
    public var crawler: CrawlerRunner
    public var clock: WorkflowClock
    public var maxParallelNodes: Int
    public var observer: (@Sendable (RunEvent) -> Void)?
    /// How often a run looks for a stop request made by another process.
    public var stopPollSeconds = 0.5

    private let lock = NSLock()
    private var active: [String: RunExecution] = [:]

    public init(catalog: Catalog, crawler: CrawlerRunner = TarnCrawlerRunner(), clock: WorkflowClock = SystemClock(),
                maxParallelNodes: Int = 2, observer: (@Sendable (RunEvent) -> Void)? = nil) {
        self.catalog = catalog
        self.crawler = crawler
        self.clock = clock
        self.maxParallelNodes = max(1, maxParallelNodes)
        self.observer = observer
    }

    /// Starts a run now and waits for it to end.
    /// - Throws: `.concurrentRun` when the workflow has `maxConcurrentRuns` runs going,
    ///   `.unknownProperty` for a `${name}` without a value; node failures are not thrown
    ///   (they are in the result).
    public func run(_ workflow: Workflow, options: RunOptions = RunOptions()) throws -> WorkflowRunResult {
        let properties = RunProperties.merge(workflow.defaultRunProperties, options.properties)
        // Every node must resolve before anything runs.
        for node in workflow.nodes { _ = try node.resolved(properties) }
        let start: [String]
        if let name = options.trigger {
            guard let trigger = workflow.triggers.first(where: { $0.name == name }) else {
                throw WorkflowError(.invalid, "no trigger '\(name)' in workflow '\(workflow.name)'")
            }
            start = trigger.actions
        } else {
            start = workflow.onDemandActions
        }
        let context = RunContext.current(definitionPath: options.definitionPath, trigger: options.trigger, scheduledFor: options.scheduledFor)
        let record = try claim(workflow, properties: properties, context: context, previousRunID: nil)
        return try execute(workflow, record: record, start: start, carried: [], resetBookmarks: options.resetBookmarks)
    }

    /// Runs again the nodes of a finished run that did not succeed (failed, timed out,
    /// stopped, or never started), as a new run linked to it; succeeded nodes keep their
    /// result and are not run again.
    public func resume(runID: String, workflow: Workflow, definitionPath: String? = nil) throws -> WorkflowRunResult {
        guard let old = try catalog.workflowRun(id: runID) else { throw WorkflowError(.run, "no workflow run '\(runID)' in \(catalog.path)") }
        guard old.workflowName == workflow.name else {
            throw WorkflowError(.run, "run '\(runID)' is of workflow '\(old.workflowName)', not '\(workflow.name)'")
        }
        var oldState = old.state
        if !oldState.isFinished, let context = RunContext(old), context.ownerIsGone {
            try abandon(old, context: context)
            oldState = .error
        }
        guard oldState.isFinished else { throw WorkflowError(.run, "run '\(runID)' is still \(old.state.rawValue); stop it first (tarn workflow stop \(runID))") }
        let oldNodes = try catalog.nodeRuns(runID: runID)
        var last: [String: NodeRunRecord] = [:]
        for nodeRun in oldNodes.sorted(by: { $0.attempt < $1.attempt }) { last[nodeRun.nodeName] = nodeRun }
        let carried = last.values.filter { $0.state == .succeeded && workflow.node(named: $0.nodeName) != nil }
        let context = RunContext(old)
        let start = context?.trigger.flatMap { name in workflow.triggers.first { $0.name == name }?.actions } ?? workflow.onDemandActions
        let carriedNames = Set(carried.map(\.nodeName))
        let pending = start.filter { !carriedNames.contains($0) }
        let conditionalPending = workflow.conditionalTriggers.contains { trigger in
            trigger.isSatisfied(by: Dictionary(uniqueKeysWithValues: carried.map { ($0.nodeName, $0.state) }))
                && trigger.actions.contains { !carriedNames.contains($0) }
        }
        if pending.isEmpty && !conditionalPending && oldState == .completed {
            throw WorkflowError(.run, "run '\(runID)' has nothing to resume: every node it started succeeded")
        }
        let newContext = RunContext.current(definitionPath: definitionPath ?? context?.definitionPath, trigger: context?.trigger, scheduledFor: context?.scheduledFor)
        let record = try claim(workflow, properties: old.properties, context: newContext, previousRunID: runID)
        var copies: [NodeRunRecord] = []
        for var nodeRun in carried.sorted(by: { ($0.startedOn ?? .distantPast) < ($1.startedOn ?? .distantPast) }) {
            nodeRun.runID = record.runID
            nodeRun.attempt = 1
            nodeRun.metrics["carriedFromRun"] = .string(runID)
            try catalog.recordNodeRun(nodeRun)
            copies.append(nodeRun)
        }
        return try execute(workflow, record: record, start: start, carried: copies, resetBookmarks: false)
    }

    /// Asks a run to stop: no node starts after this; running ones end normally, then the
    /// run is STOPPED. Works across processes (the run polls the catalog).
    public func requestStop(runID: String) throws {
        try Self.requestStop(runID: runID, catalog: catalog)
        lock.withLock { active[runID] }?.requestStop()
    }

    public static func requestStop(runID: String, catalog: Catalog) throws {
        try catalog.transaction {
            guard var run = try catalog.workflowRun(id: runID) else { throw WorkflowError(.run, "no workflow run '\(runID)' in \(catalog.path)") }
            guard run.state == .running else {
                if run.state == .stopping { return }
                throw WorkflowError(.run, "run '\(runID)' is \(run.state.rawValue), not RUNNING")
            }
            if let context = RunContext(run), context.ownerIsGone {
                run.state = .stopped
                run.completedOn = Date()
                run.errorMessage = "stopped after its process (pid \(context.pid)) had ended"
            } else {
                run.state = .stopping
            }
            try catalog.recordWorkflowRun(run)
        }
    }

    /// Asks every run of this runner to stop (a clean shutdown of `serve`).
    public func stopAll() {
        let runs = lock.withLock { Array(active.values) }
        for execution in runs {
            execution.requestStop()
            try? Self.requestStop(runID: execution.runID, catalog: catalog)
        }
    }

    /// Runs going in this runner.
    public var activeRunIDs: [String] { lock.withLock { Array(active.keys) } }

    // MARK: - Claiming a slot

    /// Records a new RUNNING run, unless the workflow already has `maxConcurrentRuns` live
    /// ones; runs whose process died are marked ERROR first. One transaction, so two
    /// processes cannot both take the last slot.
    private func claim(_ workflow: Workflow, properties: [String: String], context: RunContext, previousRunID: String?) throws -> WorkflowRunRecord {
        try catalog.transaction {
            var live: [WorkflowRunRecord] = []
            for run in try catalog.workflowRuns(workflow: workflow.name, states: [.running, .stopping]) {
                if let owner = RunContext(run), owner.ownerIsGone {
                    try abandon(run, context: owner)
                } else {
                    live.append(run)
                }
            }
            guard live.count < workflow.maxConcurrentRuns else {
                throw WorkflowError(.concurrentRun, "workflow '\(workflow.name)' already has \(live.count) run\(live.count == 1 ? "" : "s") going (\(live.map(\.runID).joined(separator: ", "))) and allows \(workflow.maxConcurrentRuns) at a time (maxConcurrentRuns)")
            }
            let record = WorkflowRunRecord(runID: Self.newRunID(clock.now()), workflowName: workflow.name, state: .running,
                                           startedOn: clock.now(), previousRunID: previousRunID, properties: properties,
                                           statistics: [RunContext.key: context.json])
            try catalog.recordWorkflowRun(record)
            return record
        }
    }

    /// Marks a run whose process died ERROR, with its unfinished node attempts.
    private func abandon(_ run: WorkflowRunRecord, context: RunContext) throws {
        let message = "the process running it (pid \(context.pid) on \(context.host)) ended before the run finished"
        for var nodeRun in try catalog.nodeRuns(runID: run.runID) where !nodeRun.state.isFinished {
            nodeRun.state = .error
            nodeRun.completedOn = clock.now()
            nodeRun.errorMessage = message
            try catalog.recordNodeRun(nodeRun)
        }
        var updated = run
        updated.state = .error
        updated.completedOn = clock.now()
        updated.errorMessage = message
        try catalog.recordWorkflowRun(updated)
    }

    /// `wr_20240101T020000_1a2b3c4d`: sortable by start, unique by its random tail.
    static func newRunID(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        return "wr_\(formatter.string(from: date))_\(UUID().uuidString.lowercased().prefix(8))"
    }

    // MARK: - Executing

    private func execute(_ workflow: Workflow, record: WorkflowRunRecord, start: [String], carried: [NodeRunRecord], resetBookmarks: Bool) throws -> WorkflowRunResult {
        let execution = RunExecution(workflow: workflow, record: record, runner: self, resetBookmarks: resetBookmarks)
        lock.withLock { active[record.runID] = execution }
        defer { lock.withLock { active[record.runID] = nil } }
        observer?(.runStarted(runID: record.runID, workflow: workflow.name))
        var final = record
        do {
            let stopped = try execution.run(start: start, carried: carried)
            final.state = stopped ? .stopped : .completed
        } catch {
            final.state = .error
            final.errorMessage = "\(error)"
        }
        final.completedOn = clock.now()
        // Keep what another process may have written meanwhile (a stop request) out of the way.
        try catalog.recordWorkflowRun(final)
        observer?(.runFinished(runID: record.runID, state: final.state))
        return WorkflowRunResult(run: final, nodeRuns: try catalog.nodeRuns(runID: record.runID))
    }
}
