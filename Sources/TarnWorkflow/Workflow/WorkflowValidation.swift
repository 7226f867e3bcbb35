extension Workflow {
    /// Checks what the parser cannot see one object at a time: unique names, triggers that
    /// name existing nodes, something that starts the workflow, and no cycle among the
    /// conditional triggers (a node that would wait for itself).
    public func validate() throws {
        var seen = Set<String>()
        for node in nodes {
            guard !node.name.isEmpty else { throw WorkflowError(.invalid, "a node has an empty name") }
            guard seen.insert(node.name).inserted else { throw WorkflowError(.invalid, "two nodes are named '\(node.name)'") }
        }
        var triggerNames = Set<String>()
        for trigger in triggers {
            guard triggerNames.insert(trigger.name).inserted else { throw WorkflowError(.invalid, "two triggers are named '\(trigger.name)'") }
            for action in trigger.actions where node(named: action) == nil {
                throw WorkflowError(.unknownNode, "action '\(action)' is not a node of the workflow\(Self.known(nodes.map(\.name)))", context: "trigger '\(trigger.name)'")
            }
            if case .conditional(_, let conditions) = trigger.kind {
                for condition in conditions where node(named: condition.node) == nil {
                    throw WorkflowError(.unknownNode, "condition on '\(condition.node)', which is not a node of the workflow\(Self.known(nodes.map(\.name)))", context: "trigger '\(trigger.name)'")
                }
            }
        }
        if !nodes.isEmpty && onDemandActions.isEmpty {
            throw WorkflowError(.invalid, "nothing starts the workflow: add an on-demand or schedule trigger")
        }
        if let cycle = findCycle() {
            throw WorkflowError(.cycle, "the conditional triggers form a cycle: \(cycle.joined(separator: " → "))")
        }
    }

    private static func known(_ names: [String]) -> String {
        names.isEmpty ? "" : " (nodes: \(names.joined(separator: ", ")))"
    }

    /// The edges a run follows: a condition's node → the trigger's actions.
    public var edges: [(from: String, to: String, trigger: String, state: String)] {
        var result: [(String, String, String, String)] = []
        for trigger in conditionalTriggers {
            guard case .conditional(_, let conditions) = trigger.kind else { continue }
            for condition in conditions {
                for action in trigger.actions { result.append((condition.node, action, trigger.name, condition.state.rawValue)) }
            }
        }
        return result
    }

    /// A path of node names that returns to its start, or nil.
    func findCycle() -> [String]? {
        var next: [String: [String]] = [:]
        for edge in edges { next[edge.from, default: []].append(edge.to) }
        var state: [String: Int] = [:]   // 1: on the current path, 2: done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == 2 { return nil }
            if state[name] == 1 {
                let start = path.firstIndex(of: name)!
                return Array(path[start...]) + [name]
            }
            state[name] = 1
            path.append(name)
            for target in next[name] ?? [] {
                if let cycle = visit(target) { return cycle }
            }
            path.removeLast()
            state[name] = 2
            return nil
        }
        for node in nodes {
            if let cycle = visit(node.name) { return cycle }
        }
        return nil
    }
}
