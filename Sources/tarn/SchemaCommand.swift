// `tarn schema FILE...`: the schema Tarn infers for raw files.
import Foundation
import TarnCore
import TarnIngest
import TarnParquet

struct SchemaCommand: Command {
    static let name = "schema"
    static let summary = "show the schema inferred for raw CSV / JSON files"
    static let usage = """
        usage: tarn schema FILE... [--json] [--explain] [options]

        Sniffs each file's format and dialect and infers its column types from a sample
        (or, with --sample-bytes 0, from every record). For a Parquet file, the schema in
        its footer.

        options:
          --explain            say why each column got its type
          --json               print JSON (the shape `tarn convert --schema` reads)
        \(RawInputOptions.help)
          -h, --help           show this help

        """

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = Arguments(arguments)
        if args.flag("-h", "--help") { print(usage, terminator: ""); return 0 }
        let options = try RawInputOptions.parse(&args)
        let explain = args.flag("--explain")
        let asJSON = args.flag("--json")
        try args.finish()
        guard !args.positional.isEmpty else { throw UsageError("missing FILE") }

        var documents: [[String: Any]] = []
        var text = ""
        for path in args.positional {
            if try HeadCommand.isParquet(path) {
                // A Parquet file's schema is in its footer (Tarn's own types from `tarn.schema`).
                let reader = try ParquetFileReader(path: path)
                let schema = TarnSchemaMetadata.schema(in: reader.metadata, matching: reader.schema) ?? reader.schema
                documents.append(["path": path, "format": "parquet", "recordCount": reader.rowCount,
                                  "columns": SchemaDocument.columns(schema, explanations: nil)])
                text += "\(path): parquet; \(reader.rowCount) rows, \(reader.rowGroupCount) row groups (types from the footer)\n"
                let width = schema.fields.map(\.name.count).max() ?? 0
                for field in schema.fields {
                    text += "  " + field.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + field.type.description + "\n"
                }
                continue
            }
            let table = try RawTable(path: path, options: options)
            let inferred = try table.inferSchema()
            var document: [String: Any] = [
                "path": path, "format": table.format.rawValue, "compression": table.input.compression.rawValue,
                "recordsSampled": inferred.recordsSampled, "wholeInput": inferred.wholeInput,
                "columns": SchemaDocument.columns(inferred.schema, explanations: explain ? inferred.explanations : nil),
            ]
            var header = "\(path): \(table.format.rawValue)"
            if table.input.compression != .none { header += ", \(table.input.compression.rawValue)" }
            switch table.layout {
            case .csv(let layout):
                document["dialect"] = dialectDocument(layout.dialect)
                header += " (\(layout.dialect))"
            case .json(let layout):
                document["layout"] = layout.rawValue
                header += " (\(layout.displayName))"
            }
            documents.append(document)
            header += "; \(inferred.recordsSampled) records \(inferred.wholeInput ? "read" : "sampled")"
            text += header + "\n"
            let width = inferred.schema.fields.map(\.name.count).max() ?? 0
            let typeWidth = inferred.schema.fields.map(\.type.description.count).max() ?? 0
            for field in inferred.schema.fields {
                var line = "  " + field.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + field.type.description
                if explain, let reason = inferred.explanations.first(where: { $0.column == field.name })?.reason {
                    line = line.padding(toLength: width + typeWidth + 6, withPad: " ", startingAt: 0) + reason
                }
                text += line + "\n"
            }
            if explain {
                for nested in inferred.explanations where !inferred.schema.fields.contains(where: { $0.name == nested.column }) {
                    text += "    \(nested.column): \(nested.type) — \(nested.reason)\n"
                }
            }
        }
        if asJSON {
            let data = try JSONSerialization.data(withJSONObject: ["files": documents], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text, terminator: "")
        }
        return 0
    }

    static func dialectDocument(_ dialect: CSVDialect) -> [String: Any] {
        var document: [String: Any] = [
            "delimiter": String(UnicodeScalar(dialect.delimiter)),
            "escape": dialect.escape == .doubledQuote ? "\"" : "\\",
            "header": dialect.hasHeader, "skip": dialect.skipRows, "bom": dialect.hasBOM,
        ]
        document["quote"] = dialect.quote.map { String(UnicodeScalar($0)) } ?? NSNull()
        if let ending = dialect.lineEnding { document["lineEnding"] = "\(ending)".uppercased() }
        return document
    }
}
