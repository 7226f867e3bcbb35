import Foundation

/// One schedule trigger firing: which workflow and trigger, and the minute it was for.
public struct ScheduledFire: Sendable, Equatable {
    public var workflow: String
    public var trigger: String
    public var scheduledFor: Date
    /// Whether the firing was missed (it is run late, by the catch-up policy).
    public var isCatchUp: Bool
}

/// Decides when schedule triggers fire. Pure logic over times it is given, so tests drive it
/// with any clock: `due(at:)` returns what is due and moves on, `nextFireDate` says when to
/// look again.
///
/// A firing counts as on time within `graceSeconds` of its minute; older ones are missed
/// and go through the catch-up policy — including those between a trigger's last recorded
/// firing (from the catalog) and the scheduler's start.
public struct Scheduler: Sendable {
    public struct Entry: Sendable {
        public var workflow: String
        public var trigger: String
        public var schedule: CronSchedule

        public init(workflow: String, trigger: String, schedule: CronSchedule) {
            self.workflow = workflow
            self.trigger = trigger
            self.schedule = schedule
        }
    }

    public let policy: CatchUpPolicy
    public let graceSeconds: Double
    private(set) var entries: [Entry]
    /// Per entry: the next firing not yet handed out.
    private(set) var next: [Date?]

    /// - Parameter lastFires: per `workflow/trigger`, the firing the last scheduled run was
    ///   for; firings after it and before `now` are missed ones.
    public init(entries: [Entry], policy: CatchUpPolicy, lastFires: [String: Date] = [:], now: Date, graceSeconds: Double = 60) {
        self.entries = entries
        self.policy = policy
        self.graceSeconds = graceSeconds
        next = entries.map { entry in
            let start = lastFires[Self.key(entry.workflow, entry.trigger)].map { min($0, now) } ?? now.addingTimeInterval(-graceSeconds)
            return entry.schedule.nextFire(after: start)
        }
    }

    public static func key(_ workflow: String, _ trigger: String) -> String { "\(workflow)/\(trigger)" }

    /// The earliest firing still to come (nil: none ever).
    public var nextFireDate: Date? { next.compactMap { $0 }.min() }

    /// Every firing due at `now`, oldest first: on-time ones, and missed ones the policy
    /// keeps. Firings handed out are not handed out again.
    public mutating func due(at now: Date) -> [ScheduledFire] {
        var result: [ScheduledFire] = []
        for index in entries.indices {
            guard let first = next[index], first <= now else { continue }
            let entry = entries[index]
            let passed = [first] + entry.schedule.fires(after: first, through: now)
            let missed = passed.filter { now.timeIntervalSince($0) > graceSeconds }
            let onTime = passed.filter { now.timeIntervalSince($0) <= graceSeconds }
            // An on-time firing already is the latest run.
            let caughtUp = policy == .latest && !onTime.isEmpty ? [] : policy.select(missed)
            for date in caughtUp { result.append(ScheduledFire(workflow: entry.workflow, trigger: entry.trigger, scheduledFor: date, isCatchUp: true)) }
            for date in onTime { result.append(ScheduledFire(workflow: entry.workflow, trigger: entry.trigger, scheduledFor: date, isCatchUp: false)) }
            next[index] = entry.schedule.nextFire(after: now)
        }
        return result.sorted { $0.scheduledFor < $1.scheduledFor }
    }
}
