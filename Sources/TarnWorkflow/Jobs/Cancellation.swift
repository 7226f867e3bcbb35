import Foundation

/// Tells a running node to give up (its timeout passed, or the run is being stopped), and
/// keeps a commit that has begun from being cut short: once `beginCommit()` succeeded,
/// `cancel()` reports that the node is past the point of no return.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var committing = false
    private var reason = "cancelled"

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// Cancels unless a commit has begun; returns whether it did.
    @discardableResult
    public func cancel(reason: String = "cancelled") -> Bool {
        lock.withLock {
            guard !committing else { return false }
            cancelled = true
            self.reason = reason
            return true
        }
    }

    /// Throws when cancelled.
    public func check() throws {
        let (isCancelled, why) = lock.withLock { (cancelled, reason) }
        if isCancelled { throw WorkflowError(.cancelled, why) }
    }

    /// Marks the start of a commit; throws when already cancelled.
    public func beginCommit() throws {
        try lock.withLock {
            if cancelled { throw WorkflowError(.cancelled, reason) }
            committing = true
        }
    }
}
