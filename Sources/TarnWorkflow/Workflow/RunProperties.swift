/// `${name}` substitution in node settings, from a run's properties.
public enum RunProperties {
    /// The workflow's defaults overridden by `overrides`.
    public static func merge(_ defaults: [String: String], _ overrides: [String: String]) -> [String: String] {
        defaults.merging(overrides) { _, override in override }
    }

    /// `text` with every `${name}` replaced; `$$` is a literal `$`. An unknown name throws.
    public static func substitute(_ text: String, _ properties: [String: String]) throws -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let after = text.index(after: index)
            if character == "$", after < text.endIndex, text[after] == "$" {
                result.append("$")
                index = text.index(after: after)
            } else if character == "$", after < text.endIndex, text[after] == "{" {
                guard let close = text[after...].firstIndex(of: "}") else {
                    throw WorkflowError(.unknownProperty, "'${' without a closing '}' in '\(text)'")
                }
                let name = String(text[text.index(after: after)..<close])
                guard let value = properties[name] else {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    throw WorkflowError(.unknownProperty, "no run property '\(name)' for '\(text)' (known: \(known.isEmpty ? "none" : known); set it with --property \(name)=VALUE)")
                }
                result += value
                index = text.index(after: close)
            } else {
                result.append(character)
                index = after
            }
        }
        return result
    }
}

extension WorkflowNode {
    /// The node with `${name}` replaced in its paths, names and options.
    public func resolved(_ properties: [String: String]) throws -> WorkflowNode {
        func sub(_ text: String) throws -> String {
            do { return try RunProperties.substitute(text, properties) } catch var error as WorkflowError {
                error.context = "node '\(name)'"
                throw error
            }
        }
        var copy = self
        switch action {
        case .crawler(var spec):
            spec.path = try sub(spec.path)
            spec.database = try sub(spec.database)
            spec.excludes = try spec.excludes.map(sub)
            copy.action = .crawler(spec)
        case .job(var spec):
            switch spec.source {
            case .path(let path): spec.source = .path(try sub(path))
            case .table(let database, let table): spec.source = .table(database: try sub(database), table: try table.map(sub))
            }
            spec.target = try sub(spec.target)
            spec.tableName = try spec.tableName.map(sub)
            spec.badRecordsPath = try spec.badRecordsPath.map(sub)
            spec.partitionKeys = try spec.partitionKeys?.map(sub)
            copy.action = .job(spec)
        }
        return copy
    }
}
