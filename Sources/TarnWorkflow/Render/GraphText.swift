/// The workflow graph as Graphviz DOT and as a Mermaid flowchart.
public enum GraphText {
    public static func dot(_ graph: WorkflowGraph) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["digraph \(quoted(graph.name)) {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=11];", "  edge [fontname=\"Helvetica\", fontsize=9];"]
        for vertex in graph.vertices {
            let shape: String
            switch vertex.kind {
            case .trigger: shape = "shape=ellipse, style=dashed"
            case .crawler: shape = "shape=box, style=\"rounded,filled\", fillcolor=\"#e8f0fe\""
            case .job: shape = "shape=box, style=\"rounded,filled\", fillcolor=\"#e6f4ea\""
            }
            lines.append("  \(vertex.id) [\(shape), label=\(quoted(vertex.name + "\n" + vertex.detail))];")
        }
        for edge in graph.edges {
            lines.append("  \(edge.from) -> \(edge.to)\(edge.label.map { " [label=\(quoted($0))]" } ?? "");")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func mermaid(_ graph: WorkflowGraph) -> String {
        func label(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "<", with: "#lt;").replacingOccurrences(of: ">", with: "#gt;") + "\""
        }
        var lines = ["flowchart LR"]
        for vertex in graph.vertices {
            let text = label(vertex.name + "<br/>" + vertex.detail).replacingOccurrences(of: "#lt;br/#gt;", with: "<br/>")
            switch vertex.kind {
            case .trigger: lines.append("  \(vertex.id)([\(text)])")
            case .crawler, .job: lines.append("  \(vertex.id)[\(text)]")
            }
        }
        for edge in graph.edges {
            if let text = edge.label {
                lines.append("  \(edge.from) -- \(text) --> \(edge.to)")
            } else {
                lines.append("  \(edge.from) --> \(edge.to)")
            }
        }
        lines.append("  classDef trigger stroke-dasharray: 4 3")
        let triggers = graph.vertices.filter { $0.kind == .trigger }.map(\.id)
        if !triggers.isEmpty { lines.append("  class \(triggers.joined(separator: ",")) trigger") }
        return lines.joined(separator: "\n") + "\n"
    }
}
