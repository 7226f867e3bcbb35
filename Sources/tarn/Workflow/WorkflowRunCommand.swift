// `tarn workflow run` and `tarn workflow resume`.
import Foundation
import TarnCatalog
import TarnWorkflow

enum WorkflowRunCommand {
    static func run(file: String, catalogPath: String, properties: [String: String], resetBookmarks: Bool, maxParallel: Int?, asJSON: Bool) throws -> Int32 {
        let workflow = try Workflow(contentsOf: file)
        let catalog = try Catalog(path: catalogPath)
        let printer = RunPrinter(quiet: asJSON)
        let runner = WorkflowRunner(catalog: catalog, crawler: CLICrawler.make(), maxParallelNodes: maxParallel ?? 2,
                                    observer: { printer.handle($0) })
        let result = try runner.run(workflow, options: RunOptions(properties: properties, definitionPath: absolute(file), resetBookmarks: resetBookmarks))
        return finish(result, workflow: workflow, asJSON: asJSON)
    }

    static func resume(runID: String, file: String?, catalogPath: String, maxParallel: Int?, asJSON: Bool) throws -> Int32 {
        let catalog = try Catalog(path: catalogPath, createIfMissing: false)
        guard let old = try catalog.workflowRun(id: runID) else { throw WorkflowError(.run, "no workflow run '\(runID)' in \(catalogPath)") }
        let definition = file ?? old.statistics["Tarn"]?["definition"]?.stringValue
        guard let definition else { throw UsageError("run '\(runID)' does not say which file defined it: pass FILE") }
        let workflow = try Workflow(contentsOf: definition)
        let printer = RunPrinter(quiet: asJSON)
        let runner = WorkflowRunner(catalog: catalog, crawler: CLICrawler.make(), maxParallelNodes: maxParallel ?? 2,
                                    observer: { printer.handle($0) })
        let result = try runner.resume(runID: runID, workflow: workflow, definitionPath: absolute(definition))
        return finish(result, workflow: workflow, asJSON: asJSON)
    }

    static func finish(_ result: WorkflowRunResult, workflow: Workflow, asJSON: Bool) -> Int32 {
        if asJSON {
            print(GlueJSON.workflowRun(result.run, nodeRuns: result.nodeRuns, graphNodes: workflow.graphNodes).serialized(pretty: true))
        } else {
            print(RunPrinter.summary(result))
        }
        if !result.succeeded {
            let failed = result.nodeStates.filter { $0.value != .succeeded }.keys.sorted()
            FileHandle.standardError.write(Data("tarn: run \(result.run.runID) \(result.run.state.rawValue)\(failed.isEmpty ? "" : "; not succeeded: \(failed.joined(separator: ", ")) (tarn workflow resume \(result.run.runID))")\n".utf8))
            return 1
        }
        return 0
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
    }
}
