import Foundation
import Testing
import TarnCore
import TarnTestSupport
@testable import TarnParquet

/// The data reader over parquet-testing: every file pyarrow reads is read whole with the
/// counts of EXPECTED.tsv; every other file, and every file of `bad_data/` pyarrow rejects,
/// throws a `ParquetError` (never crashes).
@Suite("Reader corpus (parquet-testing)", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
struct ReaderCorpusTests {
    /// Readable by pyarrow, but compressed with a codec Tarn does not implement.
    static let unsupportedCodecs: Set<String> = [
        "data/hadoop_lz4_compressed.parquet", "data/hadoop_lz4_compressed_larger.parquet",
        "data/lz4_raw_compressed.parquet", "data/lz4_raw_compressed_larger.parquet",
        "data/non_hadoop_lz4_compressed.parquet",
    ]

    /// Reads every row group of `path`; returns the rows and the batches' column count.
    static func readAll(_ path: String) throws -> (rows: Int, columns: Int, batches: [ColumnBatch]) {
        let reader = try ParquetFileReader(path: path)
        var rows = 0
        var batches: [ColumnBatch] = []
        for group in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(group)
            #expect(batch.rowCount == Int(reader.metadata.rowGroups[group].numRows), "\(path) row group \(group)")
            rows += batch.rowCount
            batches.append(batch)
        }
        return (rows, reader.schema.count, batches)
    }

    @Test("every readable file: rows and columns match EXPECTED.tsv")
    func readableFiles() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let rows = try ExpectedFooter.load(from: folder)
        var read = 0
        for row in rows where row.pyarrowReads && !Self.unsupportedCodecs.contains(row.file) {
            let path = folder.appendingPathComponent(row.file).path
            do {
                let result = try Self.readAll(path)
                #expect(Int64(result.rows) == row.numRows, "\(row.file): \(result.rows) rows")
                #expect(result.columns == row.numColumns, "\(row.file): \(result.columns) columns")
                read += 1
            } catch {
                Issue.record("\(row.file): \(error)")
            }
        }
        #expect(read >= 55)
    }

    @Test("LZ4 files are refused as unsupported")
    func lz4() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        for file in Self.unsupportedCodecs.sorted() {
            let path = folder.appendingPathComponent(file).path
            let error = #expect(throws: ParquetError.self, "\(file)") { _ = try Self.readAll(path) }
            #expect(error?.kind == .unsupported, "\(file): \(String(describing: error))")
            #expect(error?.description.contains("LZ4") == true, "\(file): \(String(describing: error))")
        }
    }

    @Test("files pyarrow rejects throw a ParquetError")
    func rejectedFiles() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        for row in try ExpectedFooter.load(from: folder) where !row.pyarrowReads {
            let path = folder.appendingPathComponent(row.file).path
            #expect(throws: ParquetError.self, "\(row.file) should be rejected") { _ = try Self.readAll(path) }
        }
    }

    @Test("readRows(limit:) gives the first rows of readRowGroup")
    func previewMatchesFullRead() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        for file in ["data/alltypes_tiny_pages.parquet", "data/nested_lists.snappy.parquet", "data/sort_columns.parquet",
                     "data/floating_orders_nan_count.parquet", "data/repeated_no_annotation.parquet"] {
            let path = folder.appendingPathComponent(file).path
            let reader = try ParquetFileReader(path: path)
            let all = try Self.readAll(path).batches
            for limit in [0, 1, 2, 7, 100, 10_000] {
                let preview = try reader.readRows(limit: limit)
                #expect(preview.rowCount == Swift.min(limit, reader.rowCount), "\(file) limit \(limit)")
                var row = 0
                outer: for batch in all {
                    for r in 0..<batch.rowCount {
                        guard row < preview.rowCount else { break outer }
                        for c in 0..<batch.schema.count {
                            let type = batch.schema.fields[c].type
                            #expect(preview.columns[c].displayValue(at: row, type: type) == batch.columns[c].displayValue(at: r, type: type),
                                    "\(file) limit \(limit) row \(row) column \(c)")
                        }
                        row += 1
                    }
                }
            }
        }
    }
}

