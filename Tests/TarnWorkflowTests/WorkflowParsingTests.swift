import Foundation
import Testing
import TarnCatalog
@testable import TarnWorkflow

/// Workflow files: the demo parses; mistakes give errors that say what and where.
@Suite struct WorkflowParsingTests {
    static func parse(_ text: String) throws -> Workflow { try Workflow(json: text, file: "wf.json") }

    static func error(_ text: String) -> WorkflowError? {
        do { _ = try parse(text); return nil } catch { return error as? WorkflowError }
    }

    static let nodes = """
        "nodes": [
          { "name": "a", "type": "crawler", "path": "${raw}", "database": "raw" },
          { "name": "b", "type": "job", "source": "${raw}/sales", "target": "out", "partitionKeys": ["year"], "targetFileSize": "64MB" }
        ]
        """

    @Test func theDemoParses() throws {
        let workflow = try Workflow(contentsOf: TestLake.demoPath)
        #expect(workflow.name == "demo")
        #expect(workflow.nodes.map(\.name) == ["raw-crawl", "to-parquet", "curated-crawl"])
        #expect(workflow.onDemandActions == ["raw-crawl"])   // only a schedule: run on demand starts its actions
        guard case .job(let spec) = workflow.node(named: "to-parquet")?.action else { Issue.record("not a job"); return }
        #expect(spec.source == .table(database: "demo_raw", table: nil))
        #expect(workflow.node(named: "to-parquet")?.maxRetries == 1)
        guard case .schedule(let schedule) = workflow.triggers[0].kind else { Issue.record("not a schedule"); return }
        #expect(schedule.description == "0 2 * * * (UTC)")
    }

    @Test func jobOptionsAreRead() throws {
        let workflow = try Self.parse("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "go", "type": "on-demand", "actions": ["a"] }] }
            """)
        guard case .job(let spec) = workflow.node(named: "b")?.action else { Issue.record("not a job"); return }
        #expect(spec.source == .path("${raw}/sales"))
        #expect(spec.partitionKeys == ["year"])
        #expect(spec.targetFileSizeBytes == 64 << 20)
    }

    @Test func anUnknownKeyIsNamedWithASuggestion() {
        let error = Self.error("""
            { "name": "w", "nodes": [{ "name": "a", "type": "crawler", "path": "p", "databse": "raw" }], "triggers": [] }
            """)
        #expect(error?.kind == .unknownKey)
        #expect(error?.description == "wf.json: node 'a': unknown key \"databse\" (did you mean \"database\"?)")
    }

    @Test func anUnknownNodeInATriggerIsAnError() {
        let error = Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "go", "type": "on-demand", "actions": ["c"] }] }
            """)
        #expect(error?.kind == .unknownNode)
        #expect(error?.description == "wf.json: trigger 'go': action 'c' is not a node of the workflow (nodes: a, b)")
    }

    @Test func aCycleIsAnErrorShowingThePath() {
        let error = Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [
              { "name": "go", "type": "on-demand", "actions": ["a"] },
              { "name": "ab", "type": "conditional", "conditions": [{ "node": "a", "state": "SUCCEEDED" }], "actions": ["b"] },
              { "name": "ba", "type": "conditional", "conditions": [{ "node": "b", "state": "FAILED" }], "actions": ["a"] }
            ] }
            """)
        #expect(error?.kind == .cycle)
        #expect(error?.message == "the conditional triggers form a cycle: a → b → a")
    }

    @Test func aBadCronNamesTheField() {
        let error = Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "nightly", "type": "schedule", "schedule": "0 25 * * *", "actions": ["a"] }] }
            """)
        #expect(error?.kind == .badSchedule)
        #expect(error?.description == "wf.json: trigger 'nightly': hour field '25': 25 is out of range 0-23")
        let zone = Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "n", "type": "schedule", "schedule": "@daily", "timezone": "Mars/Olympus", "actions": ["a"] }] }
            """)
        #expect(zone?.message.contains("unknown time zone 'Mars/Olympus'") == true)
    }

    @Test func otherMistakes() {
        #expect(Self.error("{ \"name\": \"w\", ")?.kind == .malformed)
        #expect(Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "c", "type": "conditional", "conditions": [{ "node": "a", "state": "DONE" }], "actions": ["b"] }] }
            """)?.message.contains("condition state 'DONE'") == true)
        #expect(Self.error("""
            { "name": "w", \(Self.nodes), "triggers": [{ "name": "c", "type": "conditional", "conditions": [{ "node": "a" }], "actions": ["b"] }] }
            """)?.message == "nothing starts the workflow: add an on-demand or schedule trigger")
        #expect(Self.error("""
            { "name": "w", "nodes": [{ "name": "a", "type": "lambda" }], "triggers": [] }
            """)?.message == "type 'lambda' is not crawler or job")
    }

    @Test func runPropertiesAreSubstituted() throws {
        #expect(try RunProperties.substitute("${raw}/sales/$${x}", ["raw": "/data"]) == "/data/sales/${x}")
        #expect(throws: WorkflowError.self) { try RunProperties.substitute("${nope}/x", ["raw": "/data"]) }
        let workflow = try Self.parse("""
            { "name": "w", "defaultRunProperties": { "raw": "/lake" }, \(Self.nodes), "triggers": [{ "name": "go", "type": "on-demand", "actions": ["a"] }] }
            """)
        let resolved = try workflow.node(named: "b")!.resolved(RunProperties.merge(workflow.defaultRunProperties, ["raw": "/other"]))
        guard case .job(let spec) = resolved.action else { return }
        #expect(spec.source == .path("/other/sales"))
    }
}
