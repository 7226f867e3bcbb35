import Foundation
import Testing
import TarnCore
@testable import TarnCatalog

@Suite struct ExportTests {
    @Test func hiveDDLForAPartitionedParquetTable() {
        var table = Sample.salesTable()
        table.schema.fields.append(Field("line items", .list(Field("element", .structure([Field("sku", .string), Field("unit price", .float64)])))))
        let partitions = [CatalogPartition(values: ["2024", "11"], location: "/data/curated/sales/year=2024/month=11")]
        let ddl = CatalogExport.hive(database: "lake", tables: [table], partitions: ["sales": partitions])
        #expect(ddl == """
            -- Tarn catalog export: database lake, 1 table (Spark / Hive / Athena DDL)
            CREATE DATABASE IF NOT EXISTS `lake`;

            CREATE EXTERNAL TABLE IF NOT EXISTS `lake`.`sales` (
              `id` bigint,
              `customer` string,
              `amount` decimal(12,2),
              `sold_at` timestamp,
              `line items` array<struct<sku:string,`unit price`:double>>
            )
            PARTITIONED BY (`year` int, `month` int)
            STORED AS PARQUET
            LOCATION '/data/curated/sales'
            TBLPROPERTIES ('classification'='parquet', 'parquet.compression'='SNAPPY');
            ALTER TABLE `lake`.`sales` ADD IF NOT EXISTS PARTITION (`year`='2024', `month`='11') LOCATION '/data/curated/sales/year=2024/month=11';

            """)
    }

    @Test func hiveDDLForCSVAndJSONTables() {
        let ddl = CatalogExport.hiveTable(Sample.csvTable(), database: "lake")
        #expect(ddl == """
            CREATE EXTERNAL TABLE IF NOT EXISTS `lake`.`customers` (
              `id` bigint,
              `name` string,
              `signed_up` date
            )
            ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'
            WITH SERDEPROPERTIES ('separatorChar'=';', 'quoteChar'='"', 'escapeChar'='\\\\')
            STORED AS TEXTFILE
            LOCATION '/data/raw/customers'
            TBLPROPERTIES ('classification'='csv', 'skip.header.line.count'='2', 'compressionType'='gzip');

            """)
        var tsv = Sample.csvTable()
        tsv.name = "odd`name"
        tsv.location = "/data/o'brien"
        tsv.format = .csv(CSVFormat(delimiter: "\t", quote: nil, hasHeader: false))
        let plain = CatalogExport.hiveTable(tsv, database: "lake")
        #expect(plain.contains("`lake`.`odd``name`"))
        #expect(plain.contains("ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'\nSTORED AS TEXTFILE\nLOCATION '/data/o\\'brien'\n"))
        #expect(!plain.contains("skip.header"))

        let json = CatalogExport.hiveTable(Sample.jsonTable(), database: "lake")
        #expect(json.contains("  `tags` array<string>,\n  `device` struct<os:string,version:int>\n)\nPARTITIONED BY (`day` string)\n"))
        #expect(json.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\nSTORED AS TEXTFILE\nLOCATION '/data/raw/events'\n"))
    }

    @Test func glueExportIsCreateTableInput() throws {
        let text = CatalogExport.render(.glue, database: "lake", tables: [Sample.salesTable(), Sample.csvTable()])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let document = try JSONValue(parsing: String(lines[0]))
        #expect(document.objectValue?.keys.sorted() == ["DatabaseName", "TableInput"])
        #expect(document["DatabaseName"] == "lake")
        let input = try #require(document["TableInput"])
        // TableInput takes no DatabaseName, times or version: the service sets those.
        #expect(input.objectValue?.keys.sorted() == ["Name", "Parameters", "PartitionKeys", "Retention", "StorageDescriptor", "TableType"])
        #expect(input["Name"] == "sales")
        #expect(input["StorageDescriptor"]?["Columns"]?[0] == ["Name": "id", "Type": "bigint"])
        #expect(try JSONValue(parsing: String(lines[1]))["TableInput"]?["Parameters"]?["delimiter"] == ";")
    }

    @Test func duckDBSQLQuotesAndReadsEachFormat() {
        var csv = Sample.csvTable()
        csv.location = "/data/o'brien"
        let sql = CatalogExport.duckdb(database: "la\"ke", tables: [Sample.salesTable(), csv, Sample.jsonTable()])
        #expect(sql.contains("CREATE SCHEMA IF NOT EXISTS \"la\"\"ke\";\n"))
        #expect(sql.contains("""
            CREATE OR REPLACE VIEW "la""ke"."sales" AS
            SELECT CAST("id" AS BIGINT) AS "id",
                   CAST("customer" AS VARCHAR) AS "customer",
                   CAST("amount" AS DECIMAL(12,2)) AS "amount",
                   CAST("sold_at" AS TIMESTAMP WITH TIME ZONE) AS "sold_at",
                   CAST("year" AS INTEGER) AS "year",
                   CAST("month" AS INTEGER) AS "month"
            FROM read_parquet('/data/curated/sales/**/*.parquet', hive_partitioning = true, hive_types_autocast = false, union_by_name = true);
            """))
        #expect(sql.contains("FROM read_csv('/data/o''brien/**/*.csv.gz', delim = ';', quote = '\"', escape = '\\', header = true, skip = 1, columns = {'id': 'BIGINT', 'name': 'VARCHAR', 'signed_up': 'DATE'});"))
        #expect(sql.contains("FROM read_json('/data/raw/events/**/*.jsonl', format = 'newline_delimited', columns = {'id': 'BIGINT', 'tags': 'VARCHAR[]', 'device': 'STRUCT(\"os\" VARCHAR, \"version\" INTEGER)'}, hive_partitioning = true, hive_types_autocast = false);"))
        #expect(sql.contains("       \"tags\",\n       \"device\",\n"))
    }

    @Test func exportReadsTheCatalogAndLeavesDeprecatedTablesOut() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        try catalog.createOrUpdateTable(Sample.salesTable())
        try catalog.createOrUpdateTable(Sample.csvTable())
        try catalog.setTableDeprecated(database: "lake", name: "customers")
        try catalog.upsertPartitions([CatalogPartition(values: ["2023", "2"], location: "/s/2023/2")], database: "lake", table: "sales")
        let hive = try catalog.export(database: "lake", format: .hive)
        #expect(hive.contains("`lake`.`sales`") && !hive.contains("customers"))
        #expect(hive.contains("PARTITION (`year`='2023', `month`='2') LOCATION '/s/2023/2'"))
        #expect(try catalog.export(database: "lake", format: .glue).split(separator: "\n").count == 1)
        #expect((#expect(throws: CatalogError.self) { try catalog.export(database: "nope", format: .duckdb) })?.kind == .notFound)
    }
}

@Suite struct DataFileGlobTests {
    @Test func globsFollowClassificationAndCompression() {
        #expect(TableFormat.parquet().dataFileGlob == "**/*.parquet")
        #expect(TableFormat.csv().dataFileGlob == "**/*.csv")
        #expect(TableFormat.csv(compression: .gzip).dataFileGlob == "**/*.csv.gz")
        #expect(TableFormat.csv(CSVFormat(delimiter: "\t"), compression: .zstd).dataFileGlob == "**/*.tsv.zst")
        #expect(TableFormat.json(.lines).dataFileGlob == "**/*.jsonl")
        #expect(TableFormat.json(.array, compression: .gzip).dataFileGlob == "**/*.json.gz")
        #expect(TableFormat.json(filePattern: "**/*.ndjson").dataPath(location: "/raw/e/") == "/raw/e/**/*.ndjson")
        // An empty pattern: the location is the one data file.
        #expect(TableFormat.csv(filePattern: "").dataPath(location: "/raw/orders.csv") == "/raw/orders.csv")
        #expect(TableFormat.parquet().dataPath(location: "/c/sales") == "/c/sales/**/*.parquet")
    }
}
