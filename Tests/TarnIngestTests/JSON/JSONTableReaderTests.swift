import Foundation
import TarnCore
@testable import TarnIngest
import Testing
import TarnTestSupport

@Suite struct JSONTableReaderTests {
    static let fixtures = Corpora.packageRoot.appendingPathComponent("Fixtures/json")

    @Test func layoutIsDetectedFromTheContent() {
        func detect(_ text: String, isFinal: Bool = true) -> JSONLayout? {
            Array(text.utf8).withUnsafeBytes { JSONLayout.detect($0, isFinal: isFinal) }
        }
        #expect(detect("{\"a\":1}\n{\"a\":2}\n") == .lines)
        #expect(detect("  \n{\"a\":1}") == .lines)
        #expect(detect("\u{FEFF}{\"a\":1}\n") == .lines)
        #expect(detect(" [ {\"a\":1} ]") == .array)
        #expect(detect("{\n \"a\": 1\n}\n{\"a\": 2}") == .concatenated)
        #expect(detect("{\"a\":1}{\"a\":2}\n") == .concatenated)
        #expect(detect("{\"a\": oops}\n{\"a\": 1}\n") == .lines) // a bad first line is a bad record
        #expect(detect("{\n \"a\": 1", isFinal: false) == nil)   // needs more input
        #expect(detect("{\"a\": 1}", isFinal: false) == nil)
        #expect(detect("") == .lines)
    }

    /// The same records as a top-level array, as JSON lines and concatenated, read with
    /// buffers and batches of many small sizes (refills inside keys, strings, numbers,
    /// escapes, between elements): always the same rows.
    @Test func smallChunksGiveIdenticalResults() throws {
        var records: [String] = []
        for i in 0 ..< 40 {
            let tags = (0 ..< i % 4).map { "\"t\\u00e9\($0)\"" }.joined(separator: ", ")
            records.append("{\"id\": \(i * 1_000_003), \"name\": \"n\(i) 😀\", \"tags\": [\(tags)], \"nested\": {\"x\": \(Double(i) / 4), \"flag\": \(i % 3 == 0)}}")
        }
        let array = "[\n  " + records.joined(separator: ",\n  ") + "\n]\n"
        let lines = records.joined(separator: "\n") + "\n"
        let concatenated = records.joined(separator: " ")
        let schema = try inferJSON(lines).schema
        #expect(describe(schema) == "id: int32, name: string, tags: list<string>, nested: struct<x: float64, flag: boolean>")
        let expected = try readJSON(lines, schema: schema).rows
        #expect(expected.count == 40)
        #expect(expected[5] == "{id: 5000015, name: \"n5 😀\", tags: [\"té0\"], nested: {x: 1.25, flag: false}}")
        for (text, layout) in [(array, JSONLayout.array), (lines, .lines), (concatenated, .concatenated)] {
            for capacity in [64, 65, 71, 100, 127, 256, 1000] {
                for batchBytes in [1, 300, 1 << 20] {
                    let read = try readJSON(text, schema: schema, batchBytes: batchBytes, capacity: capacity)
                    #expect(read.rows == expected, "\(layout) capacity \(capacity) batchBytes \(batchBytes)")
                    #expect(read.reader.layout == layout)
                    #expect(read.reader.recordsRead == 40)
                    if batchBytes == 1 { #expect(read.batches == 40) }
                    if batchBytes == 1 << 20 { #expect(read.batches == 1) }
                }
            }
            // Inference over small chunks agrees too.
            #expect(try inferJSON(text, capacity: 64).schema == schema)
        }
    }

    @Test func concatenatedAndPrettyPrintedObjects() throws {
        let input = try RawInput(path: Self.fixtures.appendingPathComponent("pretty_concatenated.json").path)
        let inferred = try JSONTableReader.inferSchema(input, sampleBytes: nil)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("pretty_concatenated.schema.txt"), encoding: .utf8)
        #expect(describe(inferred.schema) + "\n" == expected)
        #expect(try JSONTableReader.detectLayout(input) == .concatenated)
        let reader = try JSONTableReader(input, schema: inferred.schema)
        let batch = try #require(try reader.next())
        #expect(rows(batch) == ["{id: 1, tags: [\"a\", \"b\"]}", "{id: 2, tags: []}", "{id: 3, tags: null}", "{id: 4, tags: null}"])
        #expect(try reader.next() == nil)
    }

    @Test func fixtureIntThenFloat() throws {
        let input = try RawInput(path: Self.fixtures.appendingPathComponent("int_then_float.jsonl").path)
        let inferred = try JSONTableReader.inferSchema(input, sampleBytes: nil)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("int_then_float.schema.txt"), encoding: .utf8)
        #expect(describe(inferred.schema) + "\n" == expected)
        let reader = try JSONTableReader(input, schema: inferred.schema)
        #expect(try reader.next().map(rows) == ["{id: 1, amount: 3.0}", "{id: 2, amount: 4.25}", "{id: 3, amount: null}"])
    }

