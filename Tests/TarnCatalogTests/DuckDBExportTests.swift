import Foundation
import Testing
import TarnCore
import TarnTestSupport
@testable import TarnCatalog

/// The DuckDB export run in DuckDB: a tiny lake (partitioned Parquet written by pyarrow,
/// CSV with a sniffed-style dialect, partitioned JSON lines) is registered in the catalog,
/// and each exported view must show the catalog's row count, column names and types.
@Suite struct DuckDBExportTests {
    static let writeParquet = """
        import sys, os, datetime, decimal
        import pyarrow as pa, pyarrow.parquet as pq
        root = sys.argv[1]
        utc = datetime.timezone.utc
        full = pa.schema([pa.field('id', pa.int64(), nullable=False), ('customer', pa.string()),
                          ('amount', pa.decimal128(12, 2)), ('sold_at', pa.timestamp('us', tz='UTC'))])
        def write(folder, rows, schema):
            os.makedirs(folder, exist_ok=True)
            columns = {f.name: [r[i] for r in rows] for i, f in enumerate(schema)}
            pq.write_table(pa.table(columns, schema=schema), folder + '/part-0.parquet', compression='snappy')
        t = datetime.datetime(2024, 11, 30, 2, 0, tzinfo=utc)
        write(root + '/year=2023/month=1', [(1, 'ann', decimal.Decimal('10.50'), t), (2, None, decimal.Decimal('3.25'), t)], full)
        write(root + '/year=2024/month=11', [(3, 'bob', decimal.Decimal('1.00'), t), (4, 'cy', None, t), (5, 'di', decimal.Decimal('7.75'), None)], full)
        # Written before the `customer` column existed.
        old = pa.schema([f for f in full if f.name != 'customer'])
        write(root + '/year=2024/month=12', [(6, decimal.Decimal('2.00'), t)], old)
        open(root + '/_SUCCESS', 'w').close()
        """

    static let runExport = """
        import sys, json, duckdb
        con = duckdb.connect()
        con.execute(open(sys.argv[1]).read())
        out = {}
        for name in sys.argv[2:]:
            schema, view = name.split('.')
            relation = '"%s"."%s"' % (schema, view)
            count = con.execute('SELECT count(*) FROM ' + relation).fetchone()[0]
            columns = [[c[0], c[1]] for c in con.execute('DESCRIBE ' + relation).fetchall()]
            rows = con.execute('SELECT * FROM %s ORDER BY 1' % relation).fetchall()
            out[name] = {'count': count, 'columns': columns,
                         'rows': [[None if v is None else str(v) for v in row] for row in rows]}
        print(json.dumps(out))
        """

    struct ViewResult {
        var count: Int64
        var columns: [String]
        var types: [String]
        var rows: [[String?]]
    }

    @Test(.interop) func exportedViewsMatchTheCatalogInDuckDB() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let lake = folder.path("lake")
        try Interop.runPython(Self.writeParquet, arguments: [lake + "/curated/sales"])
        try write("# exported from the CRM\nid;name;signed_up\n1;\"Ann; the first\";2024-01-05\n2;\"Bob \\\"B\\\"\";2024-02-06\n",
                  to: lake + "/raw/customers/part-1.csv")
        try write("# exported from the CRM\nid;name;signed_up\n3;Cy;2024-03-07\n", to: lake + "/raw/customers/part-2.csv")
        try write("""
            {"id": 1, "tags": ["a", "b"], "device": {"os": "ios", "version": 17}}
            {"id": 2, "tags": [], "device": {"os": "android", "version": 14}}

            """, to: lake + "/raw/events/day=01/events.jsonl")
        try write("{\"id\": 3, \"tags\": null, \"device\": null}\n", to: lake + "/raw/events/day=02/events.jsonl")

        let catalog = try makeCatalog(folder)
        try catalog.ensureDatabase("lake")
        var sales = Sample.salesTable()
        sales.location = lake + "/curated/sales"
        var customers = Sample.csvTable()
        customers.location = lake + "/raw/customers"
        customers.format.compression = .none
        var events = Sample.jsonTable()
        events.location = lake + "/raw/events"
        for table in [sales, customers, events] { try catalog.createOrUpdateTable(table) }

        let sqlPath = folder.path("lake.sql")
        try write(try catalog.export(database: "lake", format: .duckdb), to: sqlPath)
        let output = try Interop.runPython(Self.runExport, arguments: [sqlPath, "lake.sales", "lake.customers", "lake.events"])
        let document = try JSONValue(parsing: output)
        func view(_ name: String) throws -> ViewResult {
            let value = try #require(document[name], "no result for \(name) in \(output)")
            let columns = value["columns"]?.arrayValue ?? []
            return ViewResult(count: value["count"]?.intValue ?? -1,
                              columns: columns.map { $0[0]?.stringValue ?? "" }, types: columns.map { $0[1]?.stringValue ?? "" },
                              rows: (value["rows"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).map(\.stringValue) })
        }

        let salesView = try view("lake.sales")
        #expect(salesView.count == 6)
        #expect(salesView.columns == sales.allColumns.map(\.name))
        #expect(salesView.types == ["BIGINT", "VARCHAR", "DECIMAL(12,2)", "TIMESTAMP WITH TIME ZONE", "INTEGER", "INTEGER"])
        #expect(salesView.rows[5][1] == nil)            // the old file has no customer column
        #expect(salesView.rows[5][4] == "2024" && salesView.rows[5][5] == "12")
        #expect(salesView.rows[0][2] == "10.50")

        let customersView = try view("lake.customers")
        #expect(customersView.count == 3)
        #expect(customersView.columns == ["id", "name", "signed_up"])
        #expect(customersView.types == ["BIGINT", "VARCHAR", "DATE"])
        #expect(customersView.rows.map { $0[1] } == ["Ann; the first", "Bob \"B\"", "Cy"])
        #expect(customersView.rows[2][2] == "2024-03-07")

        let eventsView = try view("lake.events")
        #expect(eventsView.count == 3)
        #expect(eventsView.columns == ["id", "tags", "device", "day"])
        #expect(eventsView.types == ["BIGINT", "VARCHAR[]", "STRUCT(os VARCHAR, \"version\" INTEGER)", "VARCHAR"])
        // A string partition key keeps its leading zero.
        #expect(eventsView.rows.map { $0[3] } == ["01", "01", "02"])
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
