import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Nested columns (lists, structs, maps at any depth) and the file shapes at the edges,
/// written by Tarn and read back by pyarrow and DuckDB.
@Suite struct NestedInteropTests {
    typealias Case = WriterInteropTests.Case

    static let int64Element = Field("element", .int64)

    /// list<int64>: a list, a null list, an empty list, a list holding one null, and more.
    static func listColumn() -> TestColumn {
        let element = Column([Int64(1), 2, nil, 3, Int64.min, Int64.max])
        let column = Column(listLengths: [2, nil, 0, 1, 3], element: element)
        return TestColumn(field: Field("list", .list(int64Element)), column: column,
                          expected: [[1, 2], nil, [], [nil], [3, .integer(Int64.min), .integer(Int64.max)]])
    }

    /// list<list<string>> with nulls and empties at both levels.
    static func listOfLists() -> TestColumn {
        let strings = Column(strings: ["a", nil, "", "ü", "z"])
        let inner = Column(listLengths: [2, 0, nil, 3], element: strings)
        let outer = Column(listLengths: [2, 0, nil, 2, 0], element: inner)
        let type = DataType.list(Field("element", .list(Field("element", .string))))
        return TestColumn(field: Field("nested_lists", type), column: outer,
                          expected: [[["a", nil], []], [], nil, [nil, ["", "ü", "z"]], []])
    }

    /// list<struct<a: int32, b: list<string>>>, with a null struct inside a list.
    static func listOfStructs() -> TestColumn {
        let a = Column([Int32(1), 2, 3])
        let b = Column(listLengths: [1, nil, 0], element: Column(strings: ["x"]))
        let structs = Column(structPresence: [true, false, true], children: [a, b])
        let type = DataType.list(Field("element", .structure([Field("a", .int32), Field("b", .list(Field("element", .string)))])))
        let column = Column(listLengths: [2, 0, nil, 1, 0], element: structs)
        return TestColumn(field: Field("list_of_structs", type), column: column,
                          expected: [[["a": 1, "b": ["x"]], nil], [], nil, [["a": 3, "b": []]], []])
    }

    /// struct<inner: struct<x: int64>, y: string>: null outer vs null inner vs null leaf.
    static func structOfStructs() -> TestColumn {
        let x = Column([Int64(1), 0, 0, nil, 5])
        let inner = Column(structPresence: [true, false, false, true, true], children: [x])
        let y = Column(strings: ["p", "q", nil, "r", nil])
        let outer = Column(structPresence: [true, true, false, true, true], children: [inner, y])
        let type = DataType.structure([Field("inner", .structure([Field("x", .int64)])), Field("y", .string)])
        return TestColumn(field: Field("struct_of_structs", type), column: outer,
                          expected: [["inner": ["x": 1], "y": "p"], ["inner": nil, "y": "q"], nil,
                                     ["inner": ["x": nil], "y": "r"], ["inner": ["x": 5], "y": nil]])
    }

