#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TarnCatalog

/// What Tarn keeps with a workflow run besides Glue's fields, under the `Tarn` key of the
/// run's statistics: the process running it (so a run whose process died is recognised
/// and does not hold the workflow's slot forever), the definition file (for `resume`),
/// and the trigger that started it (with the minute, for a schedule's catch-up).
struct RunContext: Equatable {
    static let key = "Tarn"

    var host: String
    var pid: Int32
    var definitionPath: String?
    var trigger: String?
    var scheduledFor: Date?

    static func current(definitionPath: String?, trigger: String?, scheduledFor: Date?) -> RunContext {
        RunContext(host: ProcessInfo.processInfo.hostName, pid: getpid(), definitionPath: definitionPath, trigger: trigger, scheduledFor: scheduledFor)
    }

    init(host: String, pid: Int32, definitionPath: String?, trigger: String?, scheduledFor: Date?) {
        self.host = host
        self.pid = pid
        self.definitionPath = definitionPath
        self.trigger = trigger
        self.scheduledFor = scheduledFor
    }

    init?(_ run: WorkflowRunRecord) {
        guard let object = run.statistics[Self.key]?.objectValue, let host = object["host"]?.stringValue,
              let pid = object["pid"]?.intValue else { return nil }
        self.host = host
        self.pid = Int32(pid)
        definitionPath = object["definition"]?.stringValue
        trigger = object["trigger"]?.stringValue
        scheduledFor = object["scheduledFor"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    var json: JSONValue {
        var object: [String: JSONValue] = ["host": .string(host), "pid": .int(Int64(pid))]
        if let definitionPath { object["definition"] = .string(definitionPath) }
        if let trigger { object["trigger"] = .string(trigger) }
        if let scheduledFor { object["scheduledFor"] = .string(ISO8601DateFormatter().string(from: scheduledFor)) }
        return .object(object)
    }

    /// Whether the process that ran this is gone (only knowable on the same host).
    var ownerIsGone: Bool {
        guard host == ProcessInfo.processInfo.hostName else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
