import Foundation
import Testing
import TarnTestSupport

/// The harness itself, judged on files pyarrow writes: if these pass, a mismatch in a
/// writer test is the writer's, not the harness's.
@Suite struct InteropHarnessTests {
    static let writeFixture = """
        import sys, decimal, datetime
        import pyarrow as pa, pyarrow.parquet as pq
        point = pa.struct([("x", pa.int32()), ("label", pa.string())])
        table = pa.table({
            "id": pa.array([1, 2, 3], pa.int64()),
            "big": pa.array([2**53, -(2**63), None], pa.int64()),
            "score": pa.array([float("nan"), -0.0, 2.5], pa.float64()),
            "ratio": pa.array([0.1, None, float("inf")], pa.float32()),
            "price": pa.array([decimal.Decimal("12.50"), None, decimal.Decimal("-0.07")], pa.decimal128(9, 2)),
            "at": pa.array([1_700_000_000_123_456, None, -1], pa.timestamp("us", tz="UTC")),
            "at_ns": pa.array([1_700_000_000_123_456_789, 0, None], pa.timestamp("ns")),
            "day": pa.array([datetime.date(2024, 2, 29), None, datetime.date(1970, 1, 1)]),
            "name": pa.array(["a", None, "\\u00fc\\u6f22"]),
            "blob": pa.array([b"\\x00\\xff", b"", None]),
            "points": pa.array([[{"x": 1, "label": "p"}, None], None, []], pa.list_(point)),
            "tags": pa.array([[("k", 1), ("j", None)], [], None], pa.map_(pa.string(), pa.int64())),
        })
        pq.write_table(table, sys.argv[1], compression="zstd", write_page_index=True,
                       row_group_size=2)
        pq.write_table(pa.table({"x": pa.array([], pa.int32())}), sys.argv[2])
        with open(sys.argv[3], "wb") as f:
            f.write(b"PAR1 this is not a parquet file PAR1")
        """

    @Test(.interop) func readsWhatPyarrowWrote() throws {
        let dir = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = dir.appendingPathComponent("fixture.parquet").path
        let empty = dir.appendingPathComponent("empty.parquet").path
        let corrupt = dir.appendingPathComponent("corrupt.parquet").path
        try Interop.runPython(Self.writeFixture, arguments: [fixture, empty, corrupt])

        let results = try Interop.read([fixture, empty, corrupt])
        #expect(results.map(\.path) == [fixture, empty, corrupt])
        let result = results[0]

        let expected: [[JSONValue]] = [
            [1, .integer(1 << 53), .float(.nan), .float(Double(Float(0.1))),
             "12.50", .timestamp(1_700_000_000_123_456, unit: "us"), .timestamp(1_700_000_000_123_456_789, unit: "ns"),
             "2024-02-29", "a", "00ff", [["x": 1, "label": "p"], nil], [["k", 1], ["j", nil]]],
            [2, "-9223372036854775808", .float(-0.0), nil,
             nil, nil, .timestamp(0, unit: "ns"),
             nil, nil, "", nil, []],
            [3, nil, 2.5, .float(.infinity),
             "-0.07", .timestamp(-1, unit: "us"), nil,
             "1970-01-01", "\u{fc}\u{6f22}", nil, [], nil],
        ]
        for reader in [result.pyarrow, result.duckdb] {
            try reader.requireSuccess()
            #expect(reader.numRows == 3, "\(reader.reader)")
            #expect(reader.columnNames == ["id", "big", "score", "ratio", "price", "at", "at_ns", "day", "name", "blob", "points", "tags"])
            for (index, row) in expected.enumerated() {
                #expect(reader.rows[index] == row, "\(reader.reader) row \(index)")
            }
        }
        // NaN and -0.0 survive, and are told apart from 0.0.
        #expect(result.pyarrow.column("score")?[0].doubleValue?.isNaN == true)
        #expect(result.pyarrow.column("score")?[1] != .float(0.0))
        #expect(result.pyarrow.column("big")?[0].intValue == 1 << 53)

        #expect(result.pyarrow.type(of: "price") == "decimal128(9, 2)")
        #expect(result.duckdb.type(of: "price") == "DECIMAL(9,2)")
        #expect(result.pyarrow.type(of: "at") == "timestamp[us, tz=UTC]")
        #expect(result.duckdb.type(of: "at") == "TIMESTAMP WITH TIME ZONE")
        #expect(result.duckdb.type(of: "points") == "STRUCT(x INTEGER, \"label\" VARCHAR)[]"
            || result.duckdb.type(of: "points") == "STRUCT(x INTEGER, label VARCHAR)[]")
        #expect(result.duckdb.type(of: "tags") == "MAP(VARCHAR, BIGINT)")

        // Footer metadata: two row groups of 2 + 1 rows, zstd, page indexes, statistics.
        #expect(result.metadataError == nil)
        #expect(result.metadata["num_rows"] == 3)
        #expect(result.rowGroups.map { $0["num_rows"] } == [2, 1])
        let id = try #require(result.columnChunk("id"))
        #expect(id["physical_type"] == "INT64")
        #expect(id["compression"] == "ZSTD")
        #expect(id["has_column_index"] == true)
        #expect(id["has_offset_index"] == true)
        #expect(id["statistics"]?["min"] == 1)
        #expect(id["statistics"]?["max"] == 2)
        #expect(id["statistics"]?["null_count"] == 0)
        #expect(id["encodings"]?.arrayValue?.contains("PLAIN") == true)
        #expect(result.columnChunk("points.list.element.x") != nil)
        // Row 3 (row group 1) has a null map, which counts as one null at the key leaf.
        #expect(result.columnChunk("tags.key_value.key", rowGroup: 1)?["statistics"]?["null_count"] == 1)
        #expect(result.keyValueMetadata["ARROW:schema"] != nil)

        // An empty table reads as zero rows with its schema.
        #expect(results[1].pyarrow.numRows == 0)
        #expect(results[1].duckdb.numRows == 0)
        #expect(results[1].duckdb.types == ["INTEGER"])

        // A broken file is reported per reader, not as a crash.
        #expect(results[2].pyarrow.error != nil)
        #expect(results[2].duckdb.error != nil)
        #expect(results[2].metadataError != nil)
        #expect(throws: InteropError.self) { try results[2].pyarrow.requireSuccess() }
    }

    @Test(.interop) func metadataOnly() throws {
        let dir = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.parquet").path
        try Interop.runPython("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({"a": [1, 2]}), sys.argv[1], compression="gzip",
                           use_dictionary=False)
            """, arguments: [path])
        let result = try Interop.read(path, rows: false)
        #expect(result.pyarrow.numRows == 2)
        #expect(result.pyarrow.rows.isEmpty)
        #expect(result.columnChunk("a")?["compression"] == "GZIP")
        #expect(result.columnChunk("a")?["has_dictionary_page"] == false)
    }

    @Test func jsonValueDecoding() throws {
        let text = #"[1, "9007199254740993", {"f": "nan"}, {"f": "-0.0"}, {"f": "1e-05"}, {"f": "x"}, true, null, {"ts": 5, "unit": "us"}]"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value == [1, "9007199254740993", .float(.nan), .float(-0.0), 0.00001, ["f": "x"], true, nil, .timestamp(5, unit: "us")])
        #expect(value[1]?.intValue == 9_007_199_254_740_993)
        #expect(value[3] != .float(0.0))
        #expect(JSONValue.integer(1 << 53) == "9007199254740992")
        #expect(JSONValue.integer(-(1 << 53) + 1) == .int(-(1 << 53) + 1))
        #expect(JSONValue.binary([0, 0xAB]) == "00ab")
    }
}
