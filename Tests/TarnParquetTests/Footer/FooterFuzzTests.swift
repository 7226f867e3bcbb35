import Foundation
import Testing
import TarnTestSupport
@testable import TarnParquet


@Suite("Footer fuzz", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
struct FooterFuzzTests {
    static let seed: UInt64 = 0x7A2E_2024

    /// Decodes and builds the schema; must throw or succeed, never trap.
    func exercise(_ bytes: [UInt8]) {
        guard let metadata = try? FileMetaData(decoding: bytes) else { return }
        if let schema = try? metadata.schemaTree() {
            try? schema.validate(metadata)
            _ = FooterDescription(metadata: metadata).text
        }
    }

    func footerBytes(_ name: String) throws -> [UInt8]? {
        guard let folder = Corpora.folder("parquet-testing") else { return nil }
        let metadata = try ParquetFooter.read(path: folder.appendingPathComponent(name).path)
        return metadata.serialized()
    }

    @Test("every truncation of a real footer throws or decodes", arguments: ["data/alltypes_plain.parquet", "data/nested_structs.rust.parquet"])
    func truncations(file: String) throws {
        guard let footer = try footerBytes(file) else { return }
        // Every length for small footers; an even spread of about 400 for large ones.
        for length in stride(from: 0, to: footer.count, by: max(1, footer.count / 400)) {
            let prefix = Array(footer[..<length])
            #expect(throws: ParquetError.self, "\(file) truncated to \(length)") { _ = try FileMetaData(decoding: prefix) }
        }
    }

    @Test("random bit flips and byte changes never crash", arguments: ["data/alltypes_plain.parquet", "data/data_index_bloom_encoding_stats.parquet", "data/nested_maps.snappy.parquet"])
    func mutations(file: String) throws {
        guard let footer = try footerBytes(file) else { return }
        var random = SeededGenerator(seed: Self.seed)
        print("footer fuzz \(file): seed \(Self.seed)")
        for _ in 0..<3000 {
            var bytes = footer
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let i = Int.random(in: 0..<bytes.count, using: &random)
                if Bool.random(using: &random) {
                    bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                } else {
                    bytes[i] = UInt8.random(in: 0...255, using: &random)
                }
            }
            exercise(bytes)
        }
    }

    @Test("random garbage never crashes")
    func garbage() {
        var random = SeededGenerator(seed: Self.seed)
        for _ in 0..<5000 {
            let count = Int.random(in: 0..<200, using: &random)
            exercise((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
    }

    @Test("corrupt files on disk: short, bad magic, footer length too large")
    func corruptFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-footer-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("short", Array("PAR1PAR1".utf8)),
            ("no-trailing-magic", Array("PAR1".utf8) + [0, 0, 0, 0] + Array("PAR2".utf8)),
            ("no-leading-magic", Array("XXXX".utf8) + [0, 0, 0, 0] + Array("PAR1".utf8)),
            ("huge-length", Array("PAR1".utf8) + [0xFF, 0xFF, 0xFF, 0xFF] + Array("PAR1".utf8)),
            ("length-one-too-many", Array("PAR1".utf8) + [0x00, 1, 0, 0, 0] + Array("PAR1".utf8)),
            ("empty-footer", Array("PAR1".utf8) + [0, 0, 0, 0] + Array("PAR1".utf8)),
        ]
        for (name, bytes) in cases {
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let error = #expect(throws: ParquetError.self, "\(name)") { _ = try ParquetFooter.read(path: url.path) }
            #expect(error?.kind == .malformed, "\(name)")
        }
    }
}
