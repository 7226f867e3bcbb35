// `tarn convert INPUT OUTPUT`: raw CSV / JSON to typed Parquet.
import Foundation
import TarnCore
import TarnIngest
import TarnParquet
import TarnWorkflow

struct ConvertCommand: Command {
    static let name = "convert"
    static let summary = "convert raw CSV / JSON files to typed Parquet"
    static let usage = """
        usage: tarn convert INPUT OUTPUT [options]

        Converts a CSV / TSV / JSON lines / JSON file (optionally .gz or .zst) to a Parquet
        file, or every such file under a folder to Parquet files under OUTPUT, keeping
        their relative paths. Types are inferred from a sample and widened when a later
        value needs it; nothing is dropped silently.

        options:
          --compression C      snappy (default), zstd, zstd:LEVEL, gzip, none
          --schema FILE.json   use this schema (the shape `tarn schema --json` prints)
                               instead of inferring; values that do not fit are bad records
          --row-group-size N   row group size in bytes (default 32MB; 128MB, 1GB, … accepted)
          --bad-records PATH   write rejected records there (JSON lines) and go on
          --max-bad-records N  with --bad-records, fail after more than N rejected records
          --threads N          threads for parsing and encoding (default 2)
          --batch-size N       raw bytes parsed per batch and thread (default 1MB)
          --uuid-logical-type  store UUID columns as 16 bytes with the UUID annotation
                               (smaller; DuckDB, pyarrow, polars and Trino read it, Spark
                               does not) instead of their 36-character text
          --json               print the run's metrics as JSON
        \(RawInputOptions.help)
          -h, --help           show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        var options = ConvertOptions()
        options.input = try RawInputOptions.parse(&args)
        if let codec = try args.value("--compression") {
            do { options.writer.compression = try Compression(parsing: codec) } catch { throw UsageError("\(error)") }
        }
        if let path = try args.value("--schema") { options.schema = try SchemaDocument.load(path: path) }
        if let size = try args.byteCount("--row-group-size") { options.writer.rowGroupSizeBytes = size }
        if let size = try args.byteCount("--batch-size") { options.batchBytes = size }
        options.badRecordsPath = try args.value("--bad-records")
        options.maxBadRecords = try args.integer("--max-bad-records")
        if options.maxBadRecords != nil && options.badRecordsPath == nil { throw UsageError("--max-bad-records needs --bad-records") }
        if let threads = try args.integer("--threads") {
            guard threads >= 1 else { throw UsageError("--threads needs at least 1") }
            options.threads = threads
        }
        if args.flag("--uuid-logical-type") { options.writer.uuidLogicalType = true }
        let asJSON = args.flag("--json")
        try args.finish()
        guard args.positional.count == 2 else { throw UsageError("expected INPUT and OUTPUT") }

        let metrics = try FileConverter.convert(input: args.positional[0], output: args.positional[1], options: options)
        if asJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            var object = try JSONSerialization.jsonObject(with: encoder.encode(metrics)) as! [String: Any]
            object["megabytesPerSecond"] = (metrics.megabytesPerSecond * 10).rounded() / 10
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        } else {
            let mb = Double(metrics.bytesIn) / 1e6
            print("converted \(metrics.files) file\(metrics.files == 1 ? "" : "s"): \(metrics.rowsWritten) rows written, \(metrics.rowsRejected) rejected")
            print(String(format: "%.1f MB in, %.1f MB out, %.2f s, %.0f MB/s", mb, Double(metrics.bytesOut) / 1e6, metrics.seconds, metrics.megabytesPerSecond))
            for column in metrics.widenedColumns { print("widened after a full pass: \(column)") }
            for skipped in metrics.skipped { print("skipped \(skipped)") }
            if metrics.rowsRejected > 0, let path = options.badRecordsPath { print("rejected records are in \(path)") }
        }
        return 0
    }
}
