import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Tarn writes, the reader reads back: every leaf type × encoding × codec × page version,
/// with and without nulls, then nested columns; compared buffer by buffer with the input.
@Suite struct ReaderRoundTripTests {
    typealias Case = WriterInteropTests.Case

    static func write(_ cases: [Case], into folder: URL, batchRows: Int = 173) throws -> [Case] {
        var written = cases
        for i in written.indices {
            written[i].path = folder.appendingPathComponent("\(i)-\(written[i].name).parquet").path
            try WriterInteropTests.write(written[i], batchRows: batchRows)
        }
        return written
    }

    /// Reads `testCase` back whole, per row group and through previews, comparing exactly.
    static func check(_ testCase: Case, exact: Bool = true) throws {
        let reader = try ParquetFileReader(path: testCase.path)
        let schema = Schema(testCase.columns.map(\.field))
        #expect(reader.schema == schema, "\(testCase.name): read \(reader.schema), wrote \(schema)")
        let rows = testCase.columns.first?.column.count ?? 0
        #expect(reader.rowCount == rows)

        func compare(_ batch: ColumnBatch, _ range: Range<Int>, _ what: String) {
            #expect(batch.rowCount == range.count, "\(testCase.name) \(what): \(batch.rowCount) rows")
            for (column, input) in zip(batch.columns, testCase.columns) {
                let expected = input.column.slice(range)
                if exact {
                    #expect(ColumnComparison.identical(column, expected), "\(testCase.name) \(what) \(input.field.name): \(ColumnComparison.firstDifference(column, expected, type: input.field.type) ?? "buffers differ")")
                } else if let difference = ColumnComparison.firstDifference(column, expected, type: input.field.type) {
                    Issue.record("\(testCase.name) \(what) \(input.field.name): \(difference)")
                }
            }
        }
        compare(try reader.readRows(limit: rows), 0..<rows, "all rows")
        var start = 0
        for group in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(group)
            compare(batch, start..<(start + batch.rowCount), "row group \(group)")
            start += batch.rowCount
        }
        #expect(start == rows)
        for limit in [0, 1, 63, 64, 65, 130] where limit <= rows {
            compare(try reader.readRows(limit: limit), 0..<limit, "first \(limit) rows")
        }
    }

    @Test func typesEncodingsCodecsAndPageVersions() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var cases: [Case] = []
        for nullEvery in [0, 5] {
            let columns = TestColumnFactory(rows: 300, nullEvery: nullEvery, seed: 42).allLeafColumns(uuidLogicalType: true)
            for encoding in ColumnEncoding.allCases {
                var options = ParquetWriterOptions()
                options.uuidLogicalType = true
                options.timeLogicalType = true
                let applicable = columns.filter { column in
                    let descriptor = ColumnDescriptor(path: [column.field.name], field: column.field, maxDefinitionLevel: 0,
                                                      maxRepetitionLevel: 0, options: options)
                    return (try? ColumnChunkWriter.resolve(encoding, for: descriptor, version: .v1)) != nil
                }
                for codec in WriterInteropTests.codecs {
                    for version in [DataPageVersion.v1, .v2] {
                        var cell = WriterInteropTests.matrixOptions(encoding, codec, version)
                        cell.uuidLogicalType = true
                        cell.timeLogicalType = true
                        cases.append(Case(name: "\(encoding.rawValue)-\(codec)-v\(version.rawValue)-nulls\(nullEvery)",
                                          columns: applicable, options: cell))
                    }
                }
            }
        }
        for testCase in try Self.write(cases, into: folder) {
            try Self.check(testCase)
        }
    }

    /// UUIDs and times in their portable forms read back as what the file holds: the
    /// 36-character string and INT64 microseconds.
    @Test func portableUUIDAndTime() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let factory = TestColumnFactory(rows: 20, nullEvery: 4, seed: 3)
        let uuid = factory.uuid(logical: false), time = factory.time()
        let testCase = try Self.write([Case(name: "portable", columns: [uuid, time], options: ParquetWriterOptions())], into: folder)[0]
        let reader = try ParquetFileReader(path: testCase.path)
        #expect(reader.schema.fields.map(\.type) == [.string, .int64])
        let batch = try reader.readRows(limit: 20)
        for row in 0..<20 {
            #expect(batch.columns[0].displayValue(at: row, type: .string) == uuid.column.displayValue(at: row, type: .uuid))
            #expect(batch.columns[1].displayValue(at: row, type: .int64) == time.column.displayValue(at: row, type: .int64))
        }
    }

    @Test func nestedColumnsInEveryPageVersionAndEncoding() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var cases: [Case] = []
        for version in [DataPageVersion.v1, .v2] {
            for encoding in [ColumnEncoding.automatic, .plain, .dictionary] {
                var options = ParquetWriterOptions()
                options.dataPageVersion = version
                options.encoding = encoding
                options.dataPageMaxRows = 2  // pages cut at row boundaries inside nested data
                options.rowGroupMaxRows = 3
                for column in NestedInteropTests.nestedColumns {
                    cases.append(Case(name: "\(column.field.name)-v\(version.rawValue)-\(encoding.rawValue)", columns: [column], options: options))
                }
            }
        }
        for testCase in try Self.write(cases, into: folder, batchRows: 2) {
            try Self.check(testCase, exact: false)
        }
    }

    /// Null list, empty list and a list holding a null stay three different things.
    @Test func nullEmptyAndNullElementListsStayApart() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = NestedInteropTests.listColumn()
        let testCase = try Self.write([Case(name: "lists", columns: [list], options: ParquetWriterOptions())], into: folder)[0]
        let batch = try ParquetFileReader(path: testCase.path).readRows(limit: 10)
        let texts = (0..<batch.rowCount).map { batch.columns[0].displayValue(at: $0, type: list.field.type) }
        #expect(texts == ["[1, 2]", "NULL", "[]", "[null]", "[3, -9223372036854775808, 9223372036854775807]"])
        guard case .list(let offsets, let element) = batch.columns[0].values else { Issue.record("not a list"); return }
        #expect(offsets == [0, 2, 2, 2, 3, 6])
        #expect(batch.columns[0].nullCount == 1)
        #expect(element.nullCount == 1)
    }

    /// Random nested types (lists, structs, maps to depth 4, nulls everywhere, junk under
    /// null slots) written and read back. Seed fixed; see ShredderPropertyTests.
    @Test func randomNestedColumns() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SeededGenerator(seed: 0x0EAD_E12)
        var cases: [Case] = []
        for iteration in 0..<60 {
            let field = Field("c", RandomColumns.type(depth: 4, using: &random), nullable: random.next() % 4 != 0)
            let rows = iteration % 10 == 0 ? 300 : Int(random.next() % 70)
            let column = RandomColumns.column(for: field.type, nullable: field.nullable, count: rows, using: &random)
            var options = ParquetWriterOptions()
            options.uuidLogicalType = true
            options.dataPageVersion = iteration % 2 == 0 ? .v1 : .v2
            options.dataPageMaxRows = 1 + Int(random.next() % 40)
            options.rowGroupMaxRows = 20 + Int(random.next() % 200)
            cases.append(Case(name: "random-\(iteration)", columns: [TestColumn(field: field, column: column, expected: [])], options: options))
        }
        for testCase in try Self.write(cases, into: folder, batchRows: 50) {
            try Self.check(testCase, exact: false)
        }
    }

    @Test func emptyFileAndProjection() throws {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = TestColumnFactory(rows: 10, nullEvery: 3, seed: 9).allLeafColumns()
        let empty = columns.map { TestColumn(field: $0.field, column: $0.column.slice(0..<0), expected: []) }
        let written = try Self.write([Case(name: "empty", columns: empty, options: ParquetWriterOptions()),
                                      Case(name: "ten", columns: columns, options: ParquetWriterOptions())], into: folder)
        let reader = try ParquetFileReader(path: written[0].path)
        #expect(reader.rowGroupCount == 0 && reader.rowCount == 0)
        let batch = try reader.readRows(limit: 5)
        #expect(batch.rowCount == 0 && batch.schema.count == columns.count)

        let ten = try ParquetFileReader(path: written[1].path)
        let projected = try ten.readRowGroup(0, columns: ["string", "int8"])
        #expect(projected.schema.fields.map(\.name) == ["string", "int8"])
        #expect(ColumnComparison.identical(projected.columns[1], columns[1].column))
        let error = #expect(throws: ParquetError.self) { _ = try ten.readRows(limit: 1, columns: ["nope"]) }
        #expect(error?.kind == .invalidInput)
        #expect(throws: ParquetError.self) { _ = try ten.readRowGroup(1) }
    }
}
