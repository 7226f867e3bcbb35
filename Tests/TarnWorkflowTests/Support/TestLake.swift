import Foundation
import TarnTestSupport

/// A copy of `Fixtures/lake/raw` and a fresh catalog under a temporary folder.
struct TestLake {
    let root: URL
    var raw: String { root.appendingPathComponent("raw").path }
    var curated: String { root.appendingPathComponent("curated").path }
    var catalogPath: String { root.appendingPathComponent("catalog.sqlite").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-flow-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Interop.packageRoot.appendingPathComponent("Fixtures/lake/raw"), to: root.appendingPathComponent("raw"))
    }

    static var demoPath: String { Interop.packageRoot.appendingPathComponent("Fixtures/workflows/demo.json").path }

    func write(_ text: String, to relative: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The Parquet files under a curated table folder (relative, sorted).
    func parquetFiles(_ table: String) -> [String] {
        let folder = curated + "/" + table
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".parquet") { files.append(relative) }
        }
        return files.sorted()
    }

    /// Runs SQL in DuckDB (with `${curated}` and `${raw}` replaced) and returns its rows as text lines.
    func duckdb(_ sql: String) throws -> [String] {
        let query = sql.replacingOccurrences(of: "${curated}", with: curated).replacingOccurrences(of: "${raw}", with: raw)
        let output = try Interop.runPython("""
            import duckdb, sys
            for row in duckdb.sql(sys.argv[1]).fetchall():
                print("|".join("NULL" if v is None else str(v) for v in row))
            """, arguments: [query])
        return output.split(separator: "\n").map(String.init)
    }

    /// Rows of a curated table, read as DuckDB reads a Hive-partitioned folder.
    func curatedCount(_ table: String) throws -> Int {
        Int(try duckdb("SELECT count(*) FROM read_parquet('${curated}/\(table)/**/*.parquet', hive_partitioning = true)").first ?? "") ?? -1
    }
}