    /// map<string, list<int64>>: null map, empty map, null value, empty list value.
    static func mapOfLists() -> TestColumn {
        let keys = Column(strings: ["a", "b", "c", "d"])
        let values = Column(listLengths: [2, nil, 0, 1], element: Column([Int64(7), 8, 9]))
        let column = Column(mapLengths: [2, nil, 0, 2, 0], keys: keys, values: values)
        let type = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .list(int64Element)))
        return TestColumn(field: Field("map_of_lists", type), column: column,
                          expected: [[["a", [7, 8]], ["b", nil]], nil, [], [["c", []], ["d", [9]]], []])
    }

    /// A required list of required elements.
    static func requiredList() -> TestColumn {
        let element = Column([Int32(4), 5, 6])
        let column = Column(listLengths: [0, 2, 1, 0, 0], element: element)
        return TestColumn(field: Field("required_list", .list(Field("element", .int32, nullable: false)), nullable: false),
                          column: column, expected: [[], [4, 5], [6], [], []])
    }

    /// Eight levels of lists around one int64.
    static func deepLists() -> TestColumn {
        var type = DataType.int64
        var column = Column([Int64(42), nil])
        var expected: JSONValue = [42, nil]
        for depth in 0..<8 {
            type = .list(Field("element", type))
            // Each level: one list holding everything below, then (on the outermost level) a null.
            let rows = column.count
            column = Column(listLengths: [rows], element: column)
            expected = [expected]
            _ = depth
        }
        // Add a second row that is null at the top.
        var outerLengths = [Int?]()
        outerLengths = [1, nil]
        let top = Column(listLengths: outerLengths, element: column)
        return TestColumn(field: Field("deep", .list(Field("element", type))), column: top, expected: [expected, nil])
    }

    static let nestedColumns = [listColumn(), listOfLists(), listOfStructs(), structOfStructs(), mapOfLists(), requiredList(), deepLists()]

    @Test(.interop) func nestedTypesInEveryPageVersionAndEncoding() throws {
        var cases: [Case] = []
        for version in [DataPageVersion.v1, .v2] {
            for encoding in [ColumnEncoding.automatic, .plain] {
                for column in Self.nestedColumns {
                    var options = ParquetWriterOptions()
                    options.dataPageVersion = version
                    options.encoding = encoding
                    options.dataPageMaxRows = 2  // pages cut at row boundaries inside nested data
                    cases.append(Case(name: "\(column.field.name)-v\(version.rawValue)-\(encoding.rawValue)", columns: [column], options: options))
                }
            }
        }
        try WriterInteropTests.roundTrip(cases, batchRows: 2)
    }

    /// One batch of nested rows cut into row groups of two rows: the writer slices every
    /// leaf's levels at the same row boundaries.
    @Test(.interop) func nestedBatchSplitAcrossRowGroups() throws {
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 2
        let cases = Self.nestedColumns.map { Case(name: "split-\($0.field.name)", columns: [$0], options: options) }
        let results = try WriterInteropTests.roundTrip(cases, batchRows: 100)
        for column in Self.nestedColumns {
            #expect(results["split-\(column.field.name)"]?.rowGroups.count == (column.column.count + 1) / 2)
        }
    }

    @Test(.interop) func emptyAndOneRowFiles() throws {
        let all = TestColumnFactory(rows: 1, nullEvery: 0, seed: 7).allLeafColumns() + Self.nestedColumns.map { column in
            TestColumn(field: column.field, column: column.column.slice(0..<1), expected: [column.expected[0]])
        }
        let empty = all.map { TestColumn(field: $0.field, column: $0.column.slice(0..<0), expected: []) }
        let results = try WriterInteropTests.roundTrip([Case(name: "one-row", columns: all, options: ParquetWriterOptions()),
                                                        Case(name: "empty", columns: empty, options: ParquetWriterOptions())])
        #expect(results["empty"]?.rowGroups.count == 0)
        #expect(results["one-row"]?.rowGroups.count == 1)
        #expect(results["empty"]?.pyarrow.columnNames == all.map(\.field.name))
    }

    @Test(.interop) func manyRowGroupsAndPagesWithByteLimits() throws {
        let columns = TestColumnFactory(rows: 5_000, nullEvery: 3, seed: 11).allLeafColumns()
        var options = ParquetWriterOptions()
        options.rowGroupSizeBytes = 64 << 10
        options.dataPageSizeBytes = 4 << 10
        let results = try WriterInteropTests.roundTrip([Case(name: "limits", columns: columns, options: options)], batchRows: 997)
        let groups = results["limits"]?.rowGroups ?? []
        #expect(groups.count > 3, "row groups: \(groups.count)")
        // Every row group but the last reaches the byte limit without overshooting by a whole batch.
        for group in groups.dropLast() {
            let size = group["total_byte_size"]?.intValue ?? 0
            #expect(size > 32 << 10 && size < 160 << 10, "row group of \(size) bytes")
        }
    }

    @Test(.interop) func uuidLogicalTypeAndByteStreamSplitOnFixedBytes() throws {
        // DuckDB 2.0 cannot read BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY, so only pyarrow checks it.
        let factory = TestColumnFactory(rows: 300, nullEvery: 4, seed: 3)
        var options = ParquetWriterOptions()
        options.uuidLogicalType = true
        try WriterInteropTests.roundTrip([Case(name: "uuid", columns: [factory.uuid(logical: true)], options: options)])

        options.encoding = .byteStreamSplit
        let columns = [factory.decimal(precision: 38, scale: 10), factory.uuid(logical: true)]
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var testCase = Case(name: "bss-fixed", columns: columns, options: options)
        testCase.path = folder.appendingPathComponent("bss.parquet").path
        try WriterInteropTests.write(testCase, batchRows: 100)
        let result = try Interop.read(testCase.path)
        let output = try result.pyarrow.requireSuccess()
        for column in columns {
            #expect(output.column(column.field.name)?.map(canonical) == column.expected.map(canonical), "\(column.field.name)")
            let encodings = result.columnChunk(column.field.name)?["encodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(encodings.contains("BYTE_STREAM_SPLIT"))
        }
    }
}

