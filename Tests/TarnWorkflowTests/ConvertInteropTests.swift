import Foundation
import Testing
import TarnCore
import TarnIngest
import TarnTestSupport
@testable import TarnWorkflow

/// Every fixture converted to Parquet and read back by pyarrow and DuckDB: pyarrow's values
/// (printed Tarn's way by `Tests/interop/display_values.py`) equal the batches Tarn read from
/// the raw file, and DuckDB's rows equal pyarrow's (both normalized by `read_parquet.py`).
@Suite struct ConvertInteropTests {
    static let fixtures: [String] = {
        let root = Interop.packageRoot.appendingPathComponent("Fixtures")
        var paths: [String] = []
        for folder in ["csv", "json"] {
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where RawFormat.fromExtension(name) != nil && !name.hasSuffix(".schema.json") {
                paths.append(url.appendingPathComponent(name).path)
            }
        }
        return paths
    }()

    /// What Tarn read from the raw file (the rows it wrote), as display text per column.
    static func rawValues(_ path: String, schema: Schema, options: RawTableOptions) throws -> [[String]] {
        let table = try RawTable(path: path, options: options)
        var reader = try table.reader(schema: schema, typesAreInferred: true, options: ReadOptions(badRecords: try BadRecordLog(path: nil)))
        var columns = [[String]](repeating: [], count: schema.count)
        while let batch = try reader.next() {
            for c in 0..<schema.count {
                // Times are written as plain int64 microseconds by default (Spark has no
                // TIME type; `timeLogicalType` turns the annotation on), so readers see numbers.
                var type = schema.fields[c].type
                if case .time(.microseconds) = type { type = .int64 }
                for r in 0..<batch.rowCount { columns[c].append(batch.columns[c].displayValue(at: r, type: type)) }
            }
        }
        return columns
    }

    @Test(.interop) func pyarrowAndDuckDBReadWhatTarnWrote() throws {
        #expect(Self.fixtures.count >= 10)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-convert-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var outputs: [String] = []
        var expected: [String: [[String]]] = [:]
        for path in Self.fixtures {
            let target = out.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent + ".parquet").path
            var options = ConvertOptions()
            options.badRecordsPath = out.appendingPathComponent("bad.jsonl").path
            let metrics = try FileConverter.convert(input: path, output: target, options: options)
            let schema = try RawTable(path: path).inferSchema(wholeInput: true).schema
            expected[target] = try Self.rawValues(path, schema: schema, options: options.input)
            #expect(metrics.rowsWritten == expected[target]!.first?.count ?? 0, "\(path)")
            outputs.append(target)
        }
        let script = Interop.packageRoot.appendingPathComponent("Tests/interop/display_values.py").path
        let printed = try Interop.runPython("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                            arguments: [script] + outputs)
        let document = try JSONValue.parse(Data(printed.utf8))
        for target in outputs {
            let pyarrow = document[target]?.arrayValue?.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
            #expect(pyarrow == expected[target], "\(target): pyarrow read other values")
        }
        for result in try Interop.read(outputs) {
            #expect(result.pyarrow.error == nil && result.duckdb.error == nil, "\(result.path)")
            #expect(result.duckdb.numRows == result.pyarrow.numRows, "\(result.path)")
            #expect(result.duckdb.rows == result.pyarrow.rows, "\(result.path): DuckDB and pyarrow differ")
        }
    }
}
