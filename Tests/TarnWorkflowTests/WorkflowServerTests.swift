import Foundation
import Testing
import TarnCatalog
@testable import TarnWorkflow

/// `serve` on a manual clock: missed daily firings caught up per policy from the catalog's
/// last scheduled run, then the next firing on time; nothing sleeps.
@Suite struct WorkflowServerTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static let workflow = """
        { "name": "nightly", "nodes": [{ "name": "c", "type": "crawler", "path": "p", "database": "d" }],
          "triggers": [{ "name": "daily", "type": "schedule", "schedule": "@daily", "timezone": "UTC", "actions": ["c"] }] }
        """

    /// Serves from `start` until the clock passes `end`; returns the minutes runs were for.
    static func serve(_ policy: CatchUpPolicy, catalog: Catalog, start: String, end: String) throws -> [Date] {
        let clock = ManualClock(date(start))
        let runner = WorkflowRunner(catalog: catalog, crawler: ClosureCrawler { _, _ in [:] }, clock: clock)
        let server = WorkflowServer(runner: runner, served: [.init(workflow: try Workflow(json: workflow))], policy: policy)
        final class Fired: @unchecked Sendable { var dates: [Date] = []; let lock = NSLock() }
        let fired = Fired()
        server.onEvent = { event in
            if case .finished(let fire, let result) = event, result.succeeded { fired.lock.withLock { fired.dates.append(fire.scheduledFor) } }
        }
        let stopAt = date(end)
        try server.serve {
            server.drain()   // let queued runs finish before the clock moves on
            return clock.now() >= stopAt
        }
        return fired.lock.withLock { fired.dates }
    }

    @Test func catchUpPolicies() throws {
        for (policy, expected) in [
            (CatchUpPolicy.none, ["2024-03-05"]),
            (.latest, ["2024-03-04", "2024-03-05"]),
            (.all, ["2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05"]),
        ] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-serve-\(UUID().uuidString.prefix(8))")
            let catalog = try Catalog(path: folder.appendingPathComponent("c.sqlite").path)
            // The last scheduled run was for 1 March.
            let context = RunContext(host: "elsewhere", pid: 1, definitionPath: nil, trigger: "daily", scheduledFor: Self.date("2024-03-01T00:00:00Z"))
            try catalog.recordWorkflowRun(WorkflowRunRecord(runID: "old", workflowName: "nightly", state: .completed, startedOn: Self.date("2024-03-01T00:00:00Z"),
                                                            completedOn: Self.date("2024-03-01T00:01:00Z"), statistics: [RunContext.key: context.json]))
            let fired = try Self.serve(policy, catalog: catalog, start: "2024-03-04T12:00:00Z", end: "2024-03-05T00:00:30Z")
            #expect(fired == expected.map { Self.date("\($0)T00:00:00Z") }, "\(policy)")
            let runs = try catalog.workflowRuns(workflow: "nightly")
            #expect(runs.count == expected.count + 1)
            #expect(runs.allSatisfy { $0.state == .completed })
        }
    }
}