    @Test func gzipInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = ""
        for i in 0 ..< 500 { text += "{\"i\": \(i), \"s\": \"row \(i)\", \"when\": \"2024-03-0\(i % 9 + 1)T00:00:00Z\"}\n" }
        let plain = folder.appendingPathComponent("rows.jsonl")
        try text.write(to: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        let input = try RawInput(path: plain.path + ".gz")
        #expect(input.compression == .gzip)
        let inferred = try JSONTableReader.inferSchema(input, sampleBytes: 4096)
        #expect(describe(inferred.schema) == "i: int32, s: string, when: timestamp[us, UTC]")
        #expect(!inferred.wholeInput)
        let reader = try JSONTableReader(input, schema: inferred.schema, options: ReadOptions(batchBytes: 8192))
        var all: [String] = []
        while let batch = try reader.next() { all += rows(batch) }
        #expect(all.count == 500)
        #expect(all[499] == "{i: 499, s: \"row 499\", when: \(Int64(19_783 + 4) * 86_400_000_000)}")
        #expect(reader.recordsRead == 500)
        #expect(all == (try readJSON(text, schema: inferred.schema).rows))
    }

    /// 30 good lines, then bad ones: malformed, not an object, invalid UTF-8, blank lines
    /// between — with a read buffer of 64 bytes, so line numbers must survive refills.
    static func badLinesText() -> [UInt8] {
        var text: [UInt8] = []
        for i in 1 ... 30 { text += Array("{\"a\": \(i)}\n".utf8) }
        text += Array("{\"a\": \n".utf8)                // line 31
        text += Array("\n".utf8)                       // line 32, blank
        text += Array("[1, 2]\r\n".utf8)               // line 33
        text += Array("{\"a\": \"x".utf8) + [0xFF] + Array("\"}\n".utf8) // line 34
        text += Array("{\"a\": 31}".utf8)              // line 35, no final newline
        return text
    }

    @Test func badLinesGoToTheLog() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logPath = folder.appendingPathComponent("bad.jsonl").path
        let log = try BadRecordLog(path: logPath)
        let text = Self.badLinesText()
        let schema = try JSONTableReader.inferSchemaAndLayout(source: MemoryByteSource(text), sampleBytes: nil).schema.schema
        #expect(describe(schema) == "a: int32")
        let reader = try JSONTableReader(source: MemoryByteSource(text), schema: schema,
                                         options: ReadOptions(fileName: "bad.jsonl", batchBytes: 100, badRecords: log),
                                         bufferCapacity: 64)
        var all: [String] = []
        while let batch = try reader.next() { all += rows(batch) }
        #expect(all.count == 31)
        #expect(all.last == "{a: 31}")
        #expect(reader.recordsRead == 34)
        #expect(log.count == 3)

