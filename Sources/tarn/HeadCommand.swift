// `tarn head FILE [-n N]`: the first rows of a CSV, JSON or Parquet file, typed.
import Foundation
import TarnCore
import TarnIngest
import TarnParquet

struct HeadCommand: Command {
    static let name = "head"
    static let summary = "preview the first rows of a CSV, JSON or Parquet file"
    static let usage = """
        usage: tarn head FILE [-n N] [options]

        Prints the first N rows (default 10) as a table with each column's type, as Tarn
        would convert them (raw files) or as stored (Parquet).

        options:
          -n N                 rows to show (default 10)
          --width N            widest table to print, in characters (default 120)
        \(RawInputOptions.help)
          -h, --help           show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let rows = try args.integer("-n") ?? args.integer("--rows") ?? 10
        let width = try args.integer("--width") ?? 120
        var options = try RawInputOptions.parse(&args)
        try args.finish()
        guard args.positional.count == 1 else { throw UsageError("expected one FILE") }
        let path = args.positional[0]
        guard FileManager.default.fileExists(atPath: path) else { throw IngestError(.io, "no such file", location: SourceLocation(file: path)) }

        let batch: ColumnBatch
        if try isParquet(path) {
            batch = try ParquetFileReader(path: path).readRows(limit: rows)
        } else {
            // A first batch inside the head sample, so every value fits the sampled types.
            let sample = options.sampleBytes ?? (1 << 20)
            options.sampleBytes = sample
            let table = try RawTable(path: path, options: options)
            let schema = try table.inferSchema().schema
            var reader = try table.reader(schema: schema, typesAreInferred: true,
                                          options: ReadOptions(batchBytes: max(sample / 4, 4096), threads: 1))
            batch = try reader.next() ?? ColumnBatch(schema: schema, columns: schema.fields.map { emptyColumn($0.type) })
        }
        print(batch.formatTable(maxRows: rows, maxWidth: width), terminator: "")
        return 0
    }

    /// Parquet files start and end with `PAR1`.
    static func isParquet(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return try handle.read(upToCount: 4) == Data("PAR1".utf8)
    }

    /// A column of no rows for a leaf type (an input with a header and no records).
    static func emptyColumn(_ type: DataType) -> Column {
        var builder = TextColumnBuilder(type: type.isNested ? .string : type)
        return builder.finish()
    }
}
