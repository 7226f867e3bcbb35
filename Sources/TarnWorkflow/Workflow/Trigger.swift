import TarnCatalog

/// What starts nodes: a person (`on-demand`), the clock (`schedule`), or the states other
/// nodes of the same run reached (`conditional`).
public struct Trigger: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case onDemand
        case schedule(CronSchedule)
        case conditional(Logical, [Condition])
    }

    /// How a conditional trigger combines its conditions.
    public enum Logical: String, Sendable, Equatable {
        /// Fires when any condition holds.
        case any = "ANY"
        /// Fires when every condition holds.
        case all = "ALL"
    }

    /// A node reaching a state in the same run.
    public struct Condition: Sendable, Equatable {
        public var node: String
        public var state: NodeRunState

        public init(node: String, state: NodeRunState) {
            self.node = node
            self.state = state
        }

        /// The states a condition may wait for.
        public static let allowedStates: [NodeRunState] = [.succeeded, .failed, .timeout, .stopped]
    }

    public var name: String
    public var kind: Kind
    /// The nodes it starts.
    public var actions: [String]

    public init(name: String, kind: Kind, actions: [String]) {
        self.name = name
        self.kind = kind
        self.actions = actions
    }

    /// Whether a conditional trigger fires given the final states of the run's nodes so far.
    /// Other triggers never fire on states.
    public func isSatisfied(by states: [String: NodeRunState]) -> Bool {
        guard case .conditional(let logical, let conditions) = kind, !conditions.isEmpty else { return false }
        let holds = conditions.map { states[$0.node] == $0.state }
        return logical == .any ? holds.contains(true) : !holds.contains(false)
    }

    /// Whether the trigger can no longer fire: every condition's node has finished (so
    /// more finishing will not change the answer). Used to explain why a node never ran.
    public func isDecided(by states: [String: NodeRunState]) -> Bool {
        guard case .conditional(_, let conditions) = kind else { return true }
        return conditions.allSatisfy { states[$0.node] != nil }
    }
}