        let entries = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(entries.count == 3)
        let goodBytes = (1 ... 30).reduce(0) { $0 + "{\"a\": \($1)}\n".utf8.count }
        #expect(entries[0]["file"] as? String == "bad.jsonl")
        #expect(entries[0]["line"] as? Int == 31)
        #expect(entries[0]["column"] as? Int == 7)
        #expect(entries[0]["byteOffset"] as? Int == goodBytes + 6)
        #expect(entries[0]["reason"] as? String == "unexpected end of line inside object")
        #expect(entries[0]["raw"] as? String == "{\"a\": ")
        #expect(entries[1]["line"] as? Int == 33)
        #expect(entries[1]["byteOffset"] as? Int == goodBytes + 8)
        #expect(entries[1]["reason"] as? String == "a record must be a JSON object (a row with named columns), found an array")
        #expect(entries[1]["raw"] as? String == "[1, 2]")
        #expect(entries[2]["line"] as? Int == 34)
        #expect(entries[2]["column"] as? Int == 9)
        #expect(entries[2]["reason"] as? String == "invalid UTF-8 byte 0xFF")
        #expect(entries[2]["raw"] as? String == "{\"a\": \"x\u{FFFD}\"}")
    }

    @Test func badLineWithoutALogFailsNamingTheLine() throws {
        let text = Self.badLinesText()
        let schema = Schema([Field("a", .int32)])
        for capacity in [64, 100, 1 << 16] {
            let reader = try JSONTableReader(source: MemoryByteSource(text), schema: schema,
                                             options: ReadOptions(fileName: "bad.jsonl", batchBytes: 50),
                                             bufferCapacity: capacity)
            var rowsRead = 0
            let error = #expect(throws: IngestError.self) {
                while let batch = try reader.next() { rowsRead += batch.rowCount }
            }
            #expect(error?.kind == .malformed)
            #expect(error?.location.line == 31)
            #expect(error?.location.column == 7)
            #expect(error?.description == "bad.jsonl:31:7: unexpected end of line inside object\n  {\"a\": ")
        }
    }

    @Test func syntaxErrorsOutsideJSONLinesFailEvenWithALog() throws {
        let log = try BadRecordLog(path: nil)
        let text = "[\n {\"a\": 1},\n {\"a\": 2,}\n]"
        let reader = try JSONTableReader(source: MemoryByteSource(Array(text.utf8)), schema: Schema([Field("a", .int32)]),
                                         options: ReadOptions(fileName: "x.json", badRecords: log), bufferCapacity: 64)
        let error = #expect(throws: IngestError.self) { _ = try reader.next() }
        #expect(error?.message == "trailing comma before '}'")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 10)
        // A non-object element is a bad record (the syntax is fine), and reading goes on.
        let mixed = "[{\"a\": 1}, 7, {\"a\": 2}]"
        let read = try readJSON(mixed, schema: Schema([Field("a", .int32)]), badRecords: log)
        #expect(read.rows == ["{a: 1}", "{a: 2}"])
        #expect(log.count == 1)
    }

    @Test func aSmallSampleLeadsToWideningNeeded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = ""
        for i in 0 ..< 100 { text += "{\"n\": \(i), \"s\": \"x\"}\n" }
        let lateLine = "{\"n\": 1.5, \"s\": \"x\"}\n"
        let lateOffset = text.utf8.count
        text += lateLine
        let path = folder.appendingPathComponent("late.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let input = try RawInput(path: path)

        let sample = try JSONTableReader.inferSchema(input, sampleBytes: 500)
        #expect(describe(sample.schema) == "n: int32, s: string")
        let reader = try JSONTableReader(input, schema: sample.schema, options: ReadOptions(batchBytes: 256))
        let widening = #expect(throws: WideningNeeded.self) {
            while try reader.next() != nil {}
        }
        #expect(widening?.column == "n")
        #expect(widening?.type == .int32)
        #expect(widening?.value == "1.5")
        #expect(widening?.location == SourceLocation(file: path, line: 101, column: 7, byteOffset: lateOffset + 6))
        #expect(widening?.description == "\(path):101:7: column 'n': \"1.5\" does not fit int32 (inferred from the sample)")

        // What the convert driver does next: infer over the whole file and start over.
        let whole = try JSONTableReader.inferSchema(input, sampleBytes: nil)
        #expect(describe(whole.schema) == "n: float64, s: string")
        let again = try JSONTableReader(input, schema: whole.schema)
        var count = 0
        while let batch = try again.next() { count += batch.rowCount }
        #expect(count == 101)
    }

    @Test func wideningInAnArrayNamesTheLine() throws {
        let text = "[\n{\"n\": 1},\n{\"n\": 2},\n  {\"n\": true}\n]\n"
        let error = #expect(throws: WideningNeeded.self) {
            _ = try readJSON(text, schema: Schema([Field("n", .int32)]), capacity: 64)
        }
        #expect(error?.location.line == 4)
        #expect(error?.location.column == 9)
        #expect(error?.location.byteOffset == 30)
    }
}
