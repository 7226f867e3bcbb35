import Testing
import TarnTestSupport
@testable import TarnParquet


@Suite struct CompressionTests {
    static let codecs: [Compression] = [.uncompressed, .snappy, .gzip, .gzip(level: 1), .zstd, .zstd(level: 3), .zstd(level: -5)]

    static func compressible(_ count: Int) -> [UInt8] {
        let text = Array("timestamp,2024-01-01T00:00:00Z,passenger_count,1,fare,12.50\n".utf8)
        return (0..<count).map { text[$0 % text.count] &+ UInt8(($0 / 4096) % 3) }
    }

    static let inputs: [(String, [UInt8])] = {
        var random = SeededGenerator(seed: 42)
        return [
            ("empty", []),
            ("one byte", [0x7f]),
            ("seven bytes", Array("parquet".utf8)),
            ("random 1 MB", random.bytes(1 << 20)),
            ("compressible 1 MB", compressible(1 << 20)),
        ]
    }()

    @Test(arguments: codecs)
    func roundTrip(_ codec: Compression) throws {
        let compressor = try Compressor(codec)
        let decompressor = try Decompressor(codec)
        for (name, input) in Self.inputs {
            // Twice, to exercise the reused contexts, and after a prefix to check appending.
            for _ in 0..<2 {
                var compressed = ByteWriter()
                compressed.write([0xAA, 0xBB])
                try compressor.compress(input, into: &compressed)
                #expect(Array(compressed.bytes.prefix(2)) == [0xAA, 0xBB], "\(codec) \(name)")
                let body = Array(compressed.bytes.dropFirst(2))
                var restored = ByteWriter()
                restored.write(UInt8(0x01))
                try decompressor.decompress(body, uncompressedSize: input.count, into: &restored)
                if restored.bytes != [0x01] + input { Issue.record("\(codec) \(name): round trip differs"); return }
            }
        }
    }

    /// High levels are slow on 1 MB of repetitive text, so they get a smaller input.
    @Test(arguments: [Compression.gzip(level: 9), .gzip(level: 0), .zstd(level: 19)])
    func highAndLowLevels(_ codec: Compression) throws {
        let input = Self.compressible(100_000)
        var out = ByteWriter()
        try Compressor(codec).compress(input, into: &out)
        var restored = ByteWriter()
        try Decompressor(codec).decompress(out.bytes, uncompressedSize: input.count, into: &restored)
        #expect(restored.bytes == input, "\(codec)")
    }

    @Test func compressibleDataShrinks() throws {
        let input = Self.compressible(1 << 20)
        for codec in Self.codecs where codec != .uncompressed {
            var out = ByteWriter()
            try Compressor(codec).compress(input, into: &out)
            #expect(out.count < input.count / 10, "\(codec): \(out.count) bytes")
        }
    }

    @Test func gzipWritesAGzipMember() throws {
        var out = ByteWriter()
        try Compressor(.gzip).compress(Array("hello".utf8), into: &out)
        // RFC 1952: ID1 ID2 CM=8 (deflate); trailer ends with ISIZE = 5 little-endian.
        #expect(Array(out.bytes.prefix(3)) == [0x1f, 0x8b, 0x08])
        #expect(Array(out.bytes.suffix(4)) == [5, 0, 0, 0])
        // The trailer's CRC-32 is the standard one.
        let crc = out.bytes.suffix(8).prefix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(crc == CRC32.checksum(Array("hello".utf8)))
    }

    @Test(arguments: codecs.filter { $0 != .uncompressed })
    func corruptInputThrows(_ codec: Compression) throws {
        let input = Self.compressible(10_000)
        var out = ByteWriter()
        try Compressor(codec).compress(input, into: &out)
        let good = out.bytes
        let decompressor = try Decompressor(codec)

        func expectFailure(_ bytes: [UInt8], size: Int, _ what: String) {
            var sink = ByteWriter()
            #expect(throws: ParquetError.self, "\(codec) \(what)") {
                try decompressor.decompress(bytes, uncompressedSize: size, into: &sink)
            }
            #expect(sink.count == 0, "\(codec) \(what): nothing appended on failure")
        }
        expectFailure(good, size: input.count - 1, "size too small")
        expectFailure(good, size: input.count + 1, "size too large")
        expectFailure(Array(good.prefix(good.count / 2)), size: input.count, "truncated")
        expectFailure(Array(repeating: 0xFF, count: 64), size: input.count, "garbage")
        expectFailure([], size: input.count, "empty input")
        var flipped = good
        flipped[good.count / 2] ^= 0x55
        flipped[good.count / 2 + 1] ^= 0xAA
        if case .gzip = codec {  // only gzip carries a checksum (snappy none, zstd off by default)
            expectFailure(flipped, size: input.count, "flipped bits")
        }
        // A good page still decodes after the failures (contexts reset properly).
        var restored = ByteWriter()
        try decompressor.decompress(good, uncompressedSize: input.count, into: &restored)
        #expect(restored.bytes == input, "\(codec): good page after failures")
    }

    @Test func hugeStatedSizeIsNotTrusted() throws {
        // A snappy block claiming 2^31 bytes, decoded against a header of 10.
        var varint = ByteWriter()
        varint.writeVarint(1 << 31)
        var sink = ByteWriter()
        #expect(throws: ParquetError.self) {
            try Decompressor(.snappy).decompress(varint.bytes + [0, 0, 0], uncompressedSize: 10, into: &sink)
        }
    }

    @Test func uncompressedSizeMustMatch() throws {
        var sink = ByteWriter()
        #expect(throws: ParquetError.self) {
            try Decompressor(.uncompressed).decompress([1, 2, 3], uncompressedSize: 4, into: &sink)
        }
    }

    @Test func parsesNames() throws {
        #expect(try Compression(parsing: "snappy") == .snappy)
        #expect(try Compression(parsing: "SNAPPY") == .snappy)
        #expect(try Compression(parsing: "none") == .uncompressed)
        #expect(try Compression(parsing: "uncompressed") == .uncompressed)
        #expect(try Compression(parsing: "gzip") == .gzip(level: 6))
        #expect(try Compression(parsing: "gzip:9") == .gzip(level: 9))
        #expect(try Compression(parsing: "zstd") == .zstd(level: 1))
        #expect(try Compression(parsing: "zstd:3") == .zstd(level: 3))
        #expect(try Compression(parsing: "zstd:-7") == .zstd(level: -7))
        for bad in ["lz4", "zstd:", "zstd:x", "gzip:10", "snappy:1", "zstd:23", ""] {
            #expect(throws: ParquetError.self, "\(bad)") { try Compression(parsing: bad) }
        }
        for codec in Self.codecs {
            #expect(try Compression(parsing: codec.description) == codec)
        }
    }

    @Test func parquetCodecNumbers() throws {
        #expect(Compression.uncompressed.parquetCodec == 0)
        #expect(Compression.snappy.parquetCodec == 1)
        #expect(Compression.gzip(level: 2).parquetCodec == 2)
        #expect(Compression.zstd(level: 9).parquetCodec == 6)
        for number: Int32 in [0, 1, 2, 6] {
            #expect(try Compression(parquetCodec: number).parquetCodec == number)
        }
        #expect(throws: ParquetError.self) { try Compression(parquetCodec: 5) }
        #expect(throws: ParquetError.self) { try Compression(parquetCodec: 99) }
    }

    @Test func crc32CheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        var running = CRC32()
        running.update(Array("12345".utf8))
        running.update(Array("6789".utf8))
        #expect(running.value == 0xCBF4_3926)
    }
}
