import Foundation
import Testing
import TarnCore
@testable import TarnCatalog

@Suite struct GlueJSONTests {
    /// Renders and parses back, so the checks read the printed text.
    func roundTrip(_ value: JSONValue) throws -> JSONValue {
        let text = value.serialized(pretty: true)
        #expect(text == value.serialized(pretty: true))
        return try JSONValue(parsing: text)
    }

    func storedCatalog(_ folder: TemporaryFolder) throws -> Catalog {
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake", description: "curated", location: "/data")
        try catalog.createOrUpdateTable(Sample.salesTable())
        try catalog.createOrUpdateTable(Sample.csvTable())
        try catalog.createOrUpdateTable(Sample.jsonTable())
        return catalog
    }

    @Test func aParquetTableHasTheGlueTableShape() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try storedCatalog(folder)
        let table = try #require(try catalog.table(database: "lake", name: "sales"))
        let json = try roundTrip(GlueJSON.table(table))
        #expect(json["Name"] == "sales")
        #expect(json["DatabaseName"] == "lake")
        #expect(json["TableType"] == "EXTERNAL_TABLE")
        #expect(json["VersionId"] == "1")
        #expect(json["CreateTime"]?.stringValue?.hasSuffix("Z") == true)
        #expect(json["UpdateTime"] != nil)
        #expect(json["PartitionKeys"] == [["Name": "year", "Type": "int"], ["Name": "month", "Type": "int"]])
        let storage = try #require(json["StorageDescriptor"])
        #expect(storage["Columns"] == [
            ["Name": "id", "Type": "bigint"], ["Name": "customer", "Type": "string"],
            ["Name": "amount", "Type": "decimal(12,2)"], ["Name": "sold_at", "Type": "timestamp"],
        ])
        #expect(storage["Location"] == "/data/curated/sales")
        #expect(storage["InputFormat"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        #expect(storage["OutputFormat"] == "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        #expect(storage["SerdeInfo"]?["SerializationLibrary"] == "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
        #expect(storage["Compressed"] == true)
        let parameters = try #require(json["Parameters"])
        #expect(parameters["classification"] == "parquet")
        #expect(parameters["compressionType"] == "snappy")
        #expect(parameters["recordCount"] == "1200")
        #expect(parameters["sizeKey"] == "48000")
        #expect(parameters["objectCount"] == "4")
        #expect(parameters["averageRecordSize"] == "40")
        #expect(parameters["owner"] == "finance")
    }

    @Test func csvAndJSONTablesCarryTheirDialect() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try storedCatalog(folder)
        let list = try roundTrip(GlueJSON.tableList(try catalog.tables(database: "lake")))
        let tables = try #require(list["TableList"]?.arrayValue)
        #expect(tables.map { $0["Name"]?.stringValue } == ["customers", "events", "sales"])
        let csv = tables[0]
        #expect(csv["Parameters"]?["classification"] == "csv")
        #expect(csv["Parameters"]?["delimiter"] == ";")
        #expect(csv["Parameters"]?["compressionType"] == "gzip")
        #expect(csv["Parameters"]?["skip.header.line.count"] == "2")
        #expect(csv["StorageDescriptor"]?["SerdeInfo"] == [
            "SerializationLibrary": "org.apache.hadoop.hive.serde2.OpenCSVSerde",
            "Parameters": ["separatorChar": ";", "quoteChar": "\"", "escapeChar": "\\"],
        ])
        #expect(csv["StorageDescriptor"]?["InputFormat"] == "org.apache.hadoop.mapred.TextInputFormat")
        let json = tables[1]
        #expect(json["StorageDescriptor"]?["SerdeInfo"]?["SerializationLibrary"] == "org.openx.data.jsonserde.JsonSerDe")
        #expect(json["StorageDescriptor"]?["Columns"]?[1] == ["Name": "tags", "Type": "array<string>"])
        #expect(json["StorageDescriptor"]?["Columns"]?[2] == ["Name": "device", "Type": "struct<os:string,version:int>"])
        #expect(json["PartitionKeys"] == [["Name": "day", "Type": "string"]])
    }

    @Test func databasesPartitionsAndVersions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try storedCatalog(folder)
        let databases = try roundTrip(GlueJSON.databaseList(try catalog.databases()))
        #expect(databases["DatabaseList"]?[0]?["Name"] == "lake")
        #expect(databases["DatabaseList"]?[0]?["Description"] == "curated")
        #expect(databases["DatabaseList"]?[0]?["LocationUri"] == "/data")

        try catalog.upsertPartitions([CatalogPartition(values: ["2024", "11"], location: "/data/curated/sales/year=2024/month=11", fileCount: 2, sizeBytes: 900, recordCount: 30)],
                                     database: "lake", table: "sales")
        let table = try #require(try catalog.table(database: "lake", name: "sales"))
        let partitions = try roundTrip(GlueJSON.partitions(try catalog.partitions(database: "lake", table: "sales"), of: table))
        let partition = try #require(partitions["Partitions"]?[0])
        #expect(partition["Values"] == ["2024", "11"])
        #expect(partition["TableName"] == "sales")
        #expect(partition["StorageDescriptor"]?["Location"] == "/data/curated/sales/year=2024/month=11")
        #expect(partition["Parameters"]?["recordCount"] == "30")
        #expect(partition["Parameters"]?["objectCount"] == "2")
        #expect(partition["Parameters"]?["sizeKey"] == "900")
        #expect(partition["CreationTime"] != nil)

        var changed = table
        changed.schema.fields.append(Field("channel", .string))
        try catalog.createOrUpdateTable(changed)
        let versions = try roundTrip(GlueJSON.tableVersions(try catalog.tableVersions(database: "lake", name: "sales")))
        let list = try #require(versions["TableVersions"]?.arrayValue)
        #expect(list.map { $0["VersionId"] } == ["1", "2"])
        #expect(list[0]["Table"]?["StorageDescriptor"]?["Columns"]?.arrayValue?.count == 4)
        #expect(list[1]["Table"]?["StorageDescriptor"]?["Columns"]?.arrayValue?.count == 5)
        #expect(list[1]["Table"]?["VersionId"] == "2")
    }

    @Test func workflowRunHistory() throws {
        let start = Date(timeIntervalSince1970: 1_732_932_000)
        let run = WorkflowRunRecord(runID: "wr-1", workflowName: "byod", state: .completed, startedOn: start,
                                    completedOn: start.addingTimeInterval(30), properties: ["raw": "Fixtures/lake/raw"], statistics: ["rowsWritten": 1200])
        let nodeRuns = [
            NodeRunRecord(runID: "wr-1", nodeName: "byod-initial-ds", nodeType: .crawler, state: .succeeded, startedOn: start, completedOn: start.addingTimeInterval(4)),
            NodeRunRecord(runID: "wr-1", nodeName: "byod-parquet", nodeType: .job, attempt: 1, state: .failed, startedOn: start.addingTimeInterval(5),
                          completedOn: start.addingTimeInterval(6), errorMessage: "disk full"),
            NodeRunRecord(runID: "wr-1", nodeName: "byod-parquet", nodeType: .job, attempt: 2, state: .succeeded, startedOn: start.addingTimeInterval(8),
                          completedOn: start.addingTimeInterval(20), metrics: ["rowsWritten": 1200]),
        ]
        let graph: [(name: String, type: NodeType)] = [("byod-initial-ds", .crawler), ("byod-parquet", .job), ("byod-curated-ds", .crawler)]
        let json = try roundTrip(GlueJSON.runs([(run, nodeRuns)], graphNodes: graph))
        let first = try #require(json["Runs"]?[0])
        #expect(first["Name"] == "byod")
        #expect(first["WorkflowRunId"] == "wr-1")
        #expect(first["Status"] == "COMPLETED")
        #expect(first["StartedOn"] == "2024-11-30T02:00:00.000Z")
        #expect(first["CompletedOn"] == "2024-11-30T02:00:30.000Z")
        #expect(first["WorkflowRunProperties"] == ["raw": "Fixtures/lake/raw"])
        #expect(first["Statistics"] == [
            "TotalActions": 3, "SucceededActions": 2, "FailedActions": 0, "TimeoutActions": 0, "StoppedActions": 0,
            "RunningActions": 0, "ErroredActions": 0, "WaitingActions": 1, "rowsWritten": 1200,
        ])
        let nodes = try #require(first["Graph"]?["Nodes"]?.arrayValue)
        #expect(nodes.map { $0["Name"]?.stringValue ?? "" } == ["byod-initial-ds", "byod-parquet", "byod-curated-ds"])
        #expect(nodes.map { $0["Type"]?.stringValue ?? "" } == ["CRAWLER", "JOB", "CRAWLER"])
        #expect(nodes[0]["CrawlerDetails"]?["Crawls"]?[0]?["State"] == "SUCCEEDED")
        let jobRuns = try #require(nodes[1]["JobDetails"]?["JobRuns"]?.arrayValue)
        #expect(jobRuns.map { $0["JobRunState"] } == ["FAILED", "SUCCEEDED"])
        #expect(jobRuns.map { $0["Attempt"] } == [0, 1])
        #expect(jobRuns[0]["ErrorMessage"] == "disk full")
        #expect(jobRuns[1]["ExecutionTime"] == 12)
        #expect(jobRuns[1]["Metrics"] == ["rowsWritten": 1200])
        #expect(nodes[2]["CrawlerDetails"]?["Crawls"] == [])
    }

    @Test func jsonTextIsEscapedAndSorted() throws {
        let value: JSONValue = ["b": "quote \" backslash \\ tab \t nul \u{0} é", "a": [1, 2.5, true, nil], "c": [:]]
        #expect(value.serialized() == #"{"a":[1,2.5,true,null],"b":"quote \" backslash \\ tab \t nul \u0000 é","c":{}}"#)
        #expect(try JSONValue(parsing: value.serialized(pretty: true)) == value)
        #expect(JSONValue.double(.nan).serialized() == "null")
    }
}

@Suite struct JSONValueParsingTests {
    @Test func parsesEveryKindOfValue() throws {
        let text = #" { "a" : [1, -2, 3.5, -0.25e2, 1E3, true, false, null], "s": "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00 é", "o": {}, "e": [] } "#
        let value = try JSONValue(parsing: text)
        #expect(value["a"] == [1, -2, 3.5, -25.0, 1000.0, true, false, nil])
        #expect(value["s"] == .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t é 😀 é"))
        #expect(value["o"] == [:] && value["e"] == [])
        #expect(try JSONValue(parsing: "9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue(parsing: "9223372036854775808") == .double(9223372036854775808))
    }

    @Test func rejectsMalformedJSON() {
        for text in ["", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "\"\\ud800\"", "[1] 2", "tru", "\"a\nb\"", "{\"a\":1,}", "-", "1e"] {
            let error = #expect(throws: CatalogError.self, "\(text)") { try JSONValue(parsing: text) }
            #expect(error?.kind == .corruptRecord)
        }
    }
}
