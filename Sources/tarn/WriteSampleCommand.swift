import Foundation
import TarnCore
import TarnParquet

/// `tarn write-sample TABLE.json OUTPUT.parquet`: writes a small JSON table document (the
/// demo's `Fixtures/demo/orders.json`) with Tarn's Parquet writer.
struct WriteSampleCommand: Command {
    static let name = "write-sample"
    static let summary = "write a JSON table document (schema + rows) to Parquet"

    static let help = """
        usage: tarn write-sample TABLE.json OUTPUT.parquet [--compression CODEC] [--page-version 1|2]

        Reads a document {"schema": [{"name", "type", "nullable"}], "rows": [[...]]} with
        types in Tarn's spelling (int64, decimal(12,2), timestamp[us, UTC], list<string>,
        struct<a: int32>, map<string, int64>) and writes it with Tarn's Parquet writer.

          --compression CODEC   snappy (default), zstd, zstd:LEVEL, gzip, none
          --page-version N      data page version, 1 (default) or 2
        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(help); return 0 }
        var options = ParquetWriterOptions()
        if let codec = try args.value("--compression") {
            do { options.compression = try Compression(parsing: codec) } catch { throw UsageError("\(error)") }
        }
        if let value = try args.value("--page-version") {
            guard let version = Int(value).flatMap(DataPageVersion.init) else { throw UsageError("--page-version needs 1 or 2") }
            options.dataPageVersion = version
        }
        try args.finish()
        let positional = args.positional
        guard positional.count == 2 else { throw UsageError("expected TABLE.json and OUTPUT.parquet") }
        let batch = try SampleTable.load(path: positional[0])
        let writer = try ParquetWriter(path: positional[1], schema: batch.schema, options: options)
        try writer.write(batch)
        try writer.close()
        print("wrote \(batch.rowCount) rows to \(positional[1])")
        return 0
    }
}
