import TarnCatalog

/// A workflow: nodes (crawlers and convert jobs) and the triggers that start them, in the
/// cloud service's own terms. Load one with `Workflow(contentsOf:)` or `Workflow(json:)`;
/// both validate (unknown keys and nodes, cycles, bad cron expressions) before returning.
public struct Workflow: Sendable, Equatable {
    public var name: String
    public var description: String
    /// `${name}` values every run starts with; a run may override them.
    public var defaultRunProperties: [String: String]
    /// Runs of this workflow allowed at once (1: a second start waits for none, it fails).
    public var maxConcurrentRuns: Int
    public var nodes: [WorkflowNode]
    public var triggers: [Trigger]

    public init(name: String, description: String = "", defaultRunProperties: [String: String] = [:], maxConcurrentRuns: Int = 1,
                nodes: [WorkflowNode], triggers: [Trigger]) {
        self.name = name
        self.description = description
        self.defaultRunProperties = defaultRunProperties
        self.maxConcurrentRuns = maxConcurrentRuns
        self.nodes = nodes
        self.triggers = triggers
    }

    public func node(named name: String) -> WorkflowNode? { nodes.first { $0.name == name } }

    /// What `tarn workflow run` starts: the on-demand triggers' actions, or, for a workflow
    /// with none, the scheduled triggers' actions.
    public var onDemandActions: [String] {
        let onDemand = triggers.filter { $0.kind == .onDemand }
        let starters = onDemand.isEmpty ? triggers.filter { if case .schedule = $0.kind { return true }; return false } : onDemand
        var actions: [String] = []
        for trigger in starters { for action in trigger.actions where !actions.contains(action) { actions.append(action) } }
        return actions
    }

    /// The conditional triggers, in definition order.
    public var conditionalTriggers: [Trigger] {
        triggers.filter { if case .conditional = $0.kind { return true }; return false }
    }

    /// The nodes and their types, in definition order (for the Glue-shaped graph).
    public var graphNodes: [(name: String, type: NodeType)] { nodes.map { ($0.name, $0.type) } }
}
