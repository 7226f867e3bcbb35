// `tarn workflow graph FILE --format dot|mermaid|html`.
import Foundation
import TarnCatalog
import TarnWorkflow

enum WorkflowGraphCommand {
    static func run(file: String, format: String, output: String?, catalogPath: String, limit: Int) throws -> Int32 {
        let workflow = try Workflow(contentsOf: file)
        let text: String
        switch format {
        case "dot": text = GraphText.dot(WorkflowGraph(workflow))
        case "mermaid": text = GraphText.mermaid(WorkflowGraph(workflow))
        default:
            // Runs come from the catalog when there is one; a fresh workflow has none.
            var summaries: [RunSummary] = []
            if FileManager.default.fileExists(atPath: catalogPath) {
                let catalog = try Catalog(path: catalogPath, createIfMissing: false)
                summaries = try catalog.workflowRuns(workflow: workflow.name, limit: limit).map {
                    RunSummary(run: $0, nodeRuns: try catalog.nodeRuns(runID: $0.runID))
                }
            }
            text = HTMLReport.page(workflow, runs: summaries)
        }
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            print("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
        return 0
    }
}