/// Every value of every corpus file pyarrow reads, as text, against pyarrow's values
/// printed the same way by `Tests/interop/display_values.py`.
@Suite("Reader corpus values against pyarrow", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
struct ReaderCorpusValueTests {
    @Test(.interop) func everyValueMatchesPyarrow() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let files = try ExpectedFooter.load(from: folder)
            .filter { $0.pyarrowReads && !ReaderCorpusTests.unsupportedCodecs.contains($0.file) }
            .map { folder.appendingPathComponent($0.file).path }
        let script = Interop.packageRoot.appendingPathComponent("Tests/interop/display_values.py").path
        let output = try Interop.runPython("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                                           arguments: [script] + files)
        let document = try JSONValue.parse(Data(output.utf8))
        var compared = 0
        for path in files {
            guard let expected = document[path]?.arrayValue else {
                Issue.record("\(path): pyarrow gave \(document[path] ?? .null)")
                continue
            }
            let batches = try ReaderCorpusTests.readAll(path).batches
            #expect(expected.count == batches.first?.schema.count ?? expected.count, "\(path)")
            for (c, column) in expected.enumerated() {
                let texts = column.arrayValue?.compactMap(\.stringValue) ?? []
                var row = 0
                var mismatches: [String] = []
                for batch in batches where c < batch.schema.count {
                    for r in 0..<batch.rowCount {
                        let ours = batch.columns[c].displayValue(at: r, type: batch.schema.fields[c].type)
                        if row >= texts.count || texts[row] != ours {
                            mismatches.append("row \(row): ours \(ours), pyarrow \(row < texts.count ? texts[row] : "-")")
                        }
                        row += 1
                    }
                }
                #expect(row == texts.count, "\(path) column \(c): \(row) rows, pyarrow \(texts.count)")
                if let first = mismatches.first {
                    Issue.record("\(path) column \(c): \(mismatches.count) values differ; first \(first)")
                }
                compared += row
            }
        }
        #expect(compared > 100_000)
    }
}

/// Values and types of a few corpus files, checked once with pyarrow 26 and written down,
/// so they hold without Python too.
@Suite("Reader corpus spot values", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
struct ReaderCorpusSpotTests {
    static func firstRows(_ file: String, _ limit: Int = 3) throws -> ColumnBatch? {
        guard let folder = Corpora.folder("parquet-testing") else { return nil }
        return try ParquetFileReader(path: folder.appendingPathComponent(file).path).readRows(limit: limit)
    }

    static func texts(_ batch: ColumnBatch, column: Int) -> [String] {
        (0..<batch.rowCount).map { batch.columns[column].displayValue(at: $0, type: batch.schema.fields[column].type) }
    }

    @Test func legacyListsAndMaps() throws {
        // Two-level list named `array` inside a LIST group (rule 3), required all the way.
        guard let old = try Self.firstRows("data/old_list_structure.parquet") else { return }
        #expect(old.schema.fields[0] == Field("a", .list(Field("element", .list(Field("element", .int32, nullable: false)), nullable: false)), nullable: false))
        #expect(Self.texts(old, column: 0) == ["[[1, 2], [3, 4]]"])

        // A repeated group with no annotation: a required list of required structs.
        guard let phones = try Self.firstRows("data/repeated_no_annotation.parquet") else { return }
        #expect(phones.schema.fields[1].type == .structure([Field("phone", .list(Field("element", .structure([
            Field("number", .int64, nullable: false), Field("kind", .string)]), nullable: false)), nullable: false)]))
        #expect(Self.texts(phones, column: 1) == ["NULL", "NULL", "{phone: []}"])

        // A MAP whose entries have no value reads as a list of its keys.
        guard let maps = try Self.firstRows("data/map_no_value.parquet") else { return }
        #expect(Self.texts(maps, column: 0) == ["{1: null, 2: null, 3: null}", "{4: null, 5: null, 6: null}", "{7: null, 8: null, 9: null}"])
        #expect(Self.texts(maps, column: 1) == ["[1, 2, 3]", "[4, 5, 6]", "[7, 8, 9]"])

        guard let impala = try Self.firstRows("data/nonnullable.impala.parquet") else { return }
        #expect(Self.texts(impala, column: 4) == ["[{}, {k1: 1}, {}, {}]"])
        #expect(Self.texts(impala, column: 5) == ["{a: -1, B: [-1], c: {D: [[{e: -1, f: nonnullable}]]}, G: {}}"])
    }

    @Test func legacyAndAnnotatedScalars() throws {
        guard let int96 = try Self.firstRows("data/int96_from_spark.parquet", 6) else { return }
        #expect(int96.schema.fields[0].type == .timestamp(.nanoseconds, utc: false))
        #expect(Self.texts(int96, column: 0) == ["2024-01-01 20:34:56.123456000", "2024-01-01 01:00:00", "1816-03-29 08:56:08.066277376",
                                                 "2024-12-30 23:00:00", "NULL", "2147-08-27 00:35:19.850745856"])
        guard let half = try Self.firstRows("data/float16_nonzeros_and_nans.parquet", 8) else { return }
        #expect(Self.texts(half, column: 0) == ["NULL", "1.0", "-2.0", "nan", "0.0", "-1.0", "-0.0", "2.0"])
        for file in ["data/byte_array_decimal.parquet", "data/fixed_length_decimal_legacy.parquet", "data/int32_decimal.parquet", "data/int64_decimal.parquet"] {
            guard let decimals = try Self.firstRows(file) else { return }
            #expect(Self.texts(decimals, column: 0) == ["1.00", "2.00", "3.00"], "\(file)")
        }
        guard let plain = try Self.firstRows("data/alltypes_plain.parquet") else { return }
        #expect(Self.texts(plain, column: 6) == ["0.0", "1.1", "0.0"])
        #expect(Self.texts(plain, column: 10) == ["2009-03-01 00:00:00", "2009-03-01 00:01:00", "2009-04-01 00:00:00"])
        guard let delta = try Self.firstRows("data/delta_byte_array.parquet") else { return }
        #expect(Self.texts(delta, column: 7) == ["Mark.Bailey@rg9qCNVJ0s7qeY.com", "Lisa.Clark@goPYS4tMB0.org", "Evelyn.Joyner@ialYx1zLN.edu"])
    }

    @Test func corruptFilesSayWhy() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let cases: [(String, String)] = [
            ("bad_data/ARROW-GH-41317.parquet", "has 0 records where the row group has 3 rows"),
            ("bad_data/ARROW-GH-41321.parquet", "unexpected end of data"),
            ("bad_data/ARROW-GH-45185.parquet", "must start with repetition level 0"),
            ("bad_data/ARROW-RS-GH-6229-LEVELS.parquet", "more than the 1 left"),
        ]
        for (file, words) in cases {
            let error = #expect(throws: ParquetError.self) { _ = try ReaderCorpusTests.readAll(folder.appendingPathComponent(file).path) }
            #expect(error?.kind == .malformed, "\(file): \(String(describing: error))")
            #expect(error?.description.contains(words) == true, "\(file): \(String(describing: error))")
        }
    }
}
