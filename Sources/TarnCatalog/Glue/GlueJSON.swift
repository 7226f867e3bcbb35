import Foundation
import TarnCore

/// The catalog rendered in the shapes of the AWS Glue API (what `aws glue get-table` and
/// friends print), so scripts written against Glue read Tarn's `--json` output unchanged.
/// Times are ISO 8601 strings in UTC, as the AWS command line prints them.
public enum GlueJSON {
    // MARK: - Databases

    /// A Glue `Database`.
    public static func database(_ database: CatalogDatabase) -> JSONValue {
        var object: [String: JSONValue] = ["Name": .string(database.name), "Parameters": strings(database.parameters)]
        if !database.description.isEmpty { object["Description"] = .string(database.description) }
        if let location = database.location { object["LocationUri"] = .string(location) }
        if let created = database.createTime { object["CreateTime"] = timestamp(created) }
        return .object(object)
    }

    /// `{"DatabaseList": [...]}`, as `aws glue get-databases` prints.
    public static func databaseList(_ databases: [CatalogDatabase]) -> JSONValue {
        ["DatabaseList": .array(databases.map(database))]
    }

    // MARK: - Tables

    /// A Glue `Table`, as `aws glue get-table` prints under `Table`.
    public static func table(_ table: CatalogTable) -> JSONValue {
        guard case .object(var object) = tableInput(table) else { return [:] }
        object["DatabaseName"] = .string(table.database)
        if let created = table.createTime { object["CreateTime"] = timestamp(created) }
        if let updated = table.updateTime { object["UpdateTime"] = timestamp(updated) }
        if table.version > 0 { object["VersionId"] = .string(String(table.version)) }
        object["IsRegisteredWithLakeFormation"] = false
        return .object(object)
    }

    /// A Glue `TableInput`: the table without what the service sets (database, times, version).
    public static func tableInput(_ table: CatalogTable) -> JSONValue {
        var object: [String: JSONValue] = [
            "Name": .string(table.name),
            "TableType": "EXTERNAL_TABLE",
            "Retention": 0,
            "PartitionKeys": .array(table.partitionKeys.map { ["Name": .string($0.name), "Type": .string($0.type.hiveName)] }),
            "StorageDescriptor": storageDescriptor(table, location: table.location),
            "Parameters": strings(parameters(table)),
        ]
        if !table.description.isEmpty { object["Description"] = .string(table.description) }
        return .object(object)
    }

    /// `{"TableList": [...]}`, as `aws glue get-tables` prints.
    public static func tableList(_ tables: [CatalogTable]) -> JSONValue {
        ["TableList": .array(tables.map(table))]
    }

    /// `{"TableVersions": [{"Table": …, "VersionId": "1"}, …]}`, as `aws glue get-table-versions` prints.
    public static func tableVersions(_ versions: [TableVersion]) -> JSONValue {
        ["TableVersions": .array(versions.map { version in
            var table = version.table
            table.updateTime = version.createTime
            return ["Table": self.table(table), "VersionId": .string(String(version.versionID))]
        })]
    }

    /// The table's `Parameters`: classification, compression, dialect and crawl figures,
    /// then its free-form properties.
    public static func parameters(_ table: CatalogTable) -> [String: String] {
        var parameters = table.properties.custom
        let format = table.format
        parameters["classification"] = format.classification.rawValue
        parameters["compressionType"] = format.compression.rawValue
        parameters["typeOfData"] = "file"
        if let dialect = format.csv {
            parameters["delimiter"] = String(dialect.delimiter)
            parameters["areColumnsQuoted"] = dialect.quote == nil ? "false" : "true"
            if dialect.headerLineCount > 0 { parameters["skip.header.line.count"] = String(dialect.headerLineCount) }
        }
        if let layout = format.jsonLayout { parameters["jsonLayout"] = layout.rawValue }
        let properties = table.properties
        if let value = properties.recordCount { parameters["recordCount"] = String(value) }
        if let value = properties.sizeBytes { parameters["sizeKey"] = String(value) }
        if let value = properties.objectCount { parameters["objectCount"] = String(value) }
        if let value = properties.averageRecordSize { parameters["averageRecordSize"] = String(value) }
        if let value = properties.lastCrawled { parameters["lastCrawled"] = isoString(value) }
        if table.deprecated { parameters["deprecated"] = "true" }
        return parameters
    }

    static func storageDescriptor(_ table: CatalogTable, location: String) -> JSONValue {
        let storage = StorageFormat(table)
        return [
            "Columns": .array(table.schema.fields.map { ["Name": .string($0.name), "Type": .string($0.type.hiveName)] }),
            "Location": .string(location),
            "InputFormat": .string(storage.inputFormat),
            "OutputFormat": .string(storage.outputFormat),
            "Compressed": .bool(table.format.compression != .none),
            "NumberOfBuckets": -1,
            "SerdeInfo": ["SerializationLibrary": .string(storage.serializationLibrary), "Parameters": strings(storage.serdeParameters)],
            "BucketColumns": [],
            "SortColumns": [],
            "StoredAsSubDirectories": false,
        ]
    }

    // MARK: - Partitions

    /// A Glue `Partition` of `table`.
    public static func partition(_ partition: CatalogPartition, of table: CatalogTable) -> JSONValue {
        var parameters = partition.parameters
        parameters["objectCount"] = String(partition.fileCount)
        parameters["sizeKey"] = String(partition.sizeBytes)
        if let records = partition.recordCount { parameters["recordCount"] = String(records) }
        if let updated = partition.lastUpdated { parameters["lastUpdated"] = isoString(updated) }
        if partition.deprecated { parameters["deprecated"] = "true" }
        var object: [String: JSONValue] = [
            "Values": .array(partition.values.map(JSONValue.string)),
            "DatabaseName": .string(table.database),
            "TableName": .string(table.name),
            "StorageDescriptor": storageDescriptor(table, location: partition.location),
            "Parameters": strings(parameters),
        ]
        if let created = partition.createTime { object["CreationTime"] = timestamp(created) }
        return .object(object)
    }

