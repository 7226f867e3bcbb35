import Foundation
import TarnCatalog

/// `tarn workflow serve`: fires the schedule triggers of some workflows as their minutes
/// come, catching up missed firings by policy, until told to stop.
///
/// Firings of one workflow run one after another (a serial queue each); a firing that
/// comes on time while the workflow's previous run is still going is skipped, not queued,
/// so a slow run does not pile up a backlog. Catch-up firings found at start are queued.
public final class WorkflowServer: @unchecked Sendable {
    public struct Served: Sendable {
        public var workflow: Workflow
        public var definitionPath: String?

        public init(workflow: Workflow, definitionPath: String? = nil) {
            self.workflow = workflow
            self.definitionPath = definitionPath
        }
    }

    public enum Event: Sendable {
        case fired(ScheduledFire)
        case skipped(ScheduledFire, reason: String)
        case finished(ScheduledFire, WorkflowRunResult)
        case failed(ScheduledFire, error: String)
    }

    public let runner: WorkflowRunner
    public let served: [Served]
    public let policy: CatchUpPolicy
    public var onEvent: (@Sendable (Event) -> Void)?

    private let lock = NSLock()
    private var busy: [String: Int] = [:]
    private var queues: [String: DispatchQueue] = [:]

    public init(runner: WorkflowRunner, served: [Served], policy: CatchUpPolicy) {
        self.runner = runner
        self.served = served
        self.policy = policy
        for item in served { queues[item.workflow.name] = DispatchQueue(label: "tarn.serve.\(item.workflow.name)") }
    }

    /// The schedule triggers served.
    public var entries: [Scheduler.Entry] {
        served.flatMap { item in
            item.workflow.triggers.compactMap { trigger in
                guard case .schedule(let schedule) = trigger.kind else { return nil }
                return Scheduler.Entry(workflow: item.workflow.name, trigger: trigger.name, schedule: schedule)
            }
        }
    }

    /// Per `workflow/trigger`, the minute its last scheduled run was for (from the catalog).
    public func lastFires() throws -> [String: Date] {
        var result: [String: Date] = [:]
        for item in served {
            for run in try runner.catalog.workflowRuns(workflow: item.workflow.name) {
                guard let context = RunContext(run), let trigger = context.trigger, let minute = context.scheduledFor else { continue }
                let key = Scheduler.key(item.workflow.name, trigger)
                if result[key].map({ minute > $0 }) ?? true { result[key] = minute }
            }
        }
        return result
    }

    /// Serves until `shouldStop()` turns true, then asks running runs to stop, waits for
    /// them to end, and returns.
    public func serve(shouldStop: @escaping () -> Bool) throws {
        let clock = runner.clock
        var scheduler = Scheduler(entries: entries, policy: policy, lastFires: try lastFires(), now: clock.now())
        while !shouldStop() {
            for fire in scheduler.due(at: clock.now()) { dispatch(fire) }
            let wait = scheduler.nextFireDate.map { max(0, $0.timeIntervalSince(clock.now())) } ?? 3600
            clock.sleep(seconds: wait, interrupted: shouldStop)
        }
        runner.stopAll()
        for queue in queues.values { queue.sync {} }
    }

    private func dispatch(_ fire: ScheduledFire) {
        guard let item = served.first(where: { $0.workflow.name == fire.workflow }), let queue = queues[fire.workflow] else { return }
        let isBusy = lock.withLock { (busy[fire.workflow] ?? 0) > 0 }
        if isBusy && !fire.isCatchUp {
            onEvent?(.skipped(fire, reason: "the previous run of '\(fire.workflow)' is still going"))
            return
        }
        lock.withLock { busy[fire.workflow, default: 0] += 1 }
        queue.async { [self] in
            defer { lock.withLock { busy[fire.workflow, default: 1] -= 1 } }
            onEvent?(.fired(fire))
            do {
                let result = try runner.run(item.workflow, options: RunOptions(trigger: fire.trigger, scheduledFor: fire.scheduledFor,
                                                                               definitionPath: item.definitionPath))
                onEvent?(.finished(fire, result))
            } catch {
                onEvent?(.failed(fire, error: "\(error)"))
            }
        }
    }

    /// Waits for the queued and running firings (tests).
    public func drain() { for queue in queues.values { queue.sync {} } }
}
