// `tarn workflow status` and `tarn workflow history`.
import Foundation
import TarnCatalog
import TarnWorkflow

enum WorkflowHistoryCommand {
    static func status(catalogPath: String, asJSON: Bool) throws -> Int32 {
        let catalog = try Catalog(path: catalogPath, createIfMissing: false)
        let runs = try catalog.workflowRuns()
        // The latest run of each workflow, and every unfinished one.
        var seen = Set<String>()
        let shown = runs.filter { run in
            let first = seen.insert(run.workflowName).inserted
            return first || !run.state.isFinished
        }
        let withNodes = try shown.map { (run: $0, nodeRuns: try catalog.nodeRuns(runID: $0.runID)) }
        if asJSON {
            print(GlueJSON.runs(withNodes).serialized(pretty: true))
            return 0
        }
        if shown.isEmpty { print("no workflow runs in \(catalogPath)"); return 0 }
        print(table(withNodes, showWorkflow: true))
        return 0
    }

    static func history(name: String?, catalogPath: String, limit: Int, asJSON: Bool) throws -> Int32 {
        let catalog = try Catalog(path: catalogPath, createIfMissing: false)
        let runs = try catalog.workflowRuns(workflow: name, limit: limit)
        let withNodes = try runs.map { (run: $0, nodeRuns: try catalog.nodeRuns(runID: $0.runID)) }
        if asJSON {
            print(GlueJSON.runs(withNodes).serialized(pretty: true))
            return 0
        }
        if runs.isEmpty { print(name.map { "no runs of '\($0)' in \(catalogPath)" } ?? "no workflow runs in \(catalogPath)"); return 0 }
        print(table(withNodes, showWorkflow: name == nil))
        return 0
    }

    static func table(_ runs: [(run: WorkflowRunRecord, nodeRuns: [NodeRunRecord])], showWorkflow: Bool) -> String {
        var headers = ["RUN", "STATUS", "STARTED (UTC)", "DURATION", "ROWS", "MB/S", "NODES"]
        if showWorkflow { headers.insert("WORKFLOW", at: 0) }
        let offset = showWorkflow ? 1 : 0
        var table = TextTable(headers, rightAligned: [3 + offset, 4 + offset, 5 + offset])
        var errors: [String] = []
        for (run, nodeRuns) in runs {
            let summary = RunSummary(run: run, nodeRuns: nodeRuns)
            var row = [run.runID, run.state.rawValue, RunSummary.time(run.startedOn), RunSummary.duration(summary.seconds),
                       String(summary.rowsWritten), summary.megabytesPerSecond.map { String(format: "%.1f", $0) } ?? "—",
                       summary.nodes.map { "\($0.nodeName):\($0.state.rawValue)" }.joined(separator: " ")]
            if showWorkflow { row.insert(run.workflowName, at: 0) }
            table.append(row)
            for node in summary.nodes where node.state != .succeeded && node.errorMessage != nil {
                errors.append("\(run.runID) \(node.nodeName): \(node.errorMessage!)")
            }
            if let message = run.errorMessage { errors.append("\(run.runID): \(message)") }
        }
        var text = table.rendered.trimmingCharacters(in: .newlines)
        if !errors.isEmpty { text += "\n\nerrors:\n" + errors.map { "  " + $0 }.joined(separator: "\n") }
        return text
    }
}
