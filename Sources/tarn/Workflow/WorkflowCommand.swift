// `tarn workflow …`: run, stop, resume, serve, status, history, graph.
import Foundation
import TarnCatalog
import TarnWorkflow

struct WorkflowCommand: Command {
    static let name = "workflow"
    static let summary = "run, schedule and inspect workflows (crawl → convert → crawl)"
    static let usage = """
        usage: tarn workflow run FILE [--property KEY=VALUE]... [--reset-bookmark] [--max-parallel N] [--json]
               tarn workflow stop RUN_ID
               tarn workflow resume RUN_ID [FILE] [--json]
               tarn workflow serve FILE... [--catch-up none|latest|all]
               tarn workflow status [--json]
               tarn workflow history NAME [--limit N] [--json]
               tarn workflow graph FILE --format dot|mermaid|html [--output PATH] [--limit N]
               tarn workflow validate FILE

        A workflow file names nodes (crawlers and convert jobs) and the triggers that start
        them (on-demand, schedule, conditional); see the README. `run` starts a run now and
        waits for it, exiting 1 when a node did not succeed. `stop` asks a run to end after
        its running nodes finish. `resume` runs again only the nodes of a run that failed
        or never ran. `serve` fires the schedules until SIGINT or SIGTERM. Runs and node
        runs are kept in the catalog; `history --json` prints Glue's {"Runs": [...]}.

        options:
          --catalog PATH       the catalog file (default: $TARN_CATALOG, else .tarn/catalog.sqlite)
          --property K=V       a run property: replaces ${K} in node settings (repeatable)
          --reset-bookmark     convert jobs forget what they converted: every raw file again
          --max-parallel N     nodes running at once (default 2)
          --catch-up POLICY    serve: missed schedule firings: none (default), latest or all
          --limit N            runs shown (default 20)
          --format F           graph: dot, mermaid or html
          --output PATH        graph: write there instead of standard output
          --json               machine-readable output
          -h, --help           show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let catalogPath = CatalogLocation.resolve(explicit: try args.value("--catalog"))
        let properties = try args.values("--property")
        let reset = args.flag("--reset-bookmark", "--reset-bookmarks")
        let maxParallel = try args.integer("--max-parallel")
        let catchUp = try args.value("--catch-up")
        let limit = try args.integer("--limit") ?? 20
        let format = try args.value("--format")
        let output = try args.value("--output")
        let asJSON = args.flag("--json")
        try args.finish()
        guard let action = args.positional.first else { throw UsageError("missing what to do: run, stop, resume, serve, status, history, graph or validate") }
        let operands = Array(args.positional.dropFirst())
        func only(_ allowed: Set<String>) throws {
            var given: [String] = []
            if !properties.isEmpty { given.append("--property") }
            if reset { given.append("--reset-bookmark") }
            if maxParallel != nil { given.append("--max-parallel") }
            if catchUp != nil { given.append("--catch-up") }
            if format != nil { given.append("--format") }
            if output != nil { given.append("--output") }
            for option in given where !allowed.contains(option) { throw UsageError("\(option) does not apply to 'workflow \(action)'") }
        }
        switch action {
        case "run":
            try only(["--property", "--reset-bookmark", "--max-parallel"])
            guard operands.count == 1 else { throw UsageError("workflow run needs one FILE") }
            var parsed: [String: String] = [:]
            for property in properties {
                guard let eq = property.firstIndex(of: "="), eq != property.startIndex else { throw UsageError("--property needs KEY=VALUE, got '\(property)'") }
                parsed[String(property[..<eq])] = String(property[property.index(after: eq)...])
            }
            return try WorkflowRunCommand.run(file: operands[0], catalogPath: catalogPath, properties: parsed, resetBookmarks: reset,
                                              maxParallel: maxParallel, asJSON: asJSON)
        case "resume":
            try only(["--max-parallel"])
            guard (1...2).contains(operands.count) else { throw UsageError("workflow resume needs RUN_ID and optionally FILE") }
            return try WorkflowRunCommand.resume(runID: operands[0], file: operands.count == 2 ? operands[1] : nil, catalogPath: catalogPath,
                                                 maxParallel: maxParallel, asJSON: asJSON)
        case "stop":
            try only([])
            guard operands.count == 1 else { throw UsageError("workflow stop needs one RUN_ID") }
            let catalog = try Catalog(path: catalogPath, createIfMissing: false)
            try WorkflowRunner.requestStop(runID: operands[0], catalog: catalog)
            let state = try catalog.workflowRun(id: operands[0])?.state
            print(state == .stopped ? "run \(operands[0]) is STOPPED (its process had already ended)"
                  : "run \(operands[0]) is STOPPING: it stops once its running nodes end")
            return 0
        case "serve":
            try only(["--catch-up", "--max-parallel"])
            guard !operands.isEmpty else { throw UsageError("workflow serve needs at least one FILE") }
            guard let policy = CatchUpPolicy(rawValue: (catchUp ?? "none").lowercased()) else {
                throw UsageError("--catch-up must be none, latest or all, not '\(catchUp!)'")
            }
            return try WorkflowServeCommand.run(files: operands, catalogPath: catalogPath, policy: policy, maxParallel: maxParallel)
        case "status":
            try only([])
            guard operands.isEmpty else { throw UsageError("workflow status takes no operand") }
            return try WorkflowHistoryCommand.status(catalogPath: catalogPath, asJSON: asJSON)
        case "history":
            try only([])
            guard operands.count <= 1 else { throw UsageError("workflow history takes at most one NAME") }
            return try WorkflowHistoryCommand.history(name: operands.first, catalogPath: catalogPath, limit: limit, asJSON: asJSON)
        case "graph":
            try only(["--format", "--output"])
            guard operands.count == 1 else { throw UsageError("workflow graph needs one FILE") }
            guard let format, ["dot", "mermaid", "html"].contains(format.lowercased()) else {
                throw UsageError("workflow graph needs --format dot, mermaid or html")
            }
            return try WorkflowGraphCommand.run(file: operands[0], format: format.lowercased(), output: output, catalogPath: catalogPath, limit: limit)
        case "validate":
            try only([])
            guard operands.count == 1 else { throw UsageError("workflow validate needs one FILE") }
            let workflow = try Workflow(contentsOf: operands[0])
            print("\(operands[0]): workflow '\(workflow.name)' is valid: \(workflow.nodes.count) nodes, \(workflow.triggers.count) triggers")
            return 0
        default:
            throw UsageError("unknown workflow action '\(action)' (run, stop, resume, serve, status, history, graph or validate)")
        }
    }
}
