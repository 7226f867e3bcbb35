import Foundation
import TarnCatalog

extension Workflow {
    /// Reads and validates the workflow file at `path`.
    public init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw WorkflowError(.malformed, "cannot read the workflow file: \(error.localizedDescription)", file: path)
        }
        try self.init(json: text, file: path)
    }

    /// Parses and validates a workflow document; `file` only names it in errors.
    public init(json text: String, file: String? = nil) throws {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: text)
        } catch let error as CatalogError {
            throw WorkflowError(.malformed, "not valid JSON: \(error.message)", file: file)
        }
        do {
            self = try WorkflowParser.workflow(document)
            try validate()
        } catch var error as WorkflowError {
            error.file = error.file ?? file
            throw error
        }
    }
}

/// JSON → `Workflow`, strict: unknown keys and wrong types are errors that say where.
enum WorkflowParser {
    static let workflowKeys = ["name", "description", "defaultRunProperties", "maxConcurrentRuns", "nodes", "triggers"]
    static let nodeKeys = ["name", "type", "description", "maxRetries", "retryDelaySeconds", "timeoutSeconds"]
    static let crawlerKeys = ["path", "database", "exclude", "tableLevel", "schemaChangePolicy", "deleteBehavior"]
    static let jobKeys = ["source", "target", "table", "compression", "partitionKeys", "targetFileSize", "badRecordsPath", "maxBadRecords", "threads"]
    static let triggerKeys = ["name", "type", "description", "actions", "schedule", "timezone", "logical", "conditions"]
    static let conditionKeys = ["node", "state"]

    static func workflow(_ document: JSONValue) throws -> Workflow {
        var object = try Fields(document, context: nil, allowed: workflowKeys)
        let name = try object.string("name")
        guard !name.isEmpty else { throw WorkflowError(.invalid, "the workflow's name is empty") }
        var properties: [String: String] = [:]
        if let defaults = try object.optionalObject("defaultRunProperties") {
            for (key, value) in defaults {
                guard let text = value.stringValue ?? value.intValue.map(String.init) else {
                    throw WorkflowError(.malformed, "defaultRunProperties.\(key) must be a string")
                }
                properties[key] = text
            }
        }
        let maxRuns = try object.optionalInt("maxConcurrentRuns") ?? 1
        guard maxRuns >= 1 else { throw WorkflowError(.invalid, "maxConcurrentRuns must be at least 1") }
        let nodes = try object.array("nodes").enumerated().map { try node($1, index: $0) }
        let triggers = try object.array("triggers").enumerated().map { try trigger($1, index: $0) }
        return Workflow(name: name, description: try object.optionalString("description") ?? "", defaultRunProperties: properties,
                        maxConcurrentRuns: maxRuns, nodes: nodes, triggers: triggers)
    }

    static func node(_ value: JSONValue, index: Int) throws -> WorkflowNode {
        let label = value["name"]?.stringValue.map { "node '\($0)'" } ?? "nodes[\(index)]"
        let type = value["type"]?.stringValue
        let specific: [String]
        switch type {
        case "crawler": specific = crawlerKeys
        case "job": specific = jobKeys
        case nil: throw WorkflowError(.missingKey, "missing \"type\" (crawler or job)", context: label)
        case let other?: throw WorkflowError(.invalid, "type '\(other)' is not crawler or job", context: label)
        }
        var object = try Fields(value, context: label, allowed: nodeKeys + specific)
        let name = try object.string("name")
        let action: WorkflowNode.Action
        if type == "crawler" {
            action = .crawler(CrawlerSpec(path: try object.string("path"), database: try object.string("database"),
                                          excludes: try object.optionalStrings("exclude") ?? [], tableLevel: try object.optionalInt("tableLevel"),
                                          schemaChangePolicy: try object.optionalString("schemaChangePolicy"),
                                          deleteBehavior: try object.optionalString("deleteBehavior")))
        } else {
            action = .job(JobSpec(source: try source(object.require("source"), context: label), target: try object.string("target"),
                                  tableName: try object.optionalString("table"), compression: try object.optionalString("compression") ?? "snappy",
                                  partitionKeys: try object.optionalStrings("partitionKeys"),
                                  targetFileSizeBytes: try object.optionalByteCount("targetFileSize"),
                                  badRecordsPath: try object.optionalString("badRecordsPath"), maxBadRecords: try object.optionalInt("maxBadRecords"),
                                  threads: try object.optionalInt("threads")))
        }
        let retries = try object.optionalInt("maxRetries") ?? 0
        let delay = try object.optionalDouble("retryDelaySeconds") ?? 1
        let timeout = try object.optionalDouble("timeoutSeconds")
        guard retries >= 0, delay >= 0, timeout.map({ $0 > 0 }) ?? true else {
            throw WorkflowError(.invalid, "maxRetries and retryDelaySeconds must not be negative, timeoutSeconds must be above 0", context: label)
        }
        return WorkflowNode(name: name, action: action, maxRetries: retries, retryDelaySeconds: delay, timeoutSeconds: timeout)
    }

