// `tarn crawl PATH --database DB`: tables from a folder of files, into the catalog.
import Foundation
import TarnCatalog
import TarnCrawler

struct CrawlCommand: Command {
    static let name = "crawl"
    static let summary = "find the tables in a folder and record them in the catalog"
    static let usage = """
        usage: tarn crawl PATH --database DB [options]

        Walks PATH, classifies each file (CSV, TSV, JSON lines, JSON, Parquet, and their
        .gz / .zst forms), infers its schema (Parquet from its footer) and groups the files
        into tables: each folder under PATH is a table, key=value folders below it are
        partition columns (other folders partition_0, partition_1, …), sibling files with
        compatible schemas make one table with the union of their columns. Re-crawls read
        only new or changed files. All catalog changes of a crawl are one transaction.

        options:
          --database DB            the catalog database (created when missing)
          --catalog PATH           the catalog file (default: $TARN_CATALOG, else .tarn/catalog.sqlite)
          --exclude GLOB           leave out matching paths (relative to PATH; * within a
                                   folder, ** across folders); repeatable
          --table-level N          tables are the folders N levels below PATH (default 1;
                                   0: PATH itself is one table)
          --schema-change POLICY   update (default: store a new version) or log (report only)
          --delete-behavior WHAT   for tables and partitions whose files are gone:
                                   deprecate (default), delete, or log
          --sample-bytes N         bytes of each raw file the types come from (default 1MB;
                                   smaller files are read whole and counted exactly)
          --json                   print the report as JSON
          -h, --help               show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let asJSON = args.flag("--json")
        guard let database = try args.value("--database"), !database.isEmpty else { throw UsageError("missing --database DB") }
        let catalogPath = try args.value("--catalog")
        var options = CrawlOptions(database: database, excludes: try args.values("--exclude"))
        if let level = try args.integer("--table-level") { options.tableLevel = level }
        if let text = try args.value("--schema-change") {
            guard let policy = SchemaChangePolicy(rawValue: text.lowercased()) else {
                throw UsageError("--schema-change is update or log, got '\(text)'")
            }
            options.schemaChange = policy
        }
        if let text = try args.value("--delete-behavior") {
            guard let behavior = DeleteBehavior(rawValue: text.lowercased()) else {
                throw UsageError("--delete-behavior is deprecate, delete or log, got '\(text)'")
            }
            options.deleteBehavior = behavior
        }
        if let bytes = try args.byteCount("--sample-bytes") { options.sampleBytes = bytes }
        try args.finish()
        guard args.positional.count == 1 else {
            throw UsageError(args.positional.isEmpty ? "missing PATH" : "one PATH at a time, got \(args.positional.count)")
        }
        let catalog = try Catalog(path: CatalogLocation.resolve(explicit: catalogPath))
        let report = try Crawler(catalog: catalog, options: options).crawl(args.positional[0])
        if asJSON {
            print(report.json.serialized(pretty: true))
        } else {
            print(report.text, terminator: "")
        }
        return 0
    }
}
