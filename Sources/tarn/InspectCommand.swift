// `tarn inspect FILE [--json]`: prints a Parquet file's footer.
import Foundation
import TarnParquet

struct InspectCommand: Command {
    static let name = "inspect"
    static let summary = "show a Parquet file's footer"
    static let usage = """
        usage: tarn inspect FILE [--json]

        Shows a Parquet file's footer: writer, row count, key-value metadata, schema,
        and per row group each column chunk's encodings, compression, sizes and statistics.

        options:
          --json      print a JSON document instead of text
          -h, --help  show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let asJSON = args.flag("--json")
        try args.finish()
        guard let path = args.positional.first else { throw UsageError("missing FILE") }
        guard args.positional.count == 1 else { throw UsageError("expected one FILE, got \(args.positional.count)") }
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("tarn: \(path): no such file\n".utf8))
            return 1
        }
        let description = FooterDescription(metadata: try ParquetFooter.read(path: path))
        print(asJSON ? description.json : description.text, terminator: asJSON ? "\n" : "")
        return 0
    }
}
