import Foundation
import TarnCatalog

/// One self-contained HTML page: the workflow graph drawn as SVG (each node coloured by
/// its state in the latest run) and the recent runs with states, durations, rows and MB/s.
/// No script, no outside file: it opens anywhere, and can be mailed.
public enum HTMLReport {
    static let columnWidth = 250.0, rowHeight = 86.0, boxWidth = 200.0, boxHeight = 52.0, margin = 24.0

    public static func page(_ workflow: Workflow, runs: [RunSummary], generatedAt: Date = Date()) -> String {
        let graph = WorkflowGraph(workflow)
        let latest = runs.first.map { Dictionary($0.nodes.map { ($0.nodeName, $0.state) }, uniquingKeysWith: { _, b in b }) } ?? [:]
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>\(escape(workflow.name)) — Tarn workflow</title>
        <style>
        body{font:14px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#202124}
        h1{font-size:20px;margin:0 0 4px} .sub{color:#5f6368;margin-bottom:16px}
        svg{border:1px solid #dadce0;border-radius:8px;background:#fafafa;max-width:100%}
        table{border-collapse:collapse;margin-top:16px;width:100%} th,td{padding:6px 10px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}
        th{background:#f1f3f4;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
        .state{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;margin:1px 2px 1px 0}
        .SUCCEEDED,.COMPLETED{background:#e6f4ea;color:#137333} .FAILED,.ERROR{background:#fce8e6;color:#c5221f}
        .TIMEOUT{background:#fef7e0;color:#b06000} .STOPPED,.STOPPING,.WAITING{background:#f1f3f4;color:#5f6368}
        .RUNNING{background:#e8f0fe;color:#1967d2} .err{color:#c5221f;font-size:12px}
        </style></head><body>
        <h1>\(escape(workflow.name))</h1>
        <div class="sub">\(escape(workflow.description.isEmpty ? "workflow" : workflow.description)) · generated \(RunSummary.time(generatedAt)) UTC</div>

        """
        html += svg(graph, states: latest)
        html += "\n<h2 style=\"font-size:16px;margin-top:24px\">Recent runs</h2>\n"
        if runs.isEmpty {
            html += "<p class=\"sub\">No runs yet: <code>tarn workflow run FILE</code> starts one.</p>\n"
        } else {
            html += "<table><thead><tr><th>Run</th><th>Status</th><th>Started (UTC)</th><th>Duration</th><th>Rows written</th><th>MB/s</th><th>Nodes</th></tr></thead><tbody>\n"
            for summary in runs {
                let run = summary.run
                var nodes = summary.nodes.map { "<span class=\"state \($0.state.rawValue)\" title=\"\(escape($0.errorMessage ?? ""))\">\(escape($0.nodeName)) \($0.state.rawValue)</span>" }.joined()
                for node in summary.nodes where node.errorMessage != nil && node.state != .succeeded {
                    nodes += "<div class=\"err\">\(escape(node.nodeName)): \(escape(String(node.errorMessage!.prefix(300))))</div>"
                }
                html += "<tr><td><code>\(escape(run.runID))</code>\(run.previousRunID.map { "<div class=\"sub\">resumes \(escape($0))</div>" } ?? "")</td>"
                html += "<td><span class=\"state \(run.state.rawValue)\">\(run.state.rawValue)</span></td>"
                html += "<td>\(RunSummary.time(run.startedOn))</td><td class=\"num\">\(RunSummary.duration(summary.seconds))</td>"
                html += "<td class=\"num\">\(summary.rowsWritten)</td><td class=\"num\">\(summary.megabytesPerSecond.map { String(format: "%.1f", $0) } ?? "—")</td>"
                html += "<td>\(nodes)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</body></html>\n"
        return html
    }

    static func svg(_ graph: WorkflowGraph, states: [String: NodeRunState]) -> String {
        var position: [String: (x: Double, y: Double)] = [:]
        var rows: [Int: Int] = [:]
        for vertex in graph.vertices {
            let row = rows[vertex.rank, default: 0]
            rows[vertex.rank] = row + 1
            position[vertex.id] = (margin + Double(vertex.rank) * columnWidth, margin + Double(row) * rowHeight)
        }
        let width = margin * 2 + Double((graph.vertices.map(\.rank).max() ?? 0)) * columnWidth + boxWidth
        let height = margin * 2 + Double(max(rows.values.max() ?? 1, 1) - 1) * rowHeight + boxHeight
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica,Arial,sans-serif\">\n"
        svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#80868b\"/></marker></defs>\n"
        for edge in graph.edges {
            guard let from = position[edge.from], let to = position[edge.to] else { continue }
            let x1 = from.x + boxWidth, y1 = from.y + boxHeight / 2, x2 = to.x, y2 = to.y + boxHeight / 2
            let bend = max(40, (x2 - x1) / 2)
            svg += "<path d=\"M\(f(x1)),\(f(y1)) C\(f(x1 + bend)),\(f(y1)) \(f(x2 - bend)),\(f(y2)) \(f(x2)),\(f(y2))\" fill=\"none\" stroke=\"#80868b\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
            if let label = edge.label {
                svg += "<text x=\"\(f((x1 + x2) / 2))\" y=\"\(f((y1 + y2) / 2 - 5))\" font-size=\"10\" text-anchor=\"middle\" fill=\"\(color(NodeRunState(rawValue: label)).text)\">\(escape(label))</text>\n"
            }
        }
        for vertex in graph.vertices {
            let (x, y) = position[vertex.id]!
            let state = vertex.kind == .trigger ? nil : states[vertex.name]
            let palette = color(state)
            if vertex.kind == .trigger {
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(boxWidth))\" height=\"\(f(boxHeight))\" rx=\"26\" fill=\"#ffffff\" stroke=\"#9aa0a6\" stroke-dasharray=\"5 3\"/>\n"
            } else {
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(boxWidth))\" height=\"\(f(boxHeight))\" rx=\"8\" fill=\"\(palette.fill)\" stroke=\"\(palette.text)\"/>\n"
            }
            let kind = vertex.kind == .trigger ? "trigger" : vertex.kind == .crawler ? "crawler" : "job"
            svg += "<text x=\"\(f(x + 10))\" y=\"\(f(y + 20))\" font-size=\"13\" font-weight=\"600\" fill=\"#202124\">\(escape(clip(vertex.name, 26)))</text>\n"
            svg += "<text x=\"\(f(x + 10))\" y=\"\(f(y + 38))\" font-size=\"10\" fill=\"#5f6368\">\(escape(clip(kind + (state.map { " · " + $0.rawValue } ?? "") + " · " + vertex.detail, 38)))<title>\(escape(vertex.detail))</title></text>\n"
        }
        svg += "</svg>"
        return svg
    }

    static func color(_ state: NodeRunState?) -> (fill: String, text: String) {
        switch state {
        case .succeeded?: return ("#e6f4ea", "#137333")
        case .failed?, .error?: return ("#fce8e6", "#c5221f")
        case .timeout?: return ("#fef7e0", "#b06000")
        case .running?: return ("#e8f0fe", "#1967d2")
        default: return ("#ffffff", "#5f6368")
        }
    }

    static func clip(_ text: String, _ length: Int) -> String { text.count <= length ? text : String(text.prefix(length - 1)) + "…" }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
