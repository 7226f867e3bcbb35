// tarn-bench: times ParquetWriter on a table whose Arrow buffers Benchmarks/writer_bench.py
// dumped to a folder. Loading is not timed; each run writes the whole table to --out.
// With --repeat K the batch is written K times into one file, to show that memory stays
// bounded by the row group, not the file. Prints {"seconds", "rows", "peak_rss_bytes"}.
import Foundation
import TarnCore
import TarnParquet

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tarn-bench: \(message)\n".utf8))
    exit(1)
}

var dataFolder = "", outPath = "", codecName = "snappy", runs = 5, repeats = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--data": dataFolder = arguments.next() ?? ""
    case "--out": outPath = arguments.next() ?? ""
    case "--compression": codecName = arguments.next() ?? ""
    case "--runs": runs = Int(arguments.next() ?? "") ?? 0
    case "--repeat": repeats = Int(arguments.next() ?? "") ?? 0
    default: fail("unknown argument \(argument)")
    }
}
guard !dataFolder.isEmpty, !outPath.isEmpty, runs > 0, repeats > 0, let codec = try? Compression(parsing: codecName) else {
    fail("usage: tarn-bench --data FOLDER --out FILE [--compression CODEC] [--runs N] [--repeat K]")
}

func readFile(_ path: String?) -> [UInt8] {
    guard let path else { return [] }
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

/// Arrow buffers are little-endian arrays; reinterpret raw bytes as `count` values of T.
func values<T: BitwiseCopyable>(_ bytes: [UInt8], count: Int, as type: T.Type) -> [T] {
    precondition(bytes.count >= count * MemoryLayout<T>.stride)
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        bytes.withUnsafeBytes { raw in
            for i in 0..<count { buffer[i] = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self) }
        }
        initialized = count
    }
}

/// An Arrow bitmap (LSB first) as Tarn's Bitmap; bits past `count` are cleared.
func bitmap(_ bytes: [UInt8], count: Int) -> Bitmap {
    var bits = Bitmap()
    bits.reserveCapacity(count)
    for i in 0..<count { bits.append(bytes[i >> 3] >> UInt8(i & 7) & 1 == 1) }
    return bits
}

guard let manifestData = FileManager.default.contents(atPath: dataFolder + "/manifest.json"),
      let manifest = try? JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
      let rows = manifest["rows"] as? Int, let entries = manifest["columns"] as? [[String: Any]] else {
    fail("cannot read \(dataFolder)/manifest.json")
}

var fields: [Field] = []
var columns: [Column] = []
for entry in entries {
    let name = entry["name"] as! String
    let type = try DataType(parsing: entry["type"] as! String)
    let validity = (entry["validity"] as? String).map { bitmap(readFile($0), count: rows) }
    let data = readFile(entry["data"] as? String)
    let columnValues: ColumnValues
    switch type {
    case .int64, .timestamp: columnValues = .int64(values(data, count: rows, as: Int64.self))
    case .date: columnValues = .int32(values(data, count: rows, as: Int32.self))
    case .float64: columnValues = .float64(values(data, count: rows, as: Double.self))
    case .boolean: columnValues = .boolean(bitmap(data, count: rows))
    case .decimal:
        // Arrow decimal128 → the low 64 bits (the benchmark's precision fits in Int64).
        let wide = values(data, count: rows, as: Int128.self)
        columnValues = .int64(wide.map { Int64(truncatingIfNeeded: $0) })
    case .string:
        let offsets = values(readFile(entry["offsets"] as? String), count: rows + 1, as: Int32.self)
        columnValues = .bytes(offsets: offsets, data: Array(data.prefix(Int(offsets[rows]))))
    default: fail("unsupported benchmark type \(type)")
    }
    fields.append(Field(name, type))
    columns.append(Column(values: columnValues, validity: validity, count: rows))
}
let batch = try ColumnBatch(schema: Schema(fields), columns: columns)

var options = ParquetWriterOptions()
options.compression = codec
if let threads = ProcessInfo.processInfo.environment["TARN_THREADS"].flatMap(Int.init) { options.threads = threads }
var seconds: [Double] = []
for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let writer = try ParquetWriter(path: outPath, schema: batch.schema, options: options)
    for _ in 0..<repeats { try writer.write(batch) }   // K copies: a file K times the table
    try writer.close()
    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let report: [String: Any] = ["seconds": seconds, "rows": rows * repeats, "peak_rss_bytes": usage.ru_maxrss * 1024]
print(String(decoding: try JSONSerialization.data(withJSONObject: report), as: UTF8.self))