    /// `{"Partitions": [...]}`, as `aws glue get-partitions` prints.
    public static func partitions(_ partitions: [CatalogPartition], of table: CatalogTable) -> JSONValue {
        ["Partitions": .array(partitions.map { partition($0, of: table) })]
    }

    // MARK: - Workflow runs

    /// A Glue `WorkflowRun` with its `Graph`: one node per workflow node (those in
    /// `graphNodes` first, in that order, then any other node that ran), each with its
    /// attempts as `CrawlerDetails.Crawls` or `JobDetails.JobRuns`. `Statistics` counts the
    /// nodes by the state of their last attempt (a node without a run is waiting), over the
    /// free-form figures stored with the run.
    public static func workflowRun(_ run: WorkflowRunRecord, nodeRuns: [NodeRunRecord], graphNodes: [(name: String, type: NodeType)] = []) -> JSONValue {
        var order: [(name: String, type: NodeType)] = graphNodes
        for nodeRun in nodeRuns where !order.contains(where: { $0.name == nodeRun.nodeName }) {
            order.append((nodeRun.nodeName, nodeRun.nodeType))
        }
        var statistics = run.statistics
        var counts: [NodeRunState: Int64] = [:]
        var nodes: [JSONValue] = []
        for node in order {
            let attempts = nodeRuns.filter { $0.nodeName == node.name }.sorted { $0.attempt < $1.attempt }
            counts[attempts.last?.state ?? .waiting, default: 0] += 1
            var object: [String: JSONValue] = [
                "Name": .string(node.name), "Type": .string(node.type.glueName), "UniqueId": .string("\(run.runID):\(node.name)"),
            ]
            switch node.type {
            case .crawler: object["CrawlerDetails"] = ["Crawls": .array(attempts.map(crawl))]
            case .job: object["JobDetails"] = ["JobRuns": .array(attempts.map(jobRun))]
            }
            nodes.append(.object(object))
        }
        statistics["TotalActions"] = .int(Int64(order.count))
        statistics["SucceededActions"] = .int(counts[.succeeded] ?? 0)
        statistics["FailedActions"] = .int(counts[.failed] ?? 0)
        statistics["TimeoutActions"] = .int(counts[.timeout] ?? 0)
        statistics["StoppedActions"] = .int(counts[.stopped] ?? 0)
        statistics["RunningActions"] = .int(counts[.running] ?? 0)
        statistics["ErroredActions"] = .int(counts[.error] ?? 0)
        statistics["WaitingActions"] = .int(counts[.waiting] ?? 0)

        var object: [String: JSONValue] = [
            "Name": .string(run.workflowName),
            "WorkflowRunId": .string(run.runID),
            "Status": .string(run.state.rawValue),
            "StartedOn": timestamp(run.startedOn),
            "WorkflowRunProperties": strings(run.properties),
            "Statistics": .object(statistics),
            "Graph": ["Nodes": .array(nodes)],
        ]
        if let completed = run.completedOn { object["CompletedOn"] = timestamp(completed) }
        if let error = run.errorMessage { object["ErrorMessage"] = .string(error) }
        if let previous = run.previousRunID { object["PreviousRunId"] = .string(previous) }
        return .object(object)
    }

    /// `{"Runs": [...]}`, as `aws glue get-workflow-runs` prints.
    public static func runs(_ runs: [(run: WorkflowRunRecord, nodeRuns: [NodeRunRecord])], graphNodes: [(name: String, type: NodeType)] = []) -> JSONValue {
        ["Runs": .array(runs.map { workflowRun($0.run, nodeRuns: $0.nodeRuns, graphNodes: graphNodes) })]
    }

    /// A Glue `Crawl`: `State`, times, error; Tarn adds `Attempt` and `Metrics`.
    private static func crawl(_ nodeRun: NodeRunRecord) -> JSONValue {
        var object = runTimes(nodeRun)
        object["State"] = .string(nodeRun.state.rawValue)
        if let error = nodeRun.errorMessage { object["ErrorMessage"] = .string(error) }
        return .object(object)
    }

    /// A Glue `JobRun`: `JobRunState`, `Attempt` (0 for the first, as Glue counts), times, error.
    private static func jobRun(_ nodeRun: NodeRunRecord) -> JSONValue {
        var object = runTimes(nodeRun)
        object["Id"] = .string("\(nodeRun.runID):\(nodeRun.nodeName):\(nodeRun.attempt)")
        object["JobName"] = .string(nodeRun.nodeName)
        object["JobRunState"] = .string(nodeRun.state.rawValue)
        if let error = nodeRun.errorMessage { object["ErrorMessage"] = .string(error) }
        return .object(object)
    }

    private static func runTimes(_ nodeRun: NodeRunRecord) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["Attempt": .int(Int64(nodeRun.attempt - 1)), "Metrics": .object(nodeRun.metrics)]
        if let started = nodeRun.startedOn { object["StartedOn"] = timestamp(started) }
        if let completed = nodeRun.completedOn {
            object["CompletedOn"] = timestamp(completed)
            if let started = nodeRun.startedOn {
                object["ExecutionTime"] = .int(Int64(completed.timeIntervalSince(started).rounded()))
            }
        }
        return object
    }

    // MARK: - Values

    /// A time as the AWS command line prints one: ISO 8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> JSONValue { .string(isoString(date)) }

    static func isoString(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static func strings(_ map: [String: String]) -> JSONValue { .object(map.mapValues(JSONValue.string)) }
}
