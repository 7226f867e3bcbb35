import Foundation
import TarnTestSupport
import TarnCore
@testable import TarnIngest

/// The project's `Fixtures/` folder.
let fixturesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ path: String) -> String { fixturesFolder.appendingPathComponent(path).path }

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-ingest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "input.csv") throws -> String {
    try temporaryBytes(Array(text.utf8), name: name)
}

func temporaryBytes(_ bytes: [UInt8], name: String) throws -> String {
    let url = try temporaryFolder().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// Runs a command-line tool (gzip, zstd) and fails the test when it fails.
func runTool(_ tool: String, _ arguments: [String]) throws {
    let (status, _, errors) = try Interop.launch("/usr/bin/env", [tool] + arguments)
    guard status == 0 else { throw IngestError(.io, "\(tool) \(arguments) failed: \(String(decoding: errors, as: UTF8.self))") }
}

/// A whole table read through `RawTable`: schema and every row as display strings.
struct ReadTable {
    var schema: Schema
    var rows: [[String?]]
    var recordsRead: Int
    var batches: Int

    var names: [String] { schema.fields.map(\.name) }
    var types: [DataType] { schema.fields.map(\.type) }
    func column(_ name: String) -> [String?] {
        let k = schema.index(of: name)!
        return rows.map { $0[k] }
    }
}

func readTable(_ path: String, options: RawTableOptions = RawTableOptions(), schema: Schema? = nil,
               read: ReadOptions = ReadOptions()) throws -> ReadTable {
    let table = try RawTable(path: path, options: options)
    let schema = try schema ?? table.inferSchema().schema
    var reader = try table.reader(schema: schema, typesAreInferred: true, options: read)
    var rows: [[String?]] = []
    var batches = 0
    while let batch = try reader.next() {
        batches += 1
        for r in 0..<batch.rowCount {
            rows.append(zip(batch.columns, batch.schema.fields).map { cellText($0.0, $0.1.type, r) })
        }
    }
    return ReadTable(schema: schema, rows: rows, recordsRead: reader.recordsRead, batches: batches)
}

/// A leaf value as plain text (nil for null): integers, decimals with their scale, doubles
/// as Swift prints them, dates as days, timestamps and times as microseconds, UUIDs as hex.
func cellText(_ column: Column, _ type: DataType, _ row: Int) -> String? {
    if column.isNull(row) { return nil }
    switch (column.values, type) {
    case (.boolean(let bits), _): return String(bits[row])
    case (.int32(let v), .decimal(_, let scale)): return decimalText(Int128(v[row]), scale: scale)
    case (.int64(let v), .decimal(_, let scale)): return decimalText(Int128(v[row]), scale: scale)
    case (.int128(let v), .decimal(_, let scale)): return decimalText(v[row], scale: scale)
    case (.int32(let v), _): return String(v[row])
    case (.int64(let v), _): return String(v[row])
    case (.float64(let v), _): return String(v[row])
    case (.bytes(let offsets, let data), _): return String(decoding: data[Int(offsets[row])..<Int(offsets[row + 1])], as: UTF8.self)
    case (.fixedBytes(let width, let data), _):
        return data[(row * width)..<((row + 1) * width)].map { String(format: "%02x", $0) }.joined()
    default: return "?"
    }
}

func decimalText(_ unscaled: Int128, scale: Int) -> String {
    guard scale > 0 else { return String(unscaled) }
    var digits = String(unscaled.magnitude)
    while digits.count <= scale { digits = "0" + digits }
    digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
    return (unscaled < 0 ? "-" : "") + digits
}
