import Foundation
import Testing
import TarnTestSupport

/// Issue 3's differential test: for each raw fixture, the Parquet `tarn convert` writes is
/// compared value by value with what Python's own csv / json modules and DuckDB read from
/// the same raw file (`Tests/interop/differential.py`). Every difference must be listed in
/// `Tests/interop/differential-expected.json` with the reason Tarn's answer is the right
/// one, and every listed difference must still occur (no stale entries).
///
/// Needs the interop readers (`Interop`: Python with pyarrow and DuckDB, `make deps`):
/// skipped without them, a failure when `TARN_REQUIRE_INTEROP=1`.
@Suite(.interop)
struct DifferentialTests {
    @Test func everyFixtureAgreesOrTheDifferenceIsExplained() throws {
        let fixtures = Differential.packageRoot.appendingPathComponent("Fixtures")
        var jobs: [Differential.Job] = []
        for format in ["csv", "json"] {
            let folder = fixtures.appendingPathComponent(format)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() where Differential.isRawFile(name) {
                jobs.append(Differential.Job(key: "\(format)/\(name)", raw: folder.appendingPathComponent(name).path))
            }
        }
        #expect(jobs.count >= 20, "fixtures found: \(jobs.map(\.key))")
        try Differential.run(jobs, keyPrefixes: ["csv/", "json/"])
    }