/// The precise TIME logical types (an option, since Spark rejects them) and writing through
/// a file handle.
@Suite struct TimeAndHandleInteropTests {
    @Test(.interop) func timeLogicalTypes() throws {
        let millis = TestColumn(field: Field("t_ms", .time(.milliseconds)), column: Column([Int32(0), 86_399_999, nil, 1]),
                                expected: [.time(0, unit: "ms"), .time(86_399_999, unit: "ms"), nil, .time(1, unit: "ms")])
        let micros = TestColumn(field: Field("t_us", .time(.microseconds)), column: Column([Int64(0), 86_399_999_999, nil, 5]),
                                expected: [.time(0, unit: "us"), .time(86_399_999_999, unit: "us"), nil, .time(5, unit: "us")])
        let nanos = TestColumn(field: Field("t_ns", .time(.nanoseconds)), column: Column([Int64(0), 86_399_999_999_000, nil, 7_000]),
                               expected: [.time(0, unit: "ns"), .time(86_399_999_999_000, unit: "ns"), nil, .time(7_000, unit: "ns")])
        var options = ParquetWriterOptions()
        options.timeLogicalType = true
        let results = try WriterInteropTests.roundTrip([WriterInteropTests.Case(name: "times", columns: [millis, micros, nanos], options: options)])
        #expect(results["times"]?.pyarrow.type(of: "t_ms") == "time32[ms]")
        #expect(results["times"]?.pyarrow.type(of: "t_us") == "time64[us]")
        #expect(results["times"]?.pyarrow.type(of: "t_ns") == "time64[ns]")

        // The portable default: milliseconds become INT64 microseconds with no annotation.
        let portable = TestColumn(field: millis.field, column: millis.column, expected: [0, .integer(86_399_999_000), nil, 1_000])
        let plain = try WriterInteropTests.roundTrip([WriterInteropTests.Case(name: "portable", columns: [portable], options: ParquetWriterOptions())])
        #expect(plain["portable"]?.pyarrow.type(of: "t_ms") == "int64")
    }

    @Test(.interop) func writesThroughAFileHandle() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("handle.parquet")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let schema = Schema([Field("n", .int64)])
        let writer = try ParquetWriter(fileHandle: handle, schema: schema)
        for start in stride(from: 0, to: 300, by: 100) {
            try writer.write(try ColumnBatch(schema: schema, columns: [Column((start..<(start + 100)).map { Int64($0) })]))
        }
        try writer.close()
        try handle.close()
        let result = try Interop.read(url.path)
        for output in [result.pyarrow, result.duckdb] {
            #expect(try output.requireSuccess().column("n") == (0..<300).map { JSONValue.int(Int64($0)) })
        }
    }
}
