import Foundation
import Testing
import TarnCatalog
@testable import TarnWorkflow

/// The graph as DOT, Mermaid and the HTML page.
@Suite struct RenderTests {
    @Test func dotAndMermaidDrawTriggersNodesAndStates() throws {
        let graph = WorkflowGraph(try Workflow(contentsOf: TestLake.demoPath))
        #expect(graph.vertices.map(\.rank) == [0, 2, 4, 1, 3, 5])
        let dot = GraphText.dot(graph)
        #expect(dot.hasPrefix("digraph \"demo\" {\n  rankdir=LR;"))
        #expect(dot.contains("t0 [shape=ellipse, style=dashed, label=\"daily\nschedule 0 2 * * * UTC\"];"))
        #expect(dot.contains("n0 -> t1 [label=\"SUCCEEDED\"];"))
        #expect(dot.contains("t1 -> n1;"))
        let mermaid = GraphText.mermaid(graph)
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains("  n1[\"to-parquet<br/>convert demo_raw → ${curated}\"]"))
        #expect(mermaid.contains("  n1 -- SUCCEEDED --> t2"))
    }

    @Test func theHTMLPageIsSelfContained() throws {
        let workflow = try Workflow(contentsOf: TestLake.demoPath)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let run = WorkflowRunRecord(runID: "wr_1", workflowName: "demo", state: .completed, startedOn: start, completedOn: start.addingTimeInterval(4))
        let nodes = [
            NodeRunRecord(runID: "wr_1", nodeName: "raw-crawl", nodeType: .crawler, state: .succeeded, startedOn: start, completedOn: start.addingTimeInterval(1)),
            NodeRunRecord(runID: "wr_1", nodeName: "to-parquet", nodeType: .job, state: .failed, startedOn: start.addingTimeInterval(1),
                          completedOn: start.addingTimeInterval(2), errorMessage: "<boom> & more",
                          metrics: ["rowsWritten": 1000, "bytesIn": 4_000_000, "seconds": 2.0]),
        ]
        let html = HTMLReport.page(workflow, runs: [RunSummary(run: run, nodeRuns: nodes)], generatedAt: start)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"))
        #expect(html.contains("&lt;boom&gt; &amp; more"))
        #expect(html.contains("<td class=\"num\">4.0 s</td><td class=\"num\">1000</td><td class=\"num\">2.0</td>"))
        #expect(html.contains("fill=\"#fce8e6\""))   // the failed node, red
    }
}
