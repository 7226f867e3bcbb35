import Foundation
import Testing
import TarnCatalog
import TarnTestSupport
@testable import TarnWorkflow

/// The runner: the demo end to end (read back by DuckDB), conditional branches, resume,
/// retries and timeouts, one run at a time, stop — with a fake crawler and, for waits, a
/// manual clock. Crawler nodes run Tarn's crawler.
@Suite struct WorkflowRunnerTests {
    static func demo(_ lake: TestLake) throws -> (Workflow, RunOptions) {
        (try Workflow(contentsOf: TestLake.demoPath), RunOptions(properties: ["raw": lake.raw, "curated": lake.curated]))
    }

    static func runner(_ lake: TestLake, crawler: CrawlerRunner = TarnCrawlerRunner(), clock: WorkflowClock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))) throws -> WorkflowRunner {
        let runner = WorkflowRunner(catalog: try Catalog(path: lake.catalogPath), crawler: crawler, clock: clock)
        runner.stopPollSeconds = 0.05
        return runner
    }

    @Test(.interop) func theDemoRunsEndToEndAndDuckDBReadsWhatTheRawHolds() throws {
        let lake = try TestLake()
        let (workflow, options) = try Self.demo(lake)
        let runner = try Self.runner(lake)
        let result = try runner.run(workflow, options: options)
        #expect(result.succeeded, "\(result.nodeRuns.map { "\($0.nodeName) \($0.state) \($0.errorMessage ?? "")" })")
        #expect(Set(result.nodeRuns.map(\.nodeName)) == ["raw-crawl", "to-parquet", "curated-crawl"])
        let job = result.nodeRuns.first { $0.nodeName == "to-parquet" }!
        #expect(job.metrics["rowsWritten"] == .int(43 + 12 + 27))
        #expect(job.metrics["tables"] == ["customers", "events", "sales"])
        // The curated crawl found the three Parquet tables, with the raw tables' columns and types.
        let curatedTables = try runner.catalog.tables(database: "demo_curated")
        #expect(curatedTables.map(\.name) == ["customers", "events", "sales"])
        for (raw, curated) in zip(try runner.catalog.tables(database: "demo_raw"), curatedTables) {
            #expect(curated.format.classification == .parquet)
            #expect(curated.schema == raw.schema, "\(raw.name)")
            #expect(curated.partitionKeys == raw.partitionKeys, "\(raw.name)")
            #expect(curated.properties.recordCount == raw.properties.recordCount, "\(raw.name)")
        }

        // Row counts and values: DuckDB over the raw files and over the curated Parquet.
        #expect(try lake.curatedCount("sales") == 43)
        #expect(try lake.curatedCount("customers") == 12)
        #expect(try lake.curatedCount("events") == 27)
        let rawSales = try lake.duckdb("""
            SELECT order_id, customer_id, product, quantity, CAST(unit_price AS DOUBLE), year, month
            FROM read_csv('${raw}/sales/**/*.csv', hive_partitioning = true, hive_types_autocast = false) ORDER BY order_id
            """)
        let curatedSales = try lake.duckdb("""
            SELECT order_id, customer_id, product, quantity, CAST(unit_price AS DOUBLE), year, month
            FROM read_parquet('${curated}/sales/**/*.parquet', hive_partitioning = true, hive_types_autocast = false) ORDER BY order_id
            """)
        #expect(rawSales.count == 43)
        #expect(curatedSales == rawSales)
        let rawEvents = try lake.duckdb("SELECT event_id, type, \"user\".id, \"user\".country, tags, query FROM read_json('${raw}/events/*.jsonl') ORDER BY event_id")
        let curatedEvents = try lake.duckdb("SELECT event_id, type, \"user\".id, \"user\".country, tags, query FROM read_parquet('${curated}/events/**/*.parquet') ORDER BY event_id")
        #expect(rawEvents.count == 27 && curatedEvents == rawEvents)
        let rawCustomers = try lake.duckdb("SELECT customer_id, name, country, signup_date FROM read_csv('${raw}/customers/customers.csv.gz') ORDER BY 1")
        let curatedCustomers = try lake.duckdb("SELECT customer_id, name, country, signup_date FROM read_parquet('${curated}/customers/**/*.parquet') ORDER BY 1")
        #expect(rawCustomers.count == 12 && curatedCustomers == rawCustomers)

        // A rerun adds nothing; a new raw file adds exactly its rows.
        let rerun = try runner.run(workflow, options: options)
        #expect(rerun.succeeded)
        #expect(rerun.nodeRuns.first { $0.nodeName == "to-parquet" }!.metrics["rowsWritten"]?.intValue == 0)
        #expect(try lake.curatedCount("sales") == 43)
        try lake.write("order_id,customer_id,product,quantity,unit_price,ordered_at\n5000,3,Ceramic mug,2,9.00,2024-03-03T09:00:00Z\n", to: "raw/sales/year=2024/month=03/sales.csv")
        let third = try runner.run(workflow, options: options)
        #expect(third.nodeRuns.first { $0.nodeName == "to-parquet" }!.metrics["rowsWritten"]?.intValue == 1)
        #expect(try lake.curatedCount("sales") == 44)

        // The history, Glue-shaped.
        let runs = try runner.catalog.workflowRuns(workflow: "demo")
        #expect(runs.count == 3)
        let glue = GlueJSON.runs(try runs.map { ($0, try runner.catalog.nodeRuns(runID: $0.runID)) }, graphNodes: workflow.graphNodes)
        #expect(glue["Runs"]?[0]?["Status"] == "COMPLETED")
        #expect(glue["Runs"]?[0]?["Statistics"]?["SucceededActions"] == 3)
        #expect(glue["Runs"]?[0]?["Graph"]?["Nodes"]?[1]?["JobDetails"]?["JobRuns"]?[0]?["JobRunState"] == "SUCCEEDED")
    }

    static let branching = """
        { "name": "branching",
          "defaultRunProperties": { "raw": "/nonexistent", "curated": "/nonexistent" },
          "nodes": [
            { "name": "convert", "type": "job", "source": "${raw}/sales", "target": "${curated}" },
            { "name": "on-failure", "type": "crawler", "path": "${raw}", "database": "failures" },
            { "name": "on-success", "type": "crawler", "path": "${curated}", "database": "curated" }
          ],
          "triggers": [
            { "name": "start", "type": "on-demand", "actions": ["convert"] },
            { "name": "failed", "type": "conditional", "logical": "ANY",
              "conditions": [{ "node": "convert", "state": "FAILED" }, { "node": "convert", "state": "TIMEOUT" }], "actions": ["on-failure"] },
            { "name": "succeeded", "type": "conditional", "logical": "ALL",
              "conditions": [{ "node": "convert", "state": "SUCCEEDED" }], "actions": ["on-success"] }
          ] }
        """

    @Test func aFailedNodeTakesTheFailedBranchAndResumeFinishesTheRun() throws {
        let lake = try TestLake()
        let workflow = try Workflow(json: Self.branching)
        let runner = try Self.runner(lake)
        // The job's source does not exist yet: it fails.
        try FileManager.default.moveItem(atPath: lake.raw + "/sales", toPath: lake.root.appendingPathComponent("sales-later").path)
        let failed = try runner.run(workflow, options: RunOptions(properties: ["raw": lake.raw, "curated": lake.curated], definitionPath: "/x/branching.json"))
        #expect(failed.run.state == .completed)
        #expect(failed.nodeStates == ["convert": .failed, "on-failure": .succeeded])
        #expect(failed.nodeRuns.first { $0.nodeName == "convert" }?.errorMessage?.contains("does not exist") == true)
        #expect(!failed.succeeded)

        try FileManager.default.moveItem(atPath: lake.root.appendingPathComponent("sales-later").path, toPath: lake.raw + "/sales")
        let resumed = try runner.resume(runID: failed.run.runID, workflow: workflow)
        #expect(resumed.run.previousRunID == failed.run.runID)
        #expect(resumed.nodeStates == ["convert": .succeeded, "on-failure": .succeeded, "on-success": .succeeded])
        // The failure branch is carried over, not run again.
        #expect(resumed.nodeRuns.first { $0.nodeName == "on-failure" }?.metrics["carriedFromRun"] == .string(failed.run.runID))
        #expect(try lake.curatedCount("sales") == 43)
        // Nothing is left to resume.
        #expect(throws: WorkflowError.self) { try runner.resume(runID: resumed.run.runID, workflow: workflow) }
    }

    @Test func retriesWaitDoublingDelaysOnTheInjectedClock() throws {
        let lake = try TestLake()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))
        final class Counter: @unchecked Sendable { var calls = 0; let lock = NSLock() }
        let counter = Counter()
        let crawler = ClosureCrawler { _, _ in
            let calls = counter.lock.withLock { counter.calls += 1; return counter.calls }
            if calls < 3 { throw WorkflowError(.job, "flaky \(calls)") }
            return ["tables": 1]
        }
        let workflow = try Workflow(json: """
            { "name": "retry", "nodes": [{ "name": "c", "type": "crawler", "path": "p", "database": "d", "maxRetries": 3, "retryDelaySeconds": 5 }],
              "triggers": [{ "name": "go", "type": "on-demand", "actions": ["c"] }] }
            """)
        let result = try Self.runner(lake, crawler: crawler, clock: clock).run(workflow)
        #expect(result.succeeded)
        #expect(result.nodeRuns.map(\.attempt) == [1, 2, 3])
        #expect(result.nodeRuns.map(\.state) == [.failed, .failed, .succeeded])
        #expect(result.nodeRuns[0].errorMessage == "flaky 1")
        #expect(clock.sleeps == [5, 10])
    }

    @Test func aNodePastItsTimeoutIsTimeoutAndNotRetried() throws {
        let lake = try TestLake()
        let workflow = try Workflow(json: """
            { "name": "slow", "nodes": [
                { "name": "c", "type": "crawler", "path": "p", "database": "slow", "timeoutSeconds": 0.2, "maxRetries": 2 },
                { "name": "after", "type": "crawler", "path": "p", "database": "fast" } ],
              "triggers": [{ "name": "go", "type": "on-demand", "actions": ["c"] },
                           { "name": "t", "type": "conditional", "conditions": [{ "node": "c", "state": "TIMEOUT" }], "actions": ["after"] }] }
            """)
        let runner = try Self.runner(lake, crawler: ClosureCrawler { spec, _ in
            if spec.database == "slow" { Thread.sleep(forTimeInterval: 3) }
            return [:]
        })
        let started = Date()
        let result = try runner.run(workflow)
        #expect(Date().timeIntervalSince(started) < 2.5)
        #expect(result.nodeRuns.filter { $0.nodeName == "c" }.map(\.state) == [.timeout])
        #expect(result.nodeRuns.first { $0.nodeName == "c" }?.errorMessage == "timed out after 0.2 s (timeoutSeconds)")
        #expect(result.nodeStates["after"] == .succeeded)
    }

    @Test func oneRunAtATimeUnlessAllowedAndADeadOwnerFreesTheSlot() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        let workflow = try Workflow(json: """
            { "name": "single", "nodes": [{ "name": "c", "type": "crawler", "path": "p", "database": "d" }],
              "triggers": [{ "name": "go", "type": "on-demand", "actions": ["c"] }] }
            """)
        // A run held by this (live) process.
        let live = WorkflowRunRecord(runID: "held", workflowName: "single", statistics: [RunContext.key: RunContext.current(definitionPath: nil, trigger: nil, scheduledFor: nil).json])
        try catalog.recordWorkflowRun(live)
        let runner = WorkflowRunner(catalog: catalog, crawler: ClosureCrawler { _, _ in [:] })
        do {
            _ = try runner.run(workflow)
            Issue.record("a second run started")
        } catch let error as WorkflowError {
            #expect(error.kind == .concurrentRun)
            #expect(error.message.contains("already has 1 run going (held)"))
        }
        var allowing = workflow
        allowing.maxConcurrentRuns = 2
        #expect(try runner.run(allowing).succeeded)

        // A run whose process is gone is marked ERROR and frees its slot.
        var dead = RunContext.current(definitionPath: nil, trigger: nil, scheduledFor: nil)
        dead.pid = Int32.max - 1
        try catalog.recordWorkflowRun(WorkflowRunRecord(runID: "held", workflowName: "single", statistics: [RunContext.key: dead.json]))
        try catalog.recordNodeRun(NodeRunRecord(runID: "held", nodeName: "c", nodeType: .crawler))
        #expect(try runner.run(workflow).succeeded)
        let abandoned = try catalog.workflowRun(id: "held")!
        #expect(abandoned.state == .error)
        #expect(abandoned.errorMessage?.contains("ended before the run finished") == true)
        #expect(try catalog.nodeRuns(runID: "held").map(\.state) == [.error])
    }

    @Test func stopLetsRunningNodesEndAndStartsNoMore() throws {
        let lake = try TestLake()
        let catalog = try Catalog(path: lake.catalogPath)
        let workflow = try Workflow(json: """
            { "name": "stoppable", "nodes": [
                { "name": "first", "type": "crawler", "path": "p", "database": "d" },
                { "name": "second", "type": "crawler", "path": "p", "database": "d" } ],
              "triggers": [{ "name": "go", "type": "on-demand", "actions": ["first"] },
                           { "name": "then", "type": "conditional", "conditions": [{ "node": "first", "state": "SUCCEEDED" }], "actions": ["second"] }] }
            """)
        let runner = WorkflowRunner(catalog: catalog, crawler: ClosureCrawler { _, catalog in
            // Another process asks the run to stop while the first node works.
            let other = try Catalog(path: catalog.path)
            let running = try other.workflowRuns(workflow: "stoppable", states: [.running]).first!
            try WorkflowRunner.requestStop(runID: running.runID, catalog: other)
            Thread.sleep(forTimeInterval: 0.3)
            return ["done": true]
        })
        runner.stopPollSeconds = 0.05
        let result = try runner.run(workflow)
        #expect(result.run.state == .stopped)
        #expect(result.nodeStates == ["first": .succeeded])
        // Resume runs what never started.
        let resumed = try WorkflowRunner(catalog: catalog, crawler: ClosureCrawler { _, _ in [:] }).resume(runID: result.run.runID, workflow: workflow)
        #expect(resumed.nodeStates == ["first": .succeeded, "second": .succeeded])
    }
}
