// The JSONTestSuite corpus (../shared/corpora/json/JSONTestSuite/test_parsing): every y_
// file parses, every n_ file is rejected with an IngestError, every i_ file's outcome
// matches the committed snapshot (JSONTestSuite-i-outcomes.txt). Set
// TARN_UPDATE_SNAPSHOTS=1 to rewrite the snapshot after a deliberate change.
import Foundation
import TarnCore
@testable import TarnIngest
import Testing
import TarnTestSupport

@Suite(.enabled(if: Corpora.isAvailable("json/JSONTestSuite"), Corpora.skipNote("json/JSONTestSuite")))
struct JSONTestSuiteTests {
    static let snapshotURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("JSONTestSuite-i-outcomes.txt")

    /// The test_parsing files whose names start with `prefix`, sorted, with their bytes.
    func files(_ prefix: String) throws -> [(name: String, bytes: [UInt8])]? {
        guard let folder = Corpora.folder("json/JSONTestSuite") else { return nil }
        let dir = folder.appendingPathComponent("test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    @Test func everyYFileParses() throws {
        guard let files = try files("y_") else { return }
        #expect(files.count > 90)
        for (name, bytes) in files {
            if let error = parseError(bytes) { Issue.record("\(name): \(error)") }
        }
    }

    @Test func everyNFileIsRejected() throws {
        guard let files = try files("n_") else { return }
        #expect(files.count > 180)
        for (name, bytes) in files {
            guard let error = parseError(bytes) else {
                Issue.record("\(name) was accepted")
                continue
            }
            #expect(error.kind == .malformed, "\(name)")
            if name == "n_structure_100000_opening_arrays.json" || name == "n_structure_open_array_object.json" {
                #expect(error.message == "nesting deeper than 512", "\(name)")
            }
        }
    }

    @Test func iFileOutcomesMatchTheSnapshot() throws {
        guard let files = try files("i_") else { return }
        var lines: [String] = []
        for (name, bytes) in files {
            if let error = parseError(bytes) {
                lines.append("\(name)\treject\t\(error.message)")
            } else {
                lines.append("\(name)\taccept")
            }
        }
        let actual = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["TARN_UPDATE_SNAPSHOTS"] == "1" {
            try actual.write(to: Self.snapshotURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.snapshotURL, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n").map(String.init)
        #expect(expectedLines.count == lines.count, "number of i_ files")
        for line in lines where !expectedLines.contains(line) {
            Issue.record("i_ outcome changed (update with TARN_UPDATE_SNAPSHOTS=1): \(line)")
        }
    }

    /// The JSON Lines use: one-line y_ files as records, then each one-line n_ file inserted
    /// as a line of its own gives an error naming that line.
    @Test func oneLineFilesAsJSONLines() throws {
        guard let ys = try files("y_"), let ns = try files("n_") else { return }
        func oneLine(_ bytes: [UInt8]) -> [UInt8]? {
            var b = bytes
            if b.last == 0x0A { b.removeLast() }
            if b.contains(0x0A) || b.contains(0x0D) { return nil }
            return b
        }
        let records = ys.compactMap { oneLine($0.bytes) }
        #expect(records.count > 80)
        var text: [UInt8] = []
        for r in records { text += r + [0x0A] }
        let reader = JSONLinesReader(parser: JSONParser(file: "suite.jsonl"))
        let count = try text.withUnsafeBytes { raw throws -> Int in
            let tape = JSONTape()
            var offset = 0, count = 0
            while case .document(_, let next) = try reader.next(raw, from: offset, into: tape) {
                count += 1
                offset = next
            }
            return count
        }
        #expect(count == records.count)

        let blank = { (b: [UInt8]) in b.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        for (name, bytes) in ns {
            guard let line = oneLine(bytes), !blank(line) else { continue }
            // Three good records, the bad one on line 4, one more good record.
            let input = Array("{\"a\":1}\n[2]\n\"x\"\n".utf8) + line + Array("\n{}\n".utf8)
            let error = input.withUnsafeBytes { raw -> IngestError? in
                let tape = JSONTape()
                var offset = 0
                do {
                    while case .document(_, let next) = try reader.next(raw, from: offset, into: tape) { offset = next }
                    return nil
                } catch { return error as? IngestError }
            }
            guard let error else {
                Issue.record("\(name) accepted as a JSON line")
                continue
            }
            #expect(error.location.line == 4, "\(name): \(error)")
        }
    }
}
