import Foundation
import Testing
import TarnCore
import TarnTestSupport
@testable import TarnIngest

/// The W3C CSV on the Web test subset, driven by `tests/manifest-subset.jsonld`: each CSV is
/// read through `RawTable` with the entry's dialect (from its metadata, or `header=absent`)
/// and every cell compared with the expected JSON. Entries that need features Tarn does not
/// have (CSVW's own number, boolean and duration patterns, cell trimming, comment lines,
/// skipped columns) are listed in `knownSkips` with the reason, and the test fails if one
/// of them starts to be covered or a new one appears.
@Suite("W3C CSVW corpus")
struct CSVWTests {
    static let corpus = "csv/w3c-csvw"

    /// Entry id → why Tarn does not reproduce it.
    static let knownSkips: [String: String] = [
        "test003": "CSVW keeps surrounding spaces only without trim; the expected output trims (Tarn never trims)",
        "test020": "dialect trim=start: Tarn does not trim cells",
        "test021": "dialect trim=end: Tarn does not trim cells",
        "test022": "dialect trim=true: Tarn does not trim cells",
        "test051": "dialect commentPrefix: Tarn has no comment lines",
        "test052": "dialect commentPrefix: Tarn has no comment lines",
        "test054": "dialect skipColumns: Tarn reads every column",
        "test023": "user metadata with skipColumns: Tarn reads every column",
        "test056": "dialect skipInitialSpace: Tarn does not trim cells",
        "test057": "dialect given by URL reference",
        "test058": "table-group dialects",
        "test008": "CSVW separator microsyntax (a cell holding a list)",
        "test055": "dialect skipBlankRows drops rows of empty cells (`,,,,`); Tarn keeps them as rows of nulls and skips only empty lines",
        "test262": "CSVW strips spaces around typed values even with trim=false; Tarn reads ' 10/18/2010 ' as text, not a date",
        "test009": "CSVW formatted time microsyntax",
    ]

    struct Entry {
        var id: String
        var type: String
        var csv: URL
        var expected: URL?
        var metadata: [String: Any]?
        var headerAbsent: Bool
    }

