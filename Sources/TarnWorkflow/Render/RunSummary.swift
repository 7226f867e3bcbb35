import Foundation
import TarnCatalog

/// The figures of one run a person looks at: how long, how many rows, how fast, which
/// node ended how. Shared by `tarn workflow history` and the HTML page.
public struct RunSummary: Sendable {
    public var run: WorkflowRunRecord
    /// Each node's last attempt, in start order.
    public var nodes: [NodeRunRecord]
    public var seconds: Double?
    /// Rows written by the convert jobs.
    public var rowsWritten: Int64
    /// Raw bytes the jobs read.
    public var bytesIn: Int64
    /// `bytesIn` over the jobs' own seconds, in MB (10^6 bytes) per second.
    public var megabytesPerSecond: Double?

    public init(run: WorkflowRunRecord, nodeRuns: [NodeRunRecord]) {
        self.run = run
        var last: [String: NodeRunRecord] = [:]
        for nodeRun in nodeRuns.sorted(by: { $0.attempt < $1.attempt }) { last[nodeRun.nodeName] = nodeRun }
        nodes = nodeRuns.compactMap { last[$0.nodeName] == $0 ? $0 : nil }
        seconds = run.completedOn.map { $0.timeIntervalSince(run.startedOn) }
        var rows: Int64 = 0, bytes: Int64 = 0, jobSeconds = 0.0
        for node in nodes where node.nodeType == .job && node.metrics["carriedFromRun"] == nil {
            rows += node.metrics["rowsWritten"]?.intValue ?? 0
            bytes += node.metrics["bytesIn"]?.intValue ?? 0
            jobSeconds += node.metrics["seconds"]?.doubleValue ?? 0
        }
        rowsWritten = rows
        bytesIn = bytes
        megabytesPerSecond = jobSeconds > 0 ? Double(bytes) / 1e6 / jobSeconds : nil
    }

    /// `1.2 s`, `3 min 4 s`, `—`.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        if seconds < 3600 { return "\(Int(seconds) / 60) min \(Int(seconds) % 60) s" }
        return "\(Int(seconds) / 3600) h \(Int(seconds) % 3600 / 60) min"
    }

    /// `2024-11-30 02:00:03` in UTC.
    public static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
