import Foundation
import Testing

/// `tarn convert`, `tarn schema` and `tarn head` as a user runs them.
@Suite struct ConvertCLITests {
    typealias CLI = CLITests

    @Test func convertPrintsMetricsAsJSON() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("types.parquet").path
        let run = try CLI.tarn("convert", "Fixtures/csv/types.csv", output, "--json", "--compression", "zstd")
        #expect(run.status == 0, "\(run.stderr)")
        let metrics = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(metrics?["files"] as? Int == 1)
        #expect(metrics?["rowsRead"] as? Int == 3)
        #expect(metrics?["rowsWritten"] as? Int == 3)
        #expect(metrics?["rowsRejected"] as? Int == 0)
        #expect((metrics?["bytesIn"] as? Int ?? 0) > 0 && (metrics?["bytesOut"] as? Int ?? 0) > 0)
        #expect(metrics?["seconds"] is Double)
        let inspect = try CLI.tarn("inspect", output)
        #expect(inspect.stdout.contains("ZSTD"))
    }

    @Test func badRecordsFailByDefaultAndAreLoggedOnRequest() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("ragged.parquet").path
        let failed = try CLI.tarn("convert", "Fixtures/csv/ragged.csv", output)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("Fixtures/csv/ragged.csv:3:1: record has 2 fields, the header has 3"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let log = folder.appendingPathComponent("bad.jsonl").path
        let logged = try CLI.tarn("convert", "Fixtures/csv/ragged.csv", output, "--bad-records", log)
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("2 rows written, 2 rejected"), "\(logged.stdout)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count == 2)

        let capped = try CLI.tarn("convert", "Fixtures/csv/ragged.csv", output, "--bad-records", log, "--max-bad-records", "1")
        #expect(capped.status == 1)
        #expect(capped.stderr.contains("more than 1 bad records"), "\(capped.stderr)")
    }

    @Test func folderConversionKeepsRelativePaths() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("raw/2024")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "Fixtures/csv/tabs.tsv", toPath: raw.appendingPathComponent("tabs.tsv").path)
        try FileManager.default.copyItem(atPath: "Fixtures/json/int_then_float.jsonl", toPath: raw.appendingPathComponent("n.jsonl").path)
        let out = folder.appendingPathComponent("curated").path
        let run = try CLI.tarn("convert", folder.appendingPathComponent("raw").path, out, "--json")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/2024/tabs.parquet"))
        #expect(FileManager.default.fileExists(atPath: out + "/2024/n.parquet"))
    }

    @Test func schemaExplainsAndRoundTripsThroughConvert() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try CLI.tarn("schema", "Fixtures/csv/types.csv", "--explain")
        #expect(text.status == 0)
        #expect(text.stdout.contains("money"))
        #expect(text.stdout.contains("every fraction has 2 decimal places"))
        #expect(text.stdout.contains("code") && text.stdout.contains("\"007\""))

        let json = try CLI.tarn("schema", "Fixtures/csv/types.csv", "--json")
        let schemaPath = folder.appendingPathComponent("schema.json").path
        try json.stdout.write(toFile: schemaPath, atomically: true, encoding: .utf8)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let file = (document?["files"] as? [[String: Any]])?.first
        #expect((file?["dialect"] as? [String: Any])?["delimiter"] as? String == ",")
        let columns = file?["columns"] as? [[String: Any]] ?? []
        #expect(columns.first { $0["name"] as? String == "huge" }?["type"] as? String == "decimal(38,0)")

        // The printed schema drives a conversion; a value that does not fit is a bad record.
        let input = folder.appendingPathComponent("more.csv").path
        try "flag,small\ntrue,1\nmaybe,2\n".write(toFile: input, atomically: true, encoding: .utf8)
        try #"{"columns": [{"name": "flag", "type": "boolean"}, {"name": "small", "type": "int64"}]}"#.write(toFile: schemaPath, atomically: true, encoding: .utf8)
        let converted = try CLI.tarn("convert", input, folder.appendingPathComponent("more.parquet").path, "--schema", schemaPath,
                                     "--bad-records", folder.appendingPathComponent("bad.jsonl").path)
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(converted.stdout.contains("1 rows written, 1 rejected"), "\(converted.stdout)")
    }

    @Test func headShowsTypedRowsOfRawAndParquetFiles() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = try CLI.tarn("head", "Fixtures/csv/crlf_bom.csv", "-n", "2")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("| id    | text"), "\(csv.stdout)")
        #expect(csv.stdout.contains("say \"hi\""))
        #expect(csv.stdout.contains("3 rows (2 shown)"))
        let json = try CLI.tarn("head", "Fixtures/json/int_then_float.jsonl")
        #expect(json.stdout.contains("float64"))
        let output = folder.appendingPathComponent("t.parquet").path
        _ = try CLI.tarn("convert", "Fixtures/csv/tabs.tsv", output)
        let parquet = try CLI.tarn("head", output)
        #expect(parquet.status == 0)
        #expect(parquet.stdout.contains("beta, gamma"))
        #expect(parquet.stdout.contains("2024-02-03"))
        let schema = try CLI.tarn("schema", output)
        #expect(schema.status == 0, "\(schema.stderr)")
        #expect(schema.stdout.contains("parquet; 2 rows"), "\(schema.stdout)")
        #expect(schema.stdout.contains("when   date"), "\(schema.stdout)")
    }

    @Test func usageErrorsExit2() throws {
        #expect(try CLI.tarn("convert", "only-one-argument").status == 2)
        #expect(try CLI.tarn("convert", "a.csv", "b.parquet", "--compression", "lzma").status == 2)
        #expect(try CLI.tarn("convert", "a.csv", "b.parquet", "--max-bad-records", "3").status == 2)
        #expect(try CLI.tarn("schema", "a.csv", "--delimiter", "ab").status == 2)
        #expect(try CLI.tarn("schema", "a.csv", "--date-format", "%Q").status == 2)
        #expect(try CLI.tarn("head").status == 2)
        let missing = try CLI.tarn("convert", "/no/such.csv", "/tmp/x.parquet")
        #expect(missing.status == 1 && missing.stderr.contains("/no/such.csv"))
    }
}
