// `tarn workflow serve`: fires schedules until SIGINT / SIGTERM.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TarnCatalog
import TarnWorkflow

enum WorkflowServeCommand {
    /// Set by the signal handlers; read by the serve loop a few times a second.
    nonisolated(unsafe) static var signalled: sig_atomic_t = 0

    static func run(files: [String], catalogPath: String, policy: CatchUpPolicy, maxParallel: Int?) throws -> Int32 {
        let served = try files.map { WorkflowServer.Served(workflow: try Workflow(contentsOf: $0), definitionPath: WorkflowRunCommand.absolute($0)) }
        let catalog = try Catalog(path: catalogPath)
        let printer = RunPrinter(quiet: false)
        let runner = WorkflowRunner(catalog: catalog, crawler: CLICrawler.make(), maxParallelNodes: maxParallel ?? 2, observer: { printer.handle($0) })
        let server = WorkflowServer(runner: runner, served: served, policy: policy)
        guard !server.entries.isEmpty else { throw WorkflowError(.invalid, "no schedule trigger in \(files.joined(separator: ", ")): nothing to serve") }
        server.onEvent = { event in
            switch event {
            case .fired(let fire): print("\(RunSummary.time(Date())) firing '\(fire.trigger)' of '\(fire.workflow)' for \(RunSummary.time(fire.scheduledFor))\(fire.isCatchUp ? " (catch-up)" : "")")
            case .skipped(let fire, let reason): print("\(RunSummary.time(Date())) skipped '\(fire.trigger)' of '\(fire.workflow)': \(reason)")
            case .finished(_, let result): print(RunPrinter.summary(result))
            case .failed(let fire, let error): print("\(RunSummary.time(Date())) '\(fire.workflow)' did not start: \(error)")
            }
            fflush(stdout)
        }
        signal(SIGINT) { _ in WorkflowServeCommand.signalled = 1 }
        signal(SIGTERM) { _ in WorkflowServeCommand.signalled = 1 }
        // A parent may have started us with these blocked (the mask is inherited): unblock
        // them, or SIGTERM would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for entry in server.entries {
            let next = entry.schedule.nextFire(after: Date()).map { RunSummary.time($0) + " UTC" } ?? "never"
            print("serving '\(entry.trigger)' of '\(entry.workflow)': \(entry.schedule) — next \(next)")
        }
        print("catch-up policy: \(policy.rawValue); stop with Ctrl-C (SIGINT) or SIGTERM")
        fflush(stdout)
        try server.serve { WorkflowServeCommand.signalled != 0 }
        print("stopped cleanly")
        return 0
    }
}