    /// csv-spectrum end to end: each file through `tarn convert`, read back with pyarrow and
    /// compared with the corpus's JSON answer (as well as with Python and DuckDB).
    @Test(.enabled(if: Corpora.isAvailable("csv/csv-spectrum"), Corpora.skipNote("csv/csv-spectrum")))
    func csvSpectrumEndToEnd() throws {
        guard let folder = Corpora.folder("csv/csv-spectrum") else { return }
        // Its JSON answer does not match its CSV upstream (the corpus README says so).
        let knownBad: Set<String> = ["location_coordinates"]
        let csvs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("csvs").path)
            .filter { $0.hasSuffix(".csv") && !knownBad.contains(String($0.dropLast(4))) }.sorted()
        let jobs = csvs.map { name in
            Differential.Job(key: "csv-spectrum/\(name)", raw: folder.appendingPathComponent("csvs/\(name)").path,
                             expectedRecords: folder.appendingPathComponent("json/\(name.dropLast(4)).json").path)
        }
        #expect(jobs.count == 11)
        try Differential.run(jobs, keyPrefixes: ["csv-spectrum/"])
    }

    /// The harness is not blind: a Parquet file with one wrong value (written by pyarrow)
    /// is reported against every reader, at the right row and column.
    @Test func aWrongValueIsReported() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("small.csv").path
        try Data("id,n,s\n1,5,a\n2,6,b\n".utf8).write(to: URL(fileURLWithPath: raw))
        let parquet = folder.appendingPathComponent("small.parquet").path
        try Interop.runPython("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({"id": pa.array([1, 2], pa.int32()), "n": pa.array([5, 7], pa.int32()),
                                     "s": ["a", "b"]}), sys.argv[1])
            """, arguments: [parquet])
        let reports = try Differential.reports([["raw": raw, "parquet": parquet]])
        let summary = try #require(reports.first?["summary"] as? [[String: Any]])
        let found = Set(summary.map { "\($0["column"] ?? "")/\($0["against"] ?? "")/\($0["kind"] ?? "")" })
        #expect(found == ["n/python/value", "n/duckdb/value", "n/duckdb_forced/value"], "\(summary)")
        let cell = try #require((reports.first?["differences"] as? [[String: Any]])?.first)
        #expect(cell["row"] as? Int == 1 && cell["column"] as? String == "n")
        #expect(cell["tarn"] as? Int == 7 && cell["python"] as? String == "6" && cell["duckdb"] as? Int == 6)
    }
}

/// Runs fixtures through `tarn` and `differential.py` and checks the reports against the
/// expected differences.
enum Differential {
    static let packageRoot = Interop.packageRoot
    static var script: String { packageRoot.appendingPathComponent("Tests/interop/differential.py").path }
    static var expectedPath: String { packageRoot.appendingPathComponent("Tests/interop/differential-expected.json").path }

    /// Whether a fixture file is raw input (not an expected schema or answer beside one).
    static func isRawFile(_ name: String) -> Bool {
        var base = name.lowercased()
        if base.contains(".schema.") || base.contains(".expected.") || base.hasPrefix(".") { return false }
        for suffix in [".gz", ".zst"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        return [".csv", ".tsv", ".psv", ".jsonl", ".ndjson", ".json"].contains { base.hasSuffix($0) }
    }

    /// One raw file to convert and compare; `key` names it in the expected-differences file.
    struct Job {
        var key: String
        var raw: String
        var expectedRecords: String?
    }

    /// One listed difference: `column` ("*" for the whole file), `against` (the readers it
    /// applies to; all when absent), `kind` (all when absent) and the reason Tarn is right —
    /// or, with `bug`, a known Tarn bug: reported as a known issue until the fix makes the
    /// entry stale.
    struct Expectation {
        var column: String
        var against: [String]?
        var kind: String?
        var reason: String
        var bug: Bool

        func covers(column: String, against reader: String, kind: String) -> Bool {
            column == self.column && (against?.contains(reader) ?? true) && (self.kind.map { $0 == kind } ?? true)
        }
    }

    /// Runs the interop interpreter (`Interop`: `$TARN_PYTHON` or `.venv/bin/python`, with
    /// pyarrow and DuckDB) on `arguments`; a non-zero exit throws with its stderr.
    @discardableResult
    static func python(_ arguments: [String]) throws -> Data {
        try execute(try Interop.requireAvailable(), arguments)
    }

    // MARK: Running

    /// Converts every job's file, runs the differential script over all of them in one
    /// Python process, and records an issue for every unexplained difference, every stale
    /// expectation, and every fixture whose rejected-record count differs from Python's.
    static func run(_ jobs: [Job], keyPrefixes: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var batch: [[String: String]] = []
        var rejected: [String: Int] = [:]
        var converted: [Job] = []
        for (index, job) in jobs.enumerated() {
            let schema = folder.appendingPathComponent("\(index).schema.json").path
            let parquet = folder.appendingPathComponent("\(index).parquet").path
            let bad = folder.appendingPathComponent("\(index).bad.jsonl").path
            let inferred = try tarn(["schema", "--json", job.raw])
            guard inferred.status == 0 else {
                Issue.record("\(job.key): tarn schema failed: \(inferred.stderr)", sourceLocation: sourceLocation)
                continue
            }
            try Data(inferred.stdout.utf8).write(to: URL(fileURLWithPath: schema))
            let convert = try tarn(["convert", job.raw, parquet, "--bad-records", bad, "--json"])
            guard convert.status == 0 else {
                Issue.record("\(job.key): tarn convert failed: \(convert.stderr)", sourceLocation: sourceLocation)
                continue
            }
            let metrics = try JSONSerialization.jsonObject(with: Data(convert.stdout.utf8)) as? [String: Any]
            rejected[job.key] = (metrics?["rowsRejected"] as? NSNumber)?.intValue
            var entry = ["raw": job.raw, "parquet": parquet, "schema_json": schema]
            if let expected = job.expectedRecords { entry["expected_records"] = expected }
            batch.append(entry)
            converted.append(job)
        }
        let reports = try reports(batch)
        let expectations = try loadExpectations()
        for (job, report) in zip(converted, reports) {
            if let error = report["error"] as? String {
                Issue.record("\(job.key): differential.py failed: \(error)", sourceLocation: sourceLocation)
                continue
            }
            let expected = expectations[job.key] ?? []
            var used = Array(repeating: false, count: expected.count)
            for difference in report["summary"] as? [[String: Any]] ?? [] {
                let column = difference["column"] as? String ?? "", reader = difference["against"] as? String ?? ""
                let kind = difference["kind"] as? String ?? ""
                if let k = expected.indices.first(where: { expected[$0].covers(column: column, against: reader, kind: kind) }) {
                    used[k] = true
                    if expected[k].bug {
                        withKnownIssue(Comment(rawValue: "\(job.key): known Tarn bug: \(expected[k].reason)")) {
                            Issue.record(Comment(rawValue: "\(job.key): \(kind) difference in column '\(column)' against \(reader), e.g. \(json(difference["example"]))"), sourceLocation: sourceLocation)
                        }
                    }
                    continue
                }
                Issue.record(Comment(rawValue: """
                    \(job.key): unexplained \(kind) difference in column '\(column)' against \(reader) \
                    (\(difference["count"] ?? 0)×), e.g. \(json(difference["example"])). Fix Tarn, or list it in \
                    Tests/interop/differential-expected.json with the reason Tarn's answer is right.
                    """), sourceLocation: sourceLocation)
            }
            for (k, expectation) in expected.enumerated() where !used[k] {
                Issue.record("\(job.key): stale expected difference (column '\(expectation.column)', against \(expectation.against ?? ["any"]), kind \(expectation.kind ?? "any")): it no longer occurs; remove it", sourceLocation: sourceLocation)
            }
            // Records Tarn rejected (wrong field count) are the ones Python's csv module
            // sees with another field count.
            if let python = (report["readers"] as? [String: Any])?["python"] as? [String: Any],
               let pythonRejected = (python["rejected"] as? NSNumber)?.intValue {
                #expect(rejected[job.key] == pythonRejected, "\(job.key): Tarn rejected \(rejected[job.key] ?? -1) records, Python's csv module sees \(pythonRejected) with another field count", sourceLocation: sourceLocation)
            }
        }
        let keys = Set(jobs.map(\.key))
        for key in expectations.keys.sorted() where keyPrefixes.contains(where: { key.hasPrefix($0) }) && !keys.contains(key) {
            Issue.record("stale entry in differential-expected.json: no fixture '\(key)'", sourceLocation: sourceLocation)
        }
    }

    /// `differential.py --batch`: one report per job, in order.
    static func reports(_ batch: [[String: String]]) throws -> [[String: Any]] {
        guard !batch.isEmpty else { return [] }
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobsPath = folder.appendingPathComponent("jobs.json").path
        try JSONSerialization.data(withJSONObject: batch).write(to: URL(fileURLWithPath: jobsPath))
        let output = try python([script, "--batch", jobsPath, "--max-cells", "20"])
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count == batch.count else {
            throw ProcessFailure(description: "differential.py printed \(lines.count) reports for \(batch.count) jobs")
        }
        return try lines.map { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] ?? [:] }
    }

    static func loadExpectations() throws -> [String: [Expectation]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: expectedPath))
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ProcessFailure(description: "\(expectedPath) is not a JSON object")
        }
        var out: [String: [Expectation]] = [:]
        for (key, value) in document where !key.hasPrefix("//") {
            guard let entries = value as? [[String: Any]] else { throw ProcessFailure(description: "\(expectedPath): '\(key)' is not a list") }
            out[key] = try entries.map { entry in
                guard let column = entry["column"] as? String, let reason = entry["reason"] as? String, !reason.isEmpty else {
                    throw ProcessFailure(description: "\(expectedPath): every entry of '\(key)' needs a column and a reason: \(entry)")
                }
                let against = (entry["against"] as? [String]) ?? (entry["against"] as? String).map { [$0] }
                return Expectation(column: column, against: against, kind: entry["kind"] as? String, reason: reason,
                                   bug: entry["bug"] as? Bool ?? false)
            }
        }
        return out
    }

    static func json(_ value: Any?) -> String {
        guard let value, JSONSerialization.isValidJSONObject([value]),
              let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .withoutEscapingSlashes]) else { return "\(value ?? "nil")" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    // MARK: Processes

    struct ProcessFailure: Error, CustomStringConvertible { var description: String }

    static func tarn(_ arguments: [String]) throws -> CLITests.Run { try CLITests.tarnArguments(arguments, in: packageRoot) }

    /// Runs `executable`; a non-zero exit throws with its stderr.
    static func execute(_ executable: String, _ arguments: [String]) throws -> Data {
        let (status, stdout, stderr) = try launch(executable, arguments)
        guard status == 0 else {
            throw ProcessFailure(description: "\(executable) exited with \(status): \(String(decoding: stderr, as: UTF8.self))")
        }
        return stdout
    }

    private static func launch(_ executable: String, _ arguments: [String]) throws -> (Int32, Data, Data) {
        try Interop.launch(executable, arguments, in: packageRoot)
    }

}
