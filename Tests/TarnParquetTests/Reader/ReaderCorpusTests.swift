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
