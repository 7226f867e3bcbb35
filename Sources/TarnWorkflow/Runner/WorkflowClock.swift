import Foundation

/// The time and the waits of the runner and the scheduler: the system's, or a test's
/// manual clock that never sleeps.
public protocol WorkflowClock: Sendable {
    func now() -> Date
    /// Waits `seconds`, or less when `interrupted()` turns true (checked a few times a
    /// second). Returns whether the wait ran its full length.
    @discardableResult
    func sleep(seconds: Double, interrupted: () -> Bool) -> Bool
}

public struct SystemClock: WorkflowClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(seconds: Double, interrupted: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while true {
            if interrupted() { return false }
            let left = end.timeIntervalSinceNow
            if left <= 0 { return true }
            Thread.sleep(forTimeInterval: min(left, 0.2))
        }
    }
}

/// A clock that moves only when told to, or when something sleeps on it (then it jumps
/// ahead by the wait, and records it).
public final class ManualClock: WorkflowClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var waits: [Double] = []

    public init(_ start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }

    public func set(_ date: Date) { lock.withLock { current = date } }

    /// Every wait asked for, in order.
    public var sleeps: [Double] { lock.withLock { waits } }

    public func sleep(seconds: Double, interrupted: () -> Bool) -> Bool {
        if interrupted() { return false }
        lock.withLock {
            waits.append(seconds)
            current = current.addingTimeInterval(seconds)
        }
        return true
    }
}
