import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Statistics, page index, bloom filters, checksums and footer metadata as other readers see
/// them, and what the writer does with bad input.
@Suite struct WriterBehaviorTests {
    static func write(_ columns: [TestColumn], options: ParquetWriterOptions = ParquetWriterOptions(), in folder: URL, name: String) throws -> String {
        var testCase = WriterInteropTests.Case(name: name, columns: columns, options: options)
        testCase.path = folder.appendingPathComponent(name + ".parquet").path
        try WriterInteropTests.write(testCase, batchRows: 250)
        return testCase.path
    }

    @Test(.interop) func statisticsMatchTheData() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let factory = TestColumnFactory(rows: 1_000, nullEvery: 6, seed: 5)
        let columns = [factory.integers(.int64, Int64.min...Int64.max, extremes: [Int64.min, Int64.max]),
                       factory.integers(.uint32, 0...Int64(UInt32.max), extremes: [0, Int64(UInt32.max)]),
                       factory.uint64(), factory.float64(), factory.strings(.string), factory.decimal(precision: 38, scale: 10)]
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 1_000
        let path = try Self.write(columns, options: options, in: folder, name: "stats")
        let result = try Interop.read(path, rows: false)
        for column in columns {
            let chunk = try #require(result.columnChunk(column.field.name))
            let statistics = try #require(chunk["statistics"])
            let nulls = column.expected.filter(\.isNull).count
            #expect(statistics["null_count"]?.intValue == Int64(nulls), "\(column.field.name) null count")
        }
        func stat(_ name: String, _ key: String) -> JSONValue? { result.columnChunk(name)?["statistics"]?[key] }
        // Signed, unsigned and decimal order; NaN never a bound; long strings truncated.
        #expect(stat("int64", "min")?.intValue == Int64.min && stat("int64", "max")?.intValue == Int64.max)
        #expect(stat("uint32", "min")?.intValue == 0 && stat("uint32", "max")?.intValue == Int64(UInt32.max))
        #expect(stat("uint64", "max") == .string(String(UInt64.max)))
        #expect(stat("float64", "min") == .float(-.infinity) && stat("float64", "max") == .float(.infinity))
        #expect(stat("decimal_38_10_", "max") == .string(TestColumnFactory.decimalText(Int128(String(repeating: "9", count: 38))!, scale: 10)))
        #expect(stat("string", "max") == "\u{10FFFF}")
        #expect(stat("string", "min") == "")
        // DuckDB sees the same bounds through its own footer reader.
        let duck = try Interop.runPython("""
            import duckdb, sys
            rows = duckdb.sql("select path_in_schema, stats_min_value, stats_max_value, stats_null_count from parquet_metadata(?) where row_group_id = 0 order by column_id", params=[sys.argv[1]]).fetchall()
            for r in rows: print("|".join(str(v) for v in r))
            """, arguments: [path])
        #expect(duck.contains("int64|-9223372036854775808|9223372036854775807|"), "\(duck)")
        #expect(duck.contains("uint64|0|18446744073709551615|"), "\(duck)")
        #expect(duck.contains("decimal_38_10_|-9999999999999999999999999999.9999999999|9999999999999999999999999999.9999999999|"), "\(duck)")
    }

    @Test(.interop) func longBinaryBoundsAreTruncatedSafely() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "é", count: 50)  // 100 bytes of two-byte characters
        let values = ["a" + long, "b", "z" + long]
        let column = TestColumn(field: Field("s", .string), column: Column(strings: values), expected: [])
        let path = try Self.write([column], in: folder, name: "truncate")
        let raw = try Interop.runPython("""
            import pyarrow.parquet as pq, sys
            s = pq.ParquetFile(sys.argv[1]).metadata.row_group(0).column(0).statistics
            print(s.min_raw.hex(), s.max_raw.hex(), s.is_min_exact if hasattr(s, "is_min_exact") else "", s.is_max_exact if hasattr(s, "is_max_exact") else "")
            """, arguments: [path]).split(separator: " ").map(String.init)
        let min = Data(hexString: raw[0]), max = Data(hexString: raw[1])
        // The bounds are at most 64 bytes, cut at a character boundary, still below/above every value.
        #expect(min.count <= 64 && max.count <= 64, "\(raw)")
        #expect(String(data: min, encoding: .utf8) != nil)
        #expect([UInt8](min).lexicographicallyPrecedes(Array(values[0].utf8)) || [UInt8](min) == Array(values[0].utf8))
        for value in values {
            #expect(!Array(value.utf8).lexicographicallyPrecedes([UInt8](min)), "min above \(value)")
            #expect(!([UInt8](max)).lexicographicallyPrecedes(Array(value.utf8)), "max below \(value)")
        }
    }

    @Test(.interop) func dictionaryFallsBackToPlainWhenItOutgrowsItsLimit() throws {
        // 300 distinct strings, a 2 KB dictionary limit and 50-row pages: the first pages are
        // dictionary-encoded, the rest PLAIN, and the next row group starts a new dictionary.
        let values = (0..<1_200).map { "value number \($0 % 300)" }
        let column = TestColumn(field: Field("s", .string), column: Column(strings: values), expected: values.map { .string($0) })
        var options = ParquetWriterOptions()
        options.dictionaryPageSizeLimitBytes = 2_000
        options.dataPageMaxRows = 50
        options.rowGroupMaxRows = 600
        let results = try WriterInteropTests.roundTrip([WriterInteropTests.Case(name: "fallback", columns: [column], options: options)])
        for group in 0..<2 {
            let encodings = results["fallback"]?.columnChunk("s", rowGroup: group)?["encodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(encodings.contains("RLE_DICTIONARY") && encodings.contains("PLAIN"), "row group \(group): \(encodings)")
            #expect(results["fallback"]?.columnChunk("s", rowGroup: group)?["has_dictionary_page"]?.boolValue == true)
        }
    }

    @Test(.interop) func bloomFiltersAnswerProbes() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids = TestColumn(field: Field("id", .int64), column: Column((0..<2_000).map { Int64($0 * 3) }), expected: [])
        let names = TestColumn(field: Field("name", .string), column: Column(strings: (0..<2_000).map { "name-\($0)" }), expected: [])
        var options = ParquetWriterOptions()
        options.bloomFilterColumns = ["id", "name"]
        let path = try Self.write([ids, names], options: options, in: folder, name: "bloom")
        let result = try Interop.read(path, rows: false)
        #expect(result.columnChunk("id")?["bloom_filter_offset"]?.intValue != nil)
        let probes = try Interop.runPython("""
            import duckdb, sys
            def probe(col, v):
                return duckdb.sql("select bloom_filter_excludes from parquet_bloom_probe(?, ?, ?)", params=[sys.argv[1], col, v]).fetchall()[0][0]
            present = sum(probe("id", v) for v in range(0, 6000, 300)) + sum(probe("name", f"name-{v}") for v in range(0, 2000, 100))
            absent = sum(probe("id", v) for v in range(1, 6000, 3)) + sum(probe("name", f"other-{v}") for v in range(2000))
            print(present, absent)
            """, arguments: [path])
        let counts = probes.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 2)
        #expect(counts.first == 0, "a present value was excluded: \(probes)")
        #expect((counts.last ?? 0) > 3_800, "too few absent values excluded: \(probes)")  // of 4,000 at fpp 0.01
    }

    @Test(.interop) func pageChecksumsVerify() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = TestColumnFactory(rows: 500, nullEvery: 4, seed: 9).allLeafColumns()
        for version in [DataPageVersion.v1, .v2] {
            var options = ParquetWriterOptions()
            options.writePageChecksums = true
            options.dataPageVersion = version
            options.dataPageMaxRows = 100
            let path = try Self.write(columns, options: options, in: folder, name: "crc-v\(version.rawValue)")
            let output = try Interop.runPython("""
                import pyarrow.parquet as pq, sys
                t = pq.read_table(sys.argv[1], page_checksum_verification=True)
                print(t.num_rows)
                """, arguments: [path])
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "500")
            // Flip one byte inside the first data page: verification must now fail.
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[200] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: (any Error).self) {
                try Interop.runPython("import pyarrow.parquet as pq, sys; pq.read_table(sys.argv[1], page_checksum_verification=True)", arguments: [path])
            }
        }
    }

    @Test(.interop) func footerCarriesCreatedByAndKeyValues() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = ParquetWriterOptions()
        options.keyValueMetadata = [(key: "source", value: "unit test"), (key: "ünï", value: "ç")]
        let path = try Self.write([TestColumnFactory(rows: 10, nullEvery: 0, seed: 1).boolean()], options: options, in: folder, name: "kv")
        let result = try Interop.read(path, rows: false)
        #expect(result.metadata["created_by"]?.stringValue == "tarn version \(tarnVersion)")
        #expect(result.keyValueMetadata["source"] == "unit test")
        #expect(result.keyValueMetadata["ünï"] == "ç")
        // Our own footer reader agrees.
        let footer = try ParquetFooter.read(path: path)
        #expect(footer.numRows == 10)
        #expect(footer.createdBy == "tarn version \(tarnVersion)")
    }

    // MARK: Bad input

    @Test func batchWithAnotherSchemaIsRejectedAndChangesNothing() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([Field("a", .int64)]))
        let other = try ColumnBatch(schema: Schema([Field("a", .int32)]), columns: [Column([Int32(1)])])
        do {
            try writer.write(other)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidInput)
            #expect(error.description.contains("does not match"))
            #expect(error.path == path)
        }
        // The rejected batch changed nothing: the writer goes on and the file holds only good rows.
        try writer.write(try ColumnBatch(schema: writer.schema, columns: [Column([Int64(7)])]))
        try writer.close()
        #expect(try ParquetFooter.read(path: path).numRows == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.parquet"])
    }

    @Test func invalidValuesAreErrorsNamingTheColumn() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.parquet").path
        // A file already at the path survives a failed write unchanged.
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))

        let cases: [(Field, Column, String)] = [
            (Field("text", .string), Column(binary: [Array("ok".utf8), [0x61, 0xC3, 0x28]]), "not valid UTF-8"),
            (Field("price", .decimal(precision: 4, scale: 2)), Column([Int32(9_999), 10_000]), "does not fit decimal(4,2)"),
            (Field("wide", .decimal(precision: 20, scale: 0)), Column([power(10, 20)]), "more than 20 digits"),
            (Field("small", .int8), Column([Int32(1), 300]), "does not fit int8"),
        ]
        for (field, column, message) in cases {
            let writer = try ParquetWriter(path: path, schema: Schema([field]))
            do {
                try writer.write(try ColumnBatch(schema: Schema([field]), columns: [column]))
                try writer.close()
                Issue.record("\(field.name): expected an error")
            } catch let error as ParquetError {
                #expect(error.column == field.name)
                #expect(error.description.contains(message), "\(error)")
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.parquet"])
    }

    @Test func abortAndDroppedWritersLeaveNothing() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = Schema([Field("a", .int64)])
        let batch = try ColumnBatch(schema: schema, columns: [Column([Int64(1), 2])])
        do {
            let writer = try ParquetWriter(path: folder.appendingPathComponent("aborted.parquet").path, schema: schema)
            try writer.write(batch)
            writer.abort()
        }
        do {
            let writer = try ParquetWriter(path: folder.appendingPathComponent("dropped.parquet").path, schema: schema)
            try writer.write(batch)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(throws: ParquetError.self) {
            try ParquetWriter(path: "/nonexistent-folder/x.parquet", schema: schema)
        }
    }

    @Test func unsupportedEncodingForTypeIsAnError() {
        var options = ParquetWriterOptions()
        options.columnEncodings = ["name": .deltaBinaryPacked]
        #expect(throws: ParquetError.self) {
            try ParquetWriter(path: "/tmp/never.parquet", schema: Schema([Field("name", .string)]), options: options)
        }
    }
}

private func power(_ base: Int128, _ exponent: Int) -> Int128 {
    (0..<exponent).reduce(1) { value, _ in value * base }
}

extension Data {
    init(hexString: String) {
        var bytes: [UInt8] = []
        var index = hexString.startIndex
        while let next = hexString.index(index, offsetBy: 2, limitedBy: hexString.endIndex), index != next {
            bytes.append(UInt8(hexString[index..<next], radix: 16) ?? 0)
            index = next
        }
        self.init(bytes)
    }
}
