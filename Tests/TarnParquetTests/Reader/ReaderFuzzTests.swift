import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Whole files written by Tarn, with bytes of their pages mutated: the reader must return
/// batches or throw `ParquetError`, never trap. Seed fixed and printed.
@Suite struct ReaderFuzzTests {
    static let seed: UInt64 = 0xF0_22ED

    static func sampleFiles(in folder: URL) throws -> [String] {
        let flat = TestColumnFactory(rows: 40, nullEvery: 3, seed: 5).allLeafColumns(uuidLogicalType: true)
        var cases: [WriterInteropTests.Case] = []
        for (i, encoding) in [ColumnEncoding.automatic, .plain, .dictionary, .deltaBinaryPacked, .deltaByteArray,
                              .deltaLengthByteArray, .byteStreamSplit, .rle].enumerated() {
            var options = ParquetWriterOptions()
            options.uuidLogicalType = true
            options.encoding = encoding
            options.compression = [Compression.uncompressed, .snappy, .gzip, .zstd][i % 4]
            options.dataPageVersion = i % 2 == 0 ? .v1 : .v2
            options.dataPageMaxRows = 16
            let applicable = flat.filter { column in
                let descriptor = ColumnDescriptor(path: [column.field.name], field: column.field, maxDefinitionLevel: 0,
                                                  maxRepetitionLevel: 0, options: options)
                return (try? ColumnChunkWriter.resolve(encoding, for: descriptor, version: .v1)) != nil
            }
            cases.append(.init(name: "flat-\(encoding.rawValue)", columns: applicable, options: options))
        }
        for (i, column) in NestedInteropTests.nestedColumns.enumerated() {
            var options = ParquetWriterOptions()
            options.compression = .uncompressed
            options.dataPageVersion = i % 2 == 0 ? .v1 : .v2
            options.dataPageMaxRows = 2
            cases.append(.init(name: "nested-\(column.field.name)", columns: [column], options: options))
        }
        return try ReaderRoundTripTests.write(cases, into: folder, batchRows: 7).map(\.path)
    }

    @Test func mutatedPagesThrowOrRead() throws {
        print("ReaderFuzzTests seed: \(Self.seed)")
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.sampleFiles(in: folder)
        var rng = SeededGenerator(seed: Self.seed)
        var thrown = 0, read = 0
        let mutated = folder.appendingPathComponent("mutated.parquet").path
        for iteration in 0..<1_500 {
            let path = files[iteration % files.count]
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            // Mutate the data region (pages), keeping the footer readable most of the time.
            let dataEnd = bytes.count - 8 - Int(UInt32(bytes[bytes.count - 8]) | UInt32(bytes[bytes.count - 7]) << 8
                                                  | UInt32(bytes[bytes.count - 6]) << 16 | UInt32(bytes[bytes.count - 5]) << 24)
            let end = iteration % 20 == 0 ? bytes.count - 8 : dataEnd
            for _ in 0...Int.random(in: 0...3, using: &rng) where end > 4 {
                let at = Int.random(in: 4..<end, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                default: bytes[at] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &rng)]
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: mutated))
            do {
                let reader = try ParquetFileReader(path: mutated)
                for group in 0..<reader.rowGroupCount { _ = try reader.readRowGroup(group) }
                _ = try reader.readRows(limit: 5)
                read += 1
            } catch let error as ParquetError {
                _ = error.description
                thrown += 1
            }
        }
        // Most mutations must be caught; some land in bytes that do not matter (padding,
        // statistics, values).
        #expect(thrown > 300, "only \(thrown) of 1500 mutations were rejected")
        print("ReaderFuzzTests: \(thrown) rejected, \(read) read")
    }
}
