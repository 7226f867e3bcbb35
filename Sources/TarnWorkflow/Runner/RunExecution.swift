import Foundation
import TarnCatalog

/// One run in progress: which nodes finished in which state, which are running or ready,
/// which conditional triggers fired. The run's thread decides what starts; node attempts
/// run on their own threads and report back through `condition`.
final class RunExecution: @unchecked Sendable {
    let workflow: Workflow
    let runID: String
    let properties: [String: String]
    unowned let runner: WorkflowRunner
    let resetBookmarks: Bool

    private let condition = NSCondition()
    private var finalStates: [String: NodeRunState] = [:]
    private var started = Set<String>()
    private var fired = Set<String>()
    private var ready: [String] = []
    private var running = 0
    private var stopRequested = false
    private var internalError: Error?

    init(workflow: Workflow, record: WorkflowRunRecord, runner: WorkflowRunner, resetBookmarks: Bool) {
        self.workflow = workflow
        runID = record.runID
        properties = record.properties
        self.runner = runner
        self.resetBookmarks = resetBookmarks
    }

    func requestStop() {
        condition.withLock {
            stopRequested = true
            condition.broadcast()
        }
    }

    var isStopRequested: Bool { condition.withLock { stopRequested } }

    /// Runs until no node is running and none can start. Returns whether it was stopped.
    func run(start: [String], carried: [NodeRunRecord]) throws -> Bool {
        condition.lock()
        for nodeRun in carried { finalStates[nodeRun.nodeName] = nodeRun.state }
        for name in start { enqueue(name) }
        var lastPoll = Date()
        while true {
            fireTriggers()
            while !stopRequested, running < runner.maxParallelNodes, !ready.isEmpty {
                launch(ready.removeFirst())
            }
            if running == 0 && (ready.isEmpty || stopRequested) { break }
            _ = condition.wait(until: Date().addingTimeInterval(runner.stopPollSeconds))
            if !stopRequested, Date().timeIntervalSince(lastPoll) >= runner.stopPollSeconds {
                lastPoll = Date()
                condition.unlock()
                let state = try? runner.catalog.workflowRun(id: runID)?.state
                condition.lock()
                if state == .stopping { stopRequested = true }
            }
        }
        let stopped = stopRequested
        let error = internalError
        condition.unlock()
        if let error { throw error }
        return stopped
    }

    /// Called with the lock held.
    private func enqueue(_ name: String) {
        guard !started.contains(name), finalStates[name] == nil else { return }
        started.insert(name)
        ready.append(name)
    }

    /// Fires the conditional triggers the finished states satisfy (each once a run).
    private func fireTriggers() {
        for trigger in workflow.conditionalTriggers where !fired.contains(trigger.name) && trigger.isSatisfied(by: finalStates) {
            fired.insert(trigger.name)
            runner.observer?(.triggerFired(trigger: trigger.name, actions: trigger.actions))
            for action in trigger.actions { enqueue(action) }
        }
    }

    /// Called with the lock held.
    private func launch(_ name: String) {
        running += 1
        guard let node = workflow.node(named: name) else { preconditionFailure("validated workflows name only their nodes") }
        let thread = Thread { [self] in
            let state = self.runAttempts(node)
            condition.withLock {
                finalStates[name] = state
                running -= 1
                condition.broadcast()
            }
        }
        thread.stackSize = 16 << 20
        thread.name = "tarn node \(name)"
        thread.start()
    }

    /// Every attempt of one node; returns the last attempt's state.
    private func runAttempts(_ node: WorkflowNode) -> NodeRunState {
        var state = NodeRunState.failed
        let resolved: WorkflowNode
        do { resolved = try node.resolved(properties) } catch {
            record(NodeRunRecord(runID: runID, nodeName: node.name, nodeType: node.type, attempt: 1, state: .failed,
                                 startedOn: runner.clock.now(), completedOn: runner.clock.now(), errorMessage: "\(error)"))
            return .failed
        }
        for attempt in 1...(node.maxRetries + 1) {
            let startedOn = runner.clock.now()
            let began = Date()
            var nodeRun = NodeRunRecord(runID: runID, nodeName: node.name, nodeType: node.type, attempt: attempt, state: .running, startedOn: startedOn)
            record(nodeRun)
            runner.observer?(.nodeStarted(node: node.name, attempt: attempt))
            let outcome = NodeAttempt(node: resolved, attempt: attempt, execution: self).run()
            nodeRun.state = outcome.state
            nodeRun.completedOn = runner.clock.now()
            nodeRun.errorMessage = outcome.error
            nodeRun.metrics = outcome.metrics
            record(nodeRun)
            state = outcome.state
            runner.observer?(.nodeFinished(node: node.name, attempt: attempt, state: outcome.state, error: outcome.error, seconds: Date().timeIntervalSince(began)))
            if state == .succeeded || state == .timeout || isStopRequested || attempt > node.maxRetries { break }
            let delay = node.retryDelay(beforeRetry: attempt)
            runner.observer?(.retryScheduled(node: node.name, attempt: attempt + 1, delaySeconds: delay))
            if !runner.clock.sleep(seconds: delay, interrupted: { self.isStopRequested }) { break }
        }
        return state
    }

    private func record(_ nodeRun: NodeRunRecord) {
        do { try runner.catalog.recordNodeRun(nodeRun) } catch {
            condition.withLock { if internalError == nil { internalError = error } }
        }
    }
}

/// One try of one node, on its own thread so the timeout can be enforced: past it the
/// node's cancellation token is set and the try ends as TIMEOUT (a convert job already
/// publishing its files is let finish instead: its token refuses the cancel).
struct NodeAttempt {
    let node: WorkflowNode
    let attempt: Int
    unowned let execution: RunExecution

    struct Outcome {
        var state: NodeRunState
        var error: String?
        var metrics: [String: JSONValue]
    }

    final class Box: @unchecked Sendable { var result: Result<[String: JSONValue], Error>? }

    func run() -> Outcome {
        let token = CancellationToken()
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [node, attempt, execution] in
            box.result = Result { try NodeAttempt.perform(node, attempt: attempt, execution: execution, token: token) }
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        if let timeout = node.timeoutSeconds {
            if done.wait(timeout: .now() + timeout) == .timedOut {
                if token.cancel(reason: "timed out after \(Self.seconds(timeout))") {
                    return Outcome(state: .timeout, error: "timed out after \(Self.seconds(timeout)) (timeoutSeconds)", metrics: [:])
                }
                done.wait()
            }
        } else {
            done.wait()
        }
        switch box.result! {
        case .success(let metrics): return Outcome(state: .succeeded, error: nil, metrics: metrics)
        case .failure(let error): return Outcome(state: .failed, error: "\(error)", metrics: [:])
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    static func perform(_ node: WorkflowNode, attempt: Int, execution: RunExecution, token: CancellationToken) throws -> [String: JSONValue] {
        let runner = execution.runner
        switch node.action {
        case .crawler(let spec):
            return try runner.crawler.crawl(spec, catalog: runner.catalog)
        case .job(let spec):
            let name = "\(execution.workflow.name).\(node.name)"
            if execution.resetBookmarks && attempt == 1 { try runner.catalog.resetBookmarks(job: name) }
            let observer = runner.observer
            let job = ConvertJob(spec: spec, name: name, catalog: runner.catalog, runID: execution.runID, cancellation: token,
                                 progress: observer.map { observe in { @Sendable progress in observe(.jobProgress(node: node.name, progress: progress)) } })
            return try job.run().metricsJSON
        }
    }
}
