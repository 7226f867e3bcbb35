import TarnCatalog

/// The workflow as a graph to draw, as the cloud console draws one: triggers and nodes as
/// vertices; a trigger points to the nodes it starts; a node points to the conditional
/// triggers waiting for it, labelled with the state they wait for.
public struct WorkflowGraph: Sendable {
    public struct Vertex: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case trigger, crawler, job }
        /// A short id safe in DOT, Mermaid and SVG (`t0`, `n1`).
        public var id: String
        public var name: String
        public var kind: Kind
        /// A second line: the trigger's type and schedule, or the node's target.
        public var detail: String
        /// Column of a left-to-right layout (longest path from a start).
        public var rank: Int
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String?
    }

    public var name: String
    public var vertices: [Vertex]
    public var edges: [Edge]

    public init(_ workflow: Workflow) {
        name = workflow.name
        var vertices: [Vertex] = []
        var ids: [String: String] = [:]
        for (index, trigger) in workflow.triggers.enumerated() {
            let detail: String
            switch trigger.kind {
            case .onDemand: detail = "on demand"
            case .schedule(let schedule): detail = "schedule \(schedule.expression) \(schedule.timeZoneName)"
            case .conditional(let logical, _): detail = "when \(logical.rawValue)"
            }
            ids["t:" + trigger.name] = "t\(index)"
            vertices.append(Vertex(id: "t\(index)", name: trigger.name, kind: .trigger, detail: detail, rank: 0))
        }
        for (index, node) in workflow.nodes.enumerated() {
            let kind: Vertex.Kind
            let detail: String
            switch node.action {
            case .crawler(let spec):
                kind = .crawler
                detail = "crawl \(spec.path) → \(spec.database)"
            case .job(let spec):
                kind = .job
                switch spec.source {
                case .path(let path): detail = "convert \(path) → \(spec.target)"
                case .table(let database, let table): detail = "convert \(database)\(table.map { "." + $0 } ?? "") → \(spec.target)"
                }
            }
            ids["n:" + node.name] = "n\(index)"
            vertices.append(Vertex(id: "n\(index)", name: node.name, kind: kind, detail: detail, rank: 0))
        }
        var edges: [Edge] = []
        for trigger in workflow.triggers {
            let triggerID = ids["t:" + trigger.name]!
            if case .conditional(_, let conditions) = trigger.kind {
                for condition in conditions { edges.append(Edge(from: ids["n:" + condition.node]!, to: triggerID, label: condition.state.rawValue)) }
            }
            for action in trigger.actions { edges.append(Edge(from: triggerID, to: ids["n:" + action]!, label: nil)) }
        }
        // Longest path from the sources; validation ruled out cycles.
        var rank: [String: Int] = [:]
        func rankOf(_ id: String, depth: Int) -> Int {
            if let known = rank[id] { return known }
            guard depth < vertices.count + 1 else { return 0 }
            let parents = edges.filter { $0.to == id }.map(\.from)
            let value = parents.map { rankOf($0, depth: depth + 1) + 1 }.max() ?? 0
            rank[id] = value
            return value
        }
        for index in vertices.indices { vertices[index].rank = rankOf(vertices[index].id, depth: 0) }
        self.vertices = vertices
        self.edges = edges
    }

    public func vertex(_ id: String) -> Vertex? { vertices.first { $0.id == id } }
}
