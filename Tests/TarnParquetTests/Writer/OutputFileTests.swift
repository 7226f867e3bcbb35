import Foundation
import Testing
import TarnCore
@testable import TarnParquet

/// Writes go to the file on a background queue; a failure there must still reach the
/// caller, and what is written must land in order.
@Suite struct OutputFileTests {
    static func batch(rows: Int) throws -> ColumnBatch {
        var ids = FixedWidthColumnBuilder<Int64>()
        var names = BytesColumnBuilder()
        for i in 0..<rows {
            ids.append(Int64(i))
            names.append("name \(i * 7919)")
        }
        return try ColumnBatch(schema: Schema([Field("id", .int64), Field("name", .string)]), columns: [ids.finish(), names.finish()])
    }

    @Test func aFailedBackgroundWriteFailsTheWriter() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0, "no /dev/full here")
        defer { close(descriptor) }
        let batch = try Self.batch(rows: 10_000)
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 1_000
        let writer = try ParquetWriter(fileDescriptor: descriptor, schema: batch.schema, options: options)
        do {
            for _ in 0..<5 { try writer.write(batch) }
            try writer.close()
            Issue.record("writing to /dev/full succeeded")
        } catch {
            #expect(error.kind == .io, "\(error)")
            #expect(error.message.contains("No space left on device"), "\(error)")
        }
        // The writer stays failed.
        #expect(throws: ParquetError.self) { try writer.write(batch) }
    }

    @Test func manyRowGroupsLandInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ordered.parquet").path
        var options = ParquetWriterOptions()
        options.rowGroupMaxRows = 700
        let writer = try ParquetWriter(path: path, schema: try Self.batch(rows: 1).schema, options: options)
        for _ in 0..<20 { try writer.write(try Self.batch(rows: 1_000)) }
        try writer.close()
        let reader = try ParquetFileReader(path: path)
        #expect(reader.rowCount == 20_000)
        var row = 0
        for group in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(group)
            guard case .int64(let ids) = batch.columns[0].values else { Issue.record("not int64"); return }
            for id in ids {
                #expect(id == Int64(row % 1_000), "row \(row)")
                row += 1
            }
        }
        #expect(row == 20_000)
    }
}