    static func entries(_ folder: URL) throws -> [Entry] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest-subset.jsonld"))) as! [String: Any]
        return try (manifest["entries"] as! [[String: Any]]).map { raw in
            let id = (raw["id"] as! String).components(separatedBy: "#").last!
            let action = raw["action"] as! String
            let option = raw["option"] as? [String: Any] ?? [:]
            var metadata: [String: Any]?
            var csvName = action
            if action.hasSuffix("-metadata.json") {
                metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(action))) as? [String: Any]
                csvName = metadata?["url"] as? String ?? ((metadata?["tables"] as? [[String: Any]])?.first?["url"] as? String ?? "")
            } else if let user = option["metadata"] as? String {
                metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(user))) as? [String: Any]
            }
            return Entry(id: id, type: raw["type"] as! String, csv: folder.appendingPathComponent(csvName),
                         expected: (raw["result"] as? String).map { folder.appendingPathComponent($0) },
                         metadata: metadata, headerAbsent: (raw["contentType"] as? String ?? "").contains("header=absent"))
        }
    }

    /// Why Tarn cannot reproduce an entry's metadata, or nil.
    static func unsupported(_ metadata: [String: Any]?) -> String? {
        guard let metadata else { return nil }
        let dialect = metadata["dialect"] as? [String: Any] ?? [:]
        let known = ["delimiter", "header", "headerRowCount", "skipRows", "skipBlankRows", "trim", "quoteChar", "doubleQuote", "encoding", "lineTerminators"]
        for key in dialect.keys where !known.contains(key) && !key.hasPrefix("@") {
            return "dialect \(key)"
        }
        if let trim = dialect["trim"], "\(trim)" != "0", "\(trim)" != "false" { return "dialect trim" }
        for column in columns(metadata) {
            switch column["datatype"] {
            case nil, "string" as String: continue
            case let datatype as [String: Any] where datatype["base"] as? String == "date"
                && (datatype["format"] as? String)?.allSatisfy({ "yMd/.- ".contains($0) }) == true: continue
            default: return "CSVW datatype \(column["datatype"]!)"
            }
        }
        return nil
    }

    static func columns(_ metadata: [String: Any]?) -> [[String: Any]] {
        let schema = metadata?["tableSchema"] as? [String: Any] ?? ((metadata?["tables"] as? [[String: Any]])?.first?["tableSchema"] as? [String: Any])
        return schema?["columns"] as? [[String: Any]] ?? []
    }

    /// CSVW date patterns (`M/d/yyyy`, `dd.MM.yyyy`) as Tarn's strptime-style layouts.
    static func temporalFormat(_ pattern: String) throws -> TemporalFormat {
        var out = ""
        var rest = Substring(pattern)
        let codes: [(String, String)] = [("yyyy", "%Y"), ("yy", "%y"), ("MM", "%m"), ("M", "%m"), ("dd", "%d"), ("d", "%d")]
        outer: while !rest.isEmpty {
            for (code, replacement) in codes where rest.hasPrefix(code) {
                out += replacement
                rest = rest.dropFirst(code.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        return try TemporalFormat(out)
    }

    @Test(.enabled(if: Corpora.isAvailable(corpus), Corpora.skipNote(corpus)))
    func manifestEntries() throws {
        guard let root = Corpora.folder(Self.corpus) else { return }
        let folder = root.appendingPathComponent("tests")
        var compared = 0
        var skipped: [String: String] = [:]
        for entry in try Self.entries(folder) {
            if let reason = Self.knownSkips[entry.id] { skipped[entry.id] = reason; continue }
            if let reason = Self.unsupported(entry.metadata) { skipped[entry.id] = reason; continue }
            let dialect = entry.metadata?["dialect"] as? [String: Any] ?? [:]
            var options = RawTableOptions(format: .csv, nullTokens: NullTokens([""]), sampleBytes: nil)
            options.csv.quote = .byte(UInt8(ascii: "\""))
            options.csv.escape = .doubledQuote
            options.csv.delimiter = (dialect["delimiter"] as? String)?.utf8.first ?? UInt8(ascii: ",")
            if let quote = dialect["quoteChar"] as? String { options.csv.quote = quote.isEmpty ? .unquoted : .byte(quote.utf8.first!) }
            if dialect["doubleQuote"] as? Bool == false { options.csv.escape = .backslash }
            // An explicit headerRowCount wins over `header` (test024 expects it so).
            let headerRows = dialect["headerRowCount"] as? Int ?? ((dialect["header"] as? Bool) == false ? 0 : 1)
            options.csv.hasHeader = !entry.headerAbsent && headerRows > 0
            options.csv.skipRows = dialect["skipRows"] as? Int ?? 0
            let raw = try RawTable(path: entry.csv.path, options: options)
            guard case .csv(let layout) = raw.layout else { Issue.record("\(entry.id): not read as CSV"); continue }
            if entry.type == "csvt:NegativeValidationTest" {
                // Ragged rows: an error naming the line, and with a log the run goes on.
                #expect(throws: IngestError.self, "\(entry.id)") { try readTable(entry.csv.path, options: options, schema: stringSchema(layout)) }
                compared += 1
                continue
            }
            let table = try readTable(entry.csv.path, options: options, schema: stringSchema(layout))
            let rows = Self.expectedRows(try JSONSerialization.jsonObject(with: Data(contentsOf: try #require(entry.expected))))
            let metaColumns = Self.columns(entry.metadata)
            let names = metaColumns.isEmpty
                ? table.names.enumerated().map { options.csv.hasHeader == true ? $0.element : "_col.\($0.offset + 1)" }
                : metaColumns.map { ($0["name"] ?? $0["titles"]) as? String ?? "" }
            #expect(table.rows.count == rows.count, "\(entry.id): \(table.rows.count) rows, expected \(rows.count)")
            if table.rows.count != rows.count { continue }
            for (r, (ours, theirs)) in zip(table.rows, rows).enumerated() {
                for (c, name) in names.enumerated() where c < ours.count {
                    var value = ours[c]
                    if let value0 = value, let datatype = metaColumns.indices.contains(c) ? metaColumns[c]["datatype"] as? [String: Any] : nil,
                       let pattern = datatype["format"] as? String {
                        let format = try Self.temporalFormat(pattern)
                        value = Array(value0.utf8).withUnsafeBytes { format.date($0) }.map { isoDate($0) } ?? value0
                    }
                    #expect(value == theirs[name] as? String, "\(entry.id) row \(r + 1) column \(name)")
                }
            }
            compared += 1
        }
        // Every skip is a listed one or an unsupported CSVW datatype; the count guards against
        // entries silently dropping out.
        #expect(compared >= 15, "only \(compared) entries compared; skipped: \(skipped)")
        for (id, reason) in skipped where Self.knownSkips[id] == nil {
            #expect(reason.hasPrefix("CSVW datatype"), "\(id) skipped: \(reason)")
        }
    }

    func stringSchema(_ layout: CSVLayout) -> Schema {
        Schema(layout.columnNames.map { Field($0, .string) })
    }

    func isoDate(_ days: Int32) -> String { ValueText.date(days: Int64(days)) }

    /// The rows of the standard output (`tables[0].row[].describes[0]`) or of the minimal
    /// output (a plain array of row objects).
    static func expectedRows(_ document: Any) -> [[String: Any]] {
        if let minimal = document as? [[String: Any]] { return minimal }
        if let tables = (document as? [String: Any])?["tables"] as? [[String: Any]], let rows = tables.first?["row"] as? [[String: Any]] {
            return rows.map { ($0["describes"] as? [[String: Any]])?.first ?? [:] }
        }
        return []
    }
}
