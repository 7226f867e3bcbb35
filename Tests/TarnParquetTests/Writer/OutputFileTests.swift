import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Writes go to the file on a background queue (with direct I/O for files the writer
/// creates); a failure there must still reach the caller, and what is written must land in
/// order, byte for byte what a plain buffered write gives.
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

    /// The same batches through a writer that creates its file (direct I/O, an 8 MiB staging
    /// buffer, the tail padded then truncated) and through one on a descriptor it was handed
    /// (plain writes): the files are identical, for sizes below, at and past the buffer.
    @Test(arguments: [1, 3_000, 40_000])
    func directWritesGiveTheBytesOfBufferedWrites(rows: Int) throws {
        var folders = [FileManager.default.temporaryDirectory]
        if FileManager.default.fileExists(atPath: "/dev/shm") { folders.append(URL(fileURLWithPath: "/dev/shm")) }
        for base in folders {
            let folder = base.appendingPathComponent("tarn-direct-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var options = ParquetWriterOptions()
            options.compression = .uncompressed
            options.rowGroupMaxRows = 10_000
            let batches = try (0..<8).map { _ in try Self.batch(rows: rows) }
            let createdPath = folder.appendingPathComponent("created.parquet").path
            let created = try ParquetWriter(path: createdPath, schema: batches[0].schema, options: options)
            for batch in batches { try created.write(batch) }
            try created.close()

            let handedPath = folder.appendingPathComponent("handed.parquet").path
            let descriptor = open(handedPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            let handed = try ParquetWriter(fileDescriptor: descriptor, schema: batches[0].schema, options: options)
            for batch in batches { try handed.write(batch) }
            try handed.close()
            close(descriptor)

            let direct = try Data(contentsOf: URL(fileURLWithPath: createdPath))
            let buffered = try Data(contentsOf: URL(fileURLWithPath: handedPath))
            #expect(direct.count == buffered.count, "\(base.path), \(rows) rows")
            #expect(direct == buffered, "\(base.path), \(rows) rows")
            #expect(try ParquetFileReader(path: createdPath).rowCount == Int64(rows * 8))
            // The largest case fills the staging buffer and goes on.
            #expect(rows < 40_000 || direct.count > 8 << 20, "\(direct.count) bytes")
        }
    }

    /// The sink alone with a two-block staging buffer: appends of every size around the
    /// block and buffer sizes land exactly, the tail is cut to the true length.
    @Test func directSinkKeepsEveryByteAcrossManyFlushes() throws {
        guard let directFlag = DirectFileSink.openFlag else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sink.bin").path
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | directFlag, 0o644)
        if fd < 0 { fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        try #require(fd >= 0)
        var random = SeededGenerator(seed: 7)
        var expected: [UInt8] = []
        do {
            let sink = DirectFileSink(descriptor: fd, capacity: 2 * DirectFileSink.alignment)
            for size in [1, 4095, 4096, 4097, 8191, 8192, 8193, 20_000, 0, 3, 12_288] {
                let chunk = random.bytes(size)
                expected += chunk
                #expect(chunk.withUnsafeBytes { sink.append($0) } == nil)
            }
            #expect(sink.finish() == nil)
        }
        close(fd)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }
}
