// The JSONTestSuite y_ files through the table reader: those whose top level is an object
// read as one row without error; the others are bad records (not objects), never errors.
import Foundation
import TarnCore
@testable import TarnIngest
import Testing
import TarnTestSupport

@Suite(.enabled(if: Corpora.isAvailable("json/JSONTestSuite"), Corpora.skipNote("json/JSONTestSuite")))
struct JSONTableReaderCorpusTests {
    @Test func yFilesReadThroughTheTableReader() throws {
        guard let folder = Corpora.folder("json/JSONTestSuite") else { return }
        let dir = folder.appendingPathComponent("test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("y_") && $0.hasSuffix(".json") }.sorted()
        var objects = 0
        for name in names {
            let path = dir.appendingPathComponent(name).path
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let isObject = bytes.withUnsafeBytes { raw -> Bool in
                let tape = JSONTape()
                guard let root = try? JSONParser().parse(raw, into: tape) else { return false }
                return tape.kind(root) == .objectStart
            }
            do {
                let input = try RawInput(path: path)
                let inferred = try JSONTableReader.inferSchema(input, sampleBytes: nil)
                let log = try BadRecordLog(path: nil)
                let reader = try JSONTableReader(input, schema: inferred.schema, options: ReadOptions(badRecords: log))
                var rowCount = 0
                while let batch = try reader.next() { rowCount += batch.rowCount }
                if isObject {
                    objects += 1
                    #expect(log.count == 0, "\(name)")
                    #expect(inferred.recordsSampled == 1, "\(name)")
                    // A table without columns has no rows to show.
                    #expect(rowCount == (inferred.schema.count > 0 ? 1 : 0), "\(name)")
                } else {
                    #expect(rowCount == 0, "\(name)")
                }
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
        #expect(objects >= 12)
    }

    @Test func duplicatedKeysKeepTheLastValue() throws {
        guard let folder = Corpora.folder("json/JSONTestSuite") else { return }
        let path = folder.appendingPathComponent("test_parsing/y_object_duplicated_key.json").path
        let input = try RawInput(path: path)
        let inferred = try JSONTableReader.inferSchema(input, sampleBytes: nil)
        let reader = try JSONTableReader(input, schema: inferred.schema)
        #expect(try reader.next().map(rows) == ["{a: \"c\"}"])
    }
}
