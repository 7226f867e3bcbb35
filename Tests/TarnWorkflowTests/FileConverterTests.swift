import Foundation
import Testing
import TarnCore
import TarnIngest
import TarnParquet
@testable import TarnWorkflow

/// `FileConverter`: files and folders to Parquet, widening, bad records, atomic output.
@Suite struct FileConverterTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The Parquet file's schema as the footer tells it (leaf names and row count).
    static func footer(_ path: String) throws -> FileMetaData { try ParquetFooter.read(path: path) }

    @Test func aLateDecimalWidensTheColumnAndNothingIsLost() throws {
        let root = try Self.folder()
        var text = "id,value\n"
        for i in 0..<5000 { text += "\(i),\(i)\n" }
        text += "5000,1.5\n"
        let input = root.appendingPathComponent("late.csv")
        try Self.write(text, input)
        var options = ConvertOptions()
        options.input.sampleBytes = 4096
        let output = root.appendingPathComponent("late.parquet").path
        let metrics = try FileConverter.convert(input: input.path, output: output, options: options)
        #expect(metrics.rowsWritten == 5001 && metrics.rowsRead == 5001 && metrics.rowsRejected == 0)
        #expect(metrics.widenedColumns.count == 1)
        #expect(metrics.widenedColumns.first?.contains("value (int32 → decimal(5,1)") == true)
        let footer = try Self.footer(output)
        #expect(footer.numRows == 5001)
        let value = footer.schema.first { $0.name == "value" }
        #expect(value?.logicalType == .decimal(scale: 1, precision: 5))
    }

    @Test func folderToFolderKeepsRelativePathsAndSkipsOtherFiles() throws {
        let root = try Self.folder()
        let raw = root.appendingPathComponent("raw")
        try Self.write("a,b\n1,x\n2,y\n", raw.appendingPathComponent("one.csv"))
        try Self.write("{\"a\": 1}\n", raw.appendingPathComponent("sub/deeper/two.jsonl.txt.md"))
        try Self.write("a\tb\n3\tz\n", raw.appendingPathComponent("sub/three.tsv"))
        try Self.write("ignore me", raw.appendingPathComponent("notes.pdf"))
        try Self.write("hidden", raw.appendingPathComponent(".hidden/x.csv"))
        let out = root.appendingPathComponent("curated")
        let metrics = try FileConverter.convert(input: raw.path, output: out.path)
        #expect(metrics.files == 2)
        #expect(metrics.rowsWritten == 3)
        #expect(metrics.skipped == ["notes.pdf: not a CSV or JSON file name", "sub/deeper/two.jsonl.txt.md: not a CSV or JSON file name"])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("one.parquet").path))
        #expect(try Self.footer(out.appendingPathComponent("sub/three.parquet").path).numRows == 1)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".hidden").path))
    }

    @Test func aFailedConversionLeavesNothingAtTheOutput() throws {
        let root = try Self.folder()
        let input = root.appendingPathComponent("bad.csv")
        try Self.write("a,b\n1,2\n3\n", input)
        let output = root.appendingPathComponent("bad.parquet").path
        #expect(throws: IngestError.self) { try FileConverter.convert(input: input.path, output: output) }
        #expect(!FileManager.default.fileExists(atPath: output))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(leftovers == ["bad.csv"])
    }

    @Test func badRecordsAreLoggedOnceEvenWhenTheFileIsReadAgain() throws {
        let root = try Self.folder()
        var text = "id,value\n"
        for i in 0..<3000 { text += i == 10 ? "\(i)\n" : "\(i),\(i)\n" }
        text += "3000,x\n"   // a string after the sample: widens `value`, restarts the file
        let input = root.appendingPathComponent("mixed.csv")
        try Self.write(text, input)
        var options = ConvertOptions()
        options.input.sampleBytes = 2048
        options.badRecordsPath = root.appendingPathComponent("bad.jsonl").path
        let metrics = try FileConverter.convert(input: input.path, output: root.appendingPathComponent("m.parquet").path, options: options)
        #expect(metrics.rowsRejected == 1)
        #expect(metrics.rowsWritten == 3000)
        #expect(metrics.widenedColumns.count == 1)
        let log = try String(contentsOfFile: options.badRecordsPath!, encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1)
        #expect(log.contains("\"line\":12"))
    }

    @Test func aGivenSchemaMakesMisfitsBadRecords() throws {
        let root = try Self.folder()
        let input = root.appendingPathComponent("s.csv")
        try Self.write("id,when\n1,2024-01-01\n2,soon\n3,2024-01-03\n", input)
        var options = ConvertOptions()
        options.schema = Schema([Field("id", .int64), Field("when", .date)])
        options.badRecordsPath = root.appendingPathComponent("bad.jsonl").path
        let output = root.appendingPathComponent("s.parquet").path
        let metrics = try FileConverter.convert(input: input.path, output: output, options: options)
        #expect(metrics.rowsWritten == 2 && metrics.rowsRejected == 1 && metrics.rowsRead == 3)
        let log = try String(contentsOfFile: options.badRecordsPath!, encoding: .utf8)
        #expect(log.contains("column 'when': \\\"soon\\\" is not a valid date"), "\(log)")
        #expect(log.contains("\"line\":3"))
    }

    @Test func parquetNames() {
        #expect(FileConverter.parquetName(for: "a/b.csv.gz") == "a/b.parquet")
        #expect(FileConverter.parquetName(for: "x.jsonl.zst") == "x.parquet")
        #expect(FileConverter.parquetName(for: "plain") == "plain.parquet")
    }
}
