import Foundation
import TarnCore
@testable import TarnIngest
import Testing

/// Renders row `row` of `column` (of type `type`) as text: `null`, `1`, `"text"`, `[1, 2]`,
/// `{a: 1, b: null}`; json values as their raw text; decimals unscaled; temporal values as
/// their stored integers.
func render(_ column: Column, _ type: DataType, _ row: Int) -> String {
    if column.isNull(row) { return "null" }
    switch (column.values, type) {
    case (.boolean(let bits), _): return bits[row] ? "true" : "false"
    case (.int32(let v), _): return String(v[row])
    case (.int64(let v), _): return String(v[row])
    case (.int128(let v), _): return String(v[row])
    case (.float32(let v), _): return String(v[row])
    case (.float64(let v), _): return String(v[row])
    case (.bytes(let offsets, let data), .json):
        return String(decoding: data[Int(offsets[row]) ..< Int(offsets[row + 1])], as: UTF8.self)
    case (.bytes(let offsets, let data), _):
        return "\"" + String(decoding: data[Int(offsets[row]) ..< Int(offsets[row + 1])], as: UTF8.self) + "\""
    case (.fixedBytes(let width, let data), _):
        return data[row * width ..< (row + 1) * width].map { String(format: "%02x", $0) }.joined()
    case (.list(let offsets, let element), .list(let field)):
        let items = (Int(offsets[row]) ..< Int(offsets[row + 1])).map { render(element, field.type, $0) }
        return "[" + items.joined(separator: ", ") + "]"
    case (.structure(let children), .structure(let fields)):
        let items = zip(children, fields).map { "\($1.name): \(render($0, $1.type, row))" }
        return "{" + items.joined(separator: ", ") + "}"
    case (.map(let offsets, let keys, let values), .map(let keyField, let valueField)):
        let items = (Int(offsets[row]) ..< Int(offsets[row + 1])).map {
            "\(render(keys, keyField.type, $0)): \(render(values, valueField.type, $0))"
        }
        return "map{" + items.joined(separator: ", ") + "}"
    default:
        return "?"
    }
}

/// Every row of a batch rendered as `{col: value, …}`.
func rows(_ batch: ColumnBatch) -> [String] {
    (0 ..< batch.rowCount).map { row in
        "{" + zip(batch.columns, batch.schema.fields).map { "\($1.name): \(render($0, $1.type, row))" }.joined(separator: ", ") + "}"
    }
}

/// The schema inferred from all of `text`.
func inferJSON(_ text: String, sampleBytes: Int? = nil, capacity: Int = 1 << 20) throws -> InferredSchema {
    try JSONTableReader.inferSchemaAndLayout(source: MemoryByteSource(Array(text.utf8)), sampleBytes: sampleBytes,
                                             fileName: "t.json", bufferCapacity: capacity).schema
}

/// Reads `text` with `schema` (inferred from all of it when nil); the rows of every batch
/// and the number of batches.
func readJSON(_ text: String, schema: Schema? = nil, batchBytes: Int = 1 << 20, capacity: Int? = nil,
              badRecords: BadRecordLog? = nil, layout: JSONLayout? = nil) throws -> (rows: [String], batches: Int, reader: JSONTableReader) {
    let schema = try schema ?? inferJSON(text).schema
    let options = ReadOptions(fileName: "t.json", batchBytes: batchBytes, badRecords: badRecords)
    let reader = try JSONTableReader(source: MemoryByteSource(Array(text.utf8)), schema: schema, options: options,
                                     layout: layout, bufferCapacity: capacity)
    var out: [String] = []
    var batches = 0
    while let batch = try reader.next() {
        #expect(batch.schema == schema)
        out += rows(batch)
        batches += 1
    }
    return (out, batches, reader)
}

/// A column's type names, in order, for schema assertions.
func describe(_ schema: Schema) -> String {
    schema.fields.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
}
