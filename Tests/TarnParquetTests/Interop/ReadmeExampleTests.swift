import Foundation
import Testing
import TarnTestSupport
import TarnCore
import TarnParquet

/// The library example of README.md, kept compiling and correct.
@Suite struct ReadmeExampleTests {
    @Test(.interop) func readmeExampleWritesWhatItSays() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("items.parquet").path

        let schema = Schema([
            Field("id", .int64, nullable: false),
            Field("name", .string),
            Field("price", .decimal(precision: 10, scale: 2)),
            Field("tags", .list(Field("element", .string))),
        ])

        var ids = FixedWidthColumnBuilder<Int64>()
        var names = BytesColumnBuilder()
        var prices = FixedWidthColumnBuilder<Int64>()       // unscaled: 1250 is 12.50
        var tags = ListColumnBuilder(), tagValues = BytesColumnBuilder()
        for i in 0..<1_000 {
            ids.append(Int64(i))
            if i % 10 == 0 { names.appendNull() } else { names.append("item \(i)") }
            prices.append(Int64(i * 125))
            tagValues.append("new"); tagValues.append("sale"); tags.appendList(length: 2)
        }
        let batch = try ColumnBatch(schema: schema, columns: [
            ids.finish(), names.finish(), prices.finish(), tags.finish(element: tagValues.finish()),
        ])

        var options = ParquetWriterOptions()      // snappy, dictionary, v1 pages, page index
        options.compression = .zstd(level: 3)
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(batch)                   // as many batches as you like
        try writer.close()                        // footer written; the file appears now

        let result = try Interop.read(path)
        for output in [result.pyarrow, result.duckdb] {
            try output.requireSuccess()
            #expect(output.numRows == 1_000)
            #expect(output.rows[11] == [11, "item 11", "13.75", ["new", "sale"]])
            #expect(output.rows[10][1] == nil)
        }
        #expect(result.columnChunk("id")?["compression"] == "ZSTD")
    }
}
