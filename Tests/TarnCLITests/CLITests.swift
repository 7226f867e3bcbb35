import Foundation
import Testing
import TarnTestSupport

/// The `tarn` binary as a user runs it: stdout, stderr and exit status.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = Interop.packageRoot

    /// `tarn` sits beside the test bundle in the build folder.
    static var binary: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("tarn")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/tarn")
    }

    static func tarn(_ arguments: String...) throws -> Run { try tarnArguments(arguments) }

    /// Runs the built `tarn` from `directory` (the package root by default) with the
    /// environment `changes` (a nil value removes a variable).
    static func tarnArguments(_ arguments: [String], in directory: URL = packageRoot, environment changes: [String: String?] = [:]) throws -> Run {
        let (status, stdout, stderr) = try Interop.launch(binary.path, arguments, in: directory, environment: changes)
        return Run(status: status, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func noArgumentsPrintsUsageAndExits2() throws {
        let run = try Self.tarn()
        #expect(run.status == 2)
        #expect(run.stderr.contains("usage: tarn <command>"))
        #expect(run.stderr.contains("inspect"))
    }

    @Test func unknownCommandExits2() throws {
        let run = try Self.tarn("frobnicate")
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown command 'frobnicate'"))
    }

    @Test func helpExits0() throws {
        for command in ["inspect", "write-sample", "convert", "schema", "head", "catalog"] {
            let run = try Self.tarn(command, "--help")
            #expect(run.status == 0, "\(command)")
            #expect(run.stdout.contains("usage: tarn \(command)"), "\(command): \(run.stdout)")
        }
    }

    @Test func inspectUsageAndMissingFile() throws {
        #expect(try Self.tarn("inspect").status == 2)
        #expect(try Self.tarn("inspect", "a.parquet", "--bogus").status == 2)
        let missing = try Self.tarn("inspect", "/no/such/file.parquet")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/file.parquet"))
    }

    @Test func inspectRejectsANonParquetFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.parquet").path
        try Data("just some text, long enough to have a tail".utf8).write(to: URL(fileURLWithPath: path))
        let run = try Self.tarn("inspect", path)
        #expect(run.status == 1)
        #expect(run.stderr.contains(path))
        #expect(run.stderr.contains("PAR1"), "\(run.stderr)")
    }

    @Test func writeSampleThenInspect() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("orders.parquet").path
        let write = try Self.tarn("write-sample", "Fixtures/demo/orders.json", output, "--compression", "zstd", "--page-version", "2")
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stdout == "wrote 40 rows to \(output)\n")

        let text = try Self.tarn("inspect", output)
        #expect(text.status == 0)
        #expect(text.stdout.contains("num_rows: 40"))
        #expect(text.stdout.contains("optional group tags (LIST)"))
        #expect(text.stdout.contains("ZSTD"))

        let json = try Self.tarn("inspect", output, "--json")
        #expect(json.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((document?["num_rows"] as? NSNumber)?.intValue == 40)
    }

    @Test func writeSampleNamesTheBadRowAndColumn() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("bad.json")
        try Data(#"{"schema": [{"name": "n", "type": "int64"}, {"name": "d", "type": "date"}], "rows": [[1, "2024-01-02"], [2, "yesterday"]]}"#.utf8).write(to: input)
        let output = folder.appendingPathComponent("bad.parquet").path
        let run = try Self.tarn("write-sample", input.path, output)
        #expect(run.status == 1)
        #expect(run.stderr.contains("row 2, column 'd'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let usage = try Self.tarn("write-sample", input.path, output, "--compression", "lzma")
        #expect(usage.status == 2)
    }
}
