import Foundation

/// What `serve` does with schedule firings it missed (it was not running, or a run took
/// longer than the interval).
public enum CatchUpPolicy: String, Sendable, CaseIterable {
    /// Skip missed firings; wait for the next one.
    case none
    /// Run once for the most recent missed firing.
    case latest
    /// Run once for every missed firing, oldest first.
    case all

    /// Which of `missed` (oldest first) to run.
    public func select(_ missed: [Date]) -> [Date] {
        switch self {
        case .none: return []
        case .latest: return missed.last.map { [$0] } ?? []
        case .all: return missed
        }
    }
}
