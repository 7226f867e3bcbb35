// Prints a run's progress as it happens: one line per node event, and on a terminal a
// progress bar for convert jobs (on standard error, redrawn in place).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TarnCatalog
import TarnWorkflow

final class RunPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let showsBar = isatty(STDERR_FILENO) == 1
    private var barShown = false

    /// - Parameter quiet: print nothing on standard output (for --json).
    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: RunEvent) {
        lock.withLock {
            switch event {
            case .jobProgress(let node, let progress):
                guard showsBar, progress.filesTotal > 0 else { return }
                let width = 24
                let filled = progress.bytesTotal > 0 ? width * progress.bytesDone / progress.bytesTotal : width * progress.filesDone / progress.filesTotal
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                let line = String(format: "\r  %@ [%@] %d/%d files, %.1f/%.1f MB", node, bar, progress.filesDone, progress.filesTotal,
                                  Double(progress.bytesDone) / 1e6, Double(progress.bytesTotal) / 1e6)
                FileHandle.standardError.write(Data(line.utf8))
                barShown = true
            default:
                guard !quiet, let line = Self.line(event) else { return }
                clearBar()
                print(line)
                fflush(stdout)
            }
        }
    }

    private func clearBar() {
        if barShown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            barShown = false
        }
    }

    static func line(_ event: RunEvent) -> String? {
        switch event {
        case .runStarted(let runID, let workflow): return "run \(runID) of '\(workflow)' started"
        case .nodeStarted(let node, let attempt): return "  \(node): started\(attempt > 1 ? " (attempt \(attempt))" : "")"
        case .nodeFinished(let node, _, let state, let error, let seconds):
            return "  \(node): \(state.rawValue) in \(RunSummary.duration(seconds))\(error.map { " — \($0)" } ?? "")"
        case .retryScheduled(let node, let attempt, let delay): return "  \(node): retrying (attempt \(attempt)) in \(RunSummary.duration(delay))"
        case .triggerFired(let trigger, let actions): return "  trigger '\(trigger)' fired → \(actions.joined(separator: ", "))"
        case .jobProgress: return nil
        case .runFinished: return nil
        }
    }

    /// The closing lines: the run's state, each node's last state and figures.
    static func summary(_ result: WorkflowRunResult) -> String {
        let summary = RunSummary(run: result.run, nodeRuns: result.nodeRuns)
        var lines = ["run \(result.run.runID) \(result.run.state.rawValue) in \(RunSummary.duration(summary.seconds))"]
        var table = TextTable(["NODE", "TYPE", "STATE", "ATTEMPTS", "FIGURES"])
        for node in summary.nodes {
            let attempts = result.nodeRuns.filter { $0.nodeName == node.nodeName }.count
            table.append([node.nodeName, node.nodeType.rawValue, node.state.rawValue, String(attempts), figures(node)])
        }
        if !summary.nodes.isEmpty { lines.append(table.rendered.trimmingCharacters(in: .newlines)) }
        return lines.joined(separator: "\n")
    }

    static func figures(_ node: NodeRunRecord) -> String {
        let metrics = node.metrics
        if let from = metrics["carriedFromRun"]?.stringValue { return "succeeded in \(from)" }
        if node.state != .succeeded { return node.errorMessage.map { String($0.prefix(120)) } ?? "" }
        switch node.nodeType {
        case .job:
            let files = metrics["files"]?.intValue ?? 0, unchanged = metrics["filesUnchanged"]?.intValue ?? 0
            let rows = metrics["rowsWritten"]?.intValue ?? 0, rejected = metrics["rowsRejected"]?.intValue ?? 0
            let speed = metrics["megabytesPerSecond"]?.doubleValue ?? 0
            return "\(files) files converted, \(unchanged) unchanged, \(rows) rows written, \(rejected) rejected, \(String(format: "%.1f", speed)) MB/s"
        case .crawler:
            let parts = metrics.keys.sorted().compactMap { key -> String? in
                guard let value = metrics[key], value.intValue != nil || value.stringValue != nil else { return nil }
                return "\(key) \(value.intValue.map(String.init) ?? value.stringValue!)"
            }
            return parts.prefix(6).joined(separator: ", ")
        }
    }
}
