import Foundation
import Testing
import TarnTestSupport
@testable import TarnParquet

/// One row of parquet-testing/EXPECTED.tsv.
struct ExpectedFooter: CustomStringConvertible {
    var file: String
    var numRows: Int64?
    var numColumns: Int?
    var pyarrowReads: Bool
    var numRowGroups: Int?
    var numLeafColumns: Int?

    var description: String { file }

    static func load(from folder: URL) throws -> [ExpectedFooter] {
        let text = try String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
        var rows: [ExpectedFooter] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 6 else { continue }
            rows.append(ExpectedFooter(file: cells[0], numRows: Int64(cells[1]), numColumns: Int(cells[2]),
                                       pyarrowReads: cells[3] == "yes", numRowGroups: Int(cells[4]),
                                       numLeafColumns: Int(cells[5])))
        }
        return rows
    }

    /// Files the footer reader must reject: encrypted ones and those whose footer pyarrow
    /// could not read. `incorrect_map_schema.parquet` may be accepted (README).
    var mustThrow: Bool {
        file.hasSuffix(".encrypted") || (numRows == nil && !file.hasSuffix("incorrect_map_schema.parquet"))
    }
}

@Suite("Footer corpus (parquet-testing)", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
struct FooterCorpusTests {
    @Test("every EXPECTED.tsv row: counts match, or the file is rejected")
    func expectedCounts() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let rows = try ExpectedFooter.load(from: folder)
        #expect(rows.count > 50)
        for row in rows {
            let path = folder.appendingPathComponent(row.file).path
            if row.mustThrow {
                #expect(throws: ParquetError.self, "\(row.file) should be rejected") {
                    _ = try ParquetFooter.readValidated(path: path)
                }
                continue
            }
            if row.file.hasSuffix("incorrect_map_schema.parquet") { continue }
            do {
                let (metadata, schema) = try ParquetFooter.readValidated(path: path)
                #expect(metadata.rowCount == row.numRows, "\(row.file) num_rows")
                #expect(metadata.numRowGroups == row.numRowGroups, "\(row.file) num_row_groups")
                #expect(schema.numLeafColumns == row.numLeafColumns, "\(row.file) num_leaf_columns")
                #expect(schema.numColumns == row.numColumns, "\(row.file) num_columns")
            } catch {
                Issue.record("\(row.file): \(error)")
            }
        }
    }

    @Test("encrypted footer (PARE) is reported as unsupported")
    func encryptedFooter() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let path = folder.appendingPathComponent("data/uniform_encryption.parquet.encrypted").path
        let error = #expect(throws: ParquetError.self) { _ = try ParquetFooter.read(path: path) }
        #expect(error?.kind == .unsupported)
        #expect(error?.path == path)
    }

    @Test("every footer re-encodes to bytes that decode to the same metadata")
    func reencode() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        for row in try ExpectedFooter.load(from: folder) where !row.mustThrow {
            let path = folder.appendingPathComponent(row.file).path
            guard let metadata = try? ParquetFooter.read(path: path) else { continue }
            let again = try FileMetaData(decoding: metadata.serialized())
            #expect(again == metadata, "\(row.file)")
        }
    }
}

@Suite("Footer reader errors")
struct FooterReaderErrorTests {
    @Test("a missing file is an io error naming the path")
    func missingFile() {
        let error = #expect(throws: ParquetError.self) { _ = try ParquetFooter.read(path: "/nonexistent/x.parquet") }
        #expect(error?.kind == .io)
        #expect(error?.description.contains("/nonexistent/x.parquet") == true)
    }
}