    static func source(_ value: JSONValue, context: String) throws -> JobSource {
        if let path = value.stringValue { return .path(path) }
        var object = try Fields(value, context: context + ": source", allowed: ["database", "table"])
        return .table(database: try object.string("database"), table: try object.optionalString("table"))
    }

    static func trigger(_ value: JSONValue, index: Int) throws -> Trigger {
        let label = value["name"]?.stringValue.map { "trigger '\($0)'" } ?? "triggers[\(index)]"
        var object = try Fields(value, context: label, allowed: triggerKeys)
        let name = try object.string("name")
        let actions = try object.strings("actions")
        guard !actions.isEmpty else { throw WorkflowError(.invalid, "a trigger needs at least one action", context: label) }
        let kind: Trigger.Kind
        switch try object.string("type") {
        case "on-demand", "ON_DEMAND":
            kind = .onDemand
        case "schedule", "SCHEDULED":
            let zoneName = try object.optionalString("timezone") ?? "UTC"
            guard let zone = TimeZone(identifier: zoneName) else {
                throw WorkflowError(.badSchedule, "unknown time zone '\(zoneName)' (use an IANA name such as Europe/Paris)", context: label)
            }
            do {
                kind = .schedule(try CronSchedule(object.string("schedule"), timeZone: zone, timeZoneName: zoneName))
            } catch var error as WorkflowError {
                error.context = label
                throw error
            }
        case "conditional", "CONDITIONAL":
            let logicalText = try object.optionalString("logical") ?? "ANY"
            guard let logical = Trigger.Logical(rawValue: logicalText.uppercased()) else {
                throw WorkflowError(.invalid, "logical must be ANY or ALL, not '\(logicalText)'", context: label)
            }
            let conditions = try object.array("conditions").map { try condition($0, context: label) }
            guard !conditions.isEmpty else { throw WorkflowError(.invalid, "a conditional trigger needs at least one condition", context: label) }
            kind = .conditional(logical, conditions)
        case let other:
            throw WorkflowError(.invalid, "type '\(other)' is not on-demand, schedule or conditional", context: label)
        }
        return Trigger(name: name, kind: kind, actions: actions)
    }

    static func condition(_ value: JSONValue, context: String) throws -> Trigger.Condition {
        var object = try Fields(value, context: context + ": condition", allowed: conditionKeys)
        let node = try object.string("node")
        let stateText = try object.optionalString("state") ?? "SUCCEEDED"
        guard let state = NodeRunState(rawValue: stateText.uppercased()), Trigger.Condition.allowedStates.contains(state) else {
            throw WorkflowError(.invalid, "condition state '\(stateText)' is not SUCCEEDED, FAILED, TIMEOUT or STOPPED", context: context)
        }
        return Trigger.Condition(node: node, state: state)
    }
}
