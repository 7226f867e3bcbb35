import Foundation
import Testing
import TarnCore
@testable import TarnIngest

/// JSON Lines read on two threads: the same rows as one thread, and the file's own line
/// numbers in errors and bad records.
@Suite struct JSONLinesParallelTests {
    static func lines(badAt bad: Int? = nil, lateFloatAt late: Int? = nil) -> (text: String, badLine: Int?) {
        var text = ""
        var badLine: Int?
        for i in 0..<40_000 {
            if i == bad { text += "{\"id\": \(i), \"oops\n"; badLine = i + 1; continue }
            let amount = i == late ? "1.5" : String(i % 97)
            text += "{\"id\": \(i), \"user\": {\"name\": \"u\(i % 13)\", \"tags\": [\"a\", \"b\(i % 5)\"]}, \"amount\": \(amount)}\n"
            if i % 1000 == 0 { text += "\n" }   // blank lines count as lines
        }
        if let line = badLine {
            // Lines before the bad one: one per record plus the blank lines after records 0, 1000, …
            badLine = line + (bad! / 1000) + 1
        }
        return (text, badLine)
    }

    @Test func twoThreadsReadWhatOneReads() throws {
        let path = try temporaryFile(Self.lines().text, name: "events.jsonl")
        let one = try readTable(path, read: ReadOptions(batchBytes: 1 << 30, threads: 1))
        let two = try readTable(path, read: ReadOptions(batchBytes: 100_000, threads: 2))
        #expect(try RawTable(path: path).reader(schema: one.schema, typesAreInferred: true,
                                                  options: ReadOptions(threads: 2)) is JSONLinesParallelReader)
        #expect(one.rows.count == 40_000)
        #expect(two.rows == one.rows)
        #expect(two.recordsRead == 40_000)
        #expect(two.batches > 4)
    }

    @Test func badLinesNameTheirLineFromAnyPart() throws {
        let (text, badLine) = Self.lines(badAt: 31_234)
        let path = try temporaryFile(text, name: "bad.jsonl")
        let log = try BadRecordLog(path: try temporaryFolder().appendingPathComponent("bad.jsonl").path)
        let table = try readTable(path, read: ReadOptions(batchBytes: 100_000, badRecords: log, threads: 2))
        #expect(table.rows.count == 39_999)
        let entry = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: log.path!))) as! [String: Any]
        #expect(entry["line"] as? Int == badLine)
        do {
            _ = try readTable(path, read: ReadOptions(batchBytes: 100_000, threads: 2))
            Issue.record("a bad line must fail without a log")
        } catch let error as IngestError {
            #expect(error.location.line == badLine)
        }
    }

    @Test func wideningNamesTheFileLine() throws {
        let path = try temporaryFile(Self.lines(lateFloatAt: 35_000).text, name: "late.jsonl")
        var options = RawTableOptions()
        options.sampleBytes = 64 << 10
        let raw = try RawTable(path: path, options: options)
        let sampled = try raw.inferSchema()
        var reader = try raw.reader(schema: sampled.schema, typesAreInferred: true, options: ReadOptions(batchBytes: 100_000, threads: 2))
        do {
            while try reader.next() != nil {}
            Issue.record("1.5 does not fit the sampled int32")
        } catch let widening as WideningNeeded {
            #expect(widening.column == "amount")
            #expect(widening.location.line == 35_001 + 35)   // 35 blank lines before it
        }
    }
}

@Suite struct LineBreakCountTests {
    @Test func countsEveryLF() {
        for length in [0, 1, 31, 32, 33, 8160, 8161, 20_000] {
            let bytes: [UInt8] = (0..<length).map { (i: Int) -> UInt8 in i % 7 == 0 ? 0x0A : UInt8(0x41 + i % 20) }
            let expected = bytes.filter { $0 == 0x0A }.count
            #expect(bytes.withUnsafeBytes { JSONLinesParallelReader.lineBreakCount($0) } == expected, "\(length)")
        }
        let all = [UInt8](repeating: 0x0A, count: 32 * 300)
        #expect(all.withUnsafeBytes { JSONLinesParallelReader.lineBreakCount($0) } == 9600)
    }
}
