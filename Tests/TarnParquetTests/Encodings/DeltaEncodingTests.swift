import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY")
struct DeltaEncodingTests {
    typealias F = EncodingFixtures

    static func encode64(_ values: [Int64]) -> [UInt8] {
        F.bytes { out in values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
    }

    static func encode32(_ values: [Int32]) -> [UInt8] {
        F.bytes { out in values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
    }

    @Test("Encodings.md example 1: 1…5 has min delta 1 and bit width 0")
    func specExample1() throws {
        let bytes = Self.encode64([1, 2, 3, 4, 5])
        // header: block 128 (0x80 0x01), 4 miniblocks, 5 values, first value zigzag(1) = 2
        // block: min delta zigzag(1) = 2, widths 0 0 0 0, no miniblock data
        #expect(bytes == [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00])
        #expect(Self.encode32([1, 2, 3, 4, 5]) == bytes)
        #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt64(&r, maxCount: 5) }.0 == [1, 2, 3, 4, 5])
    }

    @Test("Encodings.md example 2: 7,5,3,1,2,3,4,5 has min delta -2 and relative deltas 0,0,0,3,3,3,3 on 2 bits")
    func specExample2() throws {
        let bytes = Self.encode64([7, 5, 3, 1, 2, 3, 4, 5])
        // header: 128, 4 miniblocks, 8 values, zigzag(7) = 14
        // block: zigzag(-2) = 3, widths 2 0 0 0, one miniblock of 32 × 2 bits = 8 bytes:
        // 0,0,0,3 → 0b11000000; 3,3,3,0 → 0b00111111; padding zero.
        #expect(bytes == [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0])
        #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt32(&r, maxCount: 8) }.0 == [7, 5, 3, 1, 2, 3, 4, 5])
    }

    @Test("the decoder reads other block layouts (256 values in 8 miniblocks, junk widths after the last value)")
    func otherLayouts() throws {
        // 256-value blocks of 8 miniblocks; values 0…39 step 1: deltas all 1, width 0; the six
        // unused width bytes hold junk, which readers must accept.
        var bytes: [UInt8] = [0x80, 0x02, 0x08, 40, 0x00, 0x02, 0, 0, 7, 9, 33, 64, 1, 200]
        let decoded = try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt64(&r, maxCount: 40) }
        #expect(decoded.0 == (0..<40).map(Int64.init))
        #expect(decoded.1 == bytes.count)
        bytes.append(0xAA)  // trailing data stays unread
        #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt64(&r, maxCount: 40) }.1 == bytes.count - 1)
    }

    @Test("Int64 and Int32 round-trip at edge sizes: random, sorted, constant and extremes")
    func roundTrips() throws {
        var rng = SeededGenerator(seed: F.seed ^ 11)
        for size in F.sizes + [1025, 4000] {
            var cases64: [[Int64]] = []
            cases64.append((0..<size).map { _ in Int64.random(in: .min ... .max, using: &rng) })
            cases64.append((0..<size).map { i in i % 2 == 0 ? .min : .max })
            var t = Int64.random(in: -1_000_000 ... 1_000_000, using: &rng)
            cases64.append((0..<size).map { _ in t += Int64.random(in: 0...1000, using: &rng); return t })
            cases64.append([Int64](repeating: -7, count: size))
            cases64.append((0..<size).map { _ in Int64.random(in: -3...3, using: &rng) })
            for (k, values) in cases64.enumerated() {
                let bytes = Self.encode64(values)
                let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt64(&r, maxCount: size) }
                #expect(decoded == values, "Int64 case \(k) size \(size) seed \(F.seed ^ 11)")
                #expect(used == bytes.count)
            }
            var cases32: [[Int32]] = []
            cases32.append((0..<size).map { _ in Int32.random(in: .min ... .max, using: &rng) })
            cases32.append((0..<size).map { i in i % 2 == 0 ? .min : .max })
            cases32.append((0..<size).map { i in Int32(truncatingIfNeeded: i * 3 - 50) })
            for (k, values) in cases32.enumerated() {
                let bytes = Self.encode32(values)
                let (decoded, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt32(&r, maxCount: size) }
                #expect(decoded == values, "Int32 case \(k) size \(size) seed \(F.seed ^ 11)")
                #expect(used == bytes.count)
            }
        }
    }

    @Test("Int32 extremes use 32-bit wrapping deltas: widths never exceed 32")
    func int32Widths() throws {
        let values: [Int32] = (0..<129).map { i in i % 2 == 0 ? .min : .max }
        let bytes = Self.encode32(values)
        // header 80 01 04 81 01 + zigzag(Int32.min) = 0xFFFFFFFF as 5 varint bytes
        #expect(Array(bytes.prefix(10)) == [0x80, 0x01, 0x04, 0x81, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        // Deltas alternate -1 and +1 (mod 2^32): min delta -1 (zigzag 1); relative deltas 0 and 2,
        // so every miniblock is 2 bits wide (64-bit deltas would need 33).
        #expect(Array(bytes[10..<15]) == [0x01, 0x02, 0x02, 0x02, 0x02])
    }

    @Test("DELTA_LENGTH_BYTE_ARRAY: the Encodings.md example and round trips")
    func deltaLength() throws {
        let example = F.strings(["Hello", "World", "Foobar", "ABCDEF"])
        let bytes = F.bytes { out in example.withView { DeltaLengthByteArray.encode($0, into: &out) } }
        let (lengths, used) = try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt32(&r, maxCount: 4) }
        #expect(lengths == [5, 5, 6, 6])
        #expect(Array(bytes[used...]) == Array("HelloWorldFoobarABCDEF".utf8))
        #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaLengthByteArray.decode(&r, maxCount: 4) }.0 == F.strings(["Hello", "World", "Foobar", "ABCDEF"]))

        var rng = SeededGenerator(seed: F.seed ^ 12)
        let special = [[], Array("é中🙂".utf8), [UInt8](repeating: 0x41, count: 70_000), []] as [[UInt8]]
        for size in F.sizes {
            let list = Array((special + F.randomByteArrays(count: size, using: &rng)).prefix(size))
            let values = F.byteArrays(list, leadingBytes: 5)
            let encoded = F.bytes { out in values.withView { DeltaLengthByteArray.encode($0, into: &out) } }
            let (decoded, used) = try decodingForTest(encoded) { (r) throws(ParquetError) in try DeltaLengthByteArray.decode(&r, maxCount: size) }
            #expect(F.list(decoded) == list, "size \(size) seed \(F.seed ^ 12)")
            #expect(used == encoded.count)
        }
    }

    @Test("DELTA_BYTE_ARRAY: the Encodings.md example axis, axle, babble, babyhood")
    func deltaByteArrayExample() throws {
        let example = F.strings(["axis", "axle", "babble", "babyhood"])
        let bytes = F.bytes { out in example.withView { DeltaByteArray.encode($0, into: &out) } }
        try bytes.withUnsafeBytes { (raw) throws in
            var r = ByteReader(raw)
            #expect(try DeltaBinaryPacked.decodeInt32(&r, maxCount: 4) == [0, 2, 0, 3])
            #expect(try DeltaBinaryPacked.decodeInt32(&r, maxCount: 4) == [4, 2, 6, 5])
            #expect(Array(try r.readBytes(r.remaining)) == Array("axislebabbleyhood".utf8))
        }
        #expect(try decodingForTest(bytes) { (r) throws(ParquetError) in try DeltaByteArray.decode(&r, maxCount: 4) }.0 == example)
    }

    @Test("DELTA_BYTE_ARRAY round-trips byte arrays and fixed-length byte arrays")
    func deltaByteArray() throws {
        var rng = SeededGenerator(seed: F.seed ^ 13)
        let special = [[], [], Array("é中🙂".utf8), Array("é中🙂!".utf8), [UInt8](repeating: 0x41, count: 70_000), [UInt8](repeating: 0x41, count: 70_001), []] as [[UInt8]]
        for size in F.sizes {
            let list = Array((special + F.randomByteArrays(count: size, using: &rng)).prefix(size))
            let values = F.byteArrays(list, leadingBytes: 2)
            let encoded = F.bytes { out in values.withView { DeltaByteArray.encode($0, into: &out) } }
            let (decoded, used) = try decodingForTest(encoded) { (r) throws(ParquetError) in try DeltaByteArray.decode(&r, maxCount: size) }
            #expect(F.list(decoded) == list, "size \(size) seed \(F.seed ^ 13)")
            #expect(used == encoded.count)
            for width in [1, 4, 16] {
                // Sorted-ish fixed values so prefixes are shared.
                var data: [UInt8] = []
                for i in 0..<size {
                    var v = (0..<width).map { _ in UInt8.random(in: 0...3, using: &rng) }
                    if i > 0 && Bool.random(using: &rng) { v = Array(data[(i - 1) * width ..< i * width]) }
                    data += v
                }
                let fixed = F.bytes { out in data.withUnsafeBytes { DeltaByteArray.encode(FixedBytesView(data: $0, width: width, count: size), into: &out) } }
                let (back, usedFixed) = try decodingForTest(fixed) { (r) throws(ParquetError) in try DeltaByteArray.decodeFixedBytes(&r, width: width, maxCount: size) }
                #expect(back == data, "width \(width) size \(size) seed \(F.seed ^ 13)")
                #expect(usedFixed == fixed.count)
            }
        }
    }

    @Test("decoders reject bad headers, counts over the bound, wide miniblocks and truncation")
    func rejects() {
        func d64(_ b: [UInt8], max: Int = 100) throws { _ = try decodingForTest(b) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt64(&r, maxCount: max) } }
        func d32(_ b: [UInt8], max: Int = 100) throws { _ = try decodingForTest(b) { (r) throws(ParquetError) in try DeltaBinaryPacked.decodeInt32(&r, maxCount: max) } }
        #expect(throws: ParquetError.self) { try d64([]) }
        #expect(throws: ParquetError.self) { try d64([0x08, 0x01, 0x05, 0x02, 0x02, 0x00]) }  // block size 8
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x03, 0x05, 0x02, 0x02, 0, 0, 0]) }  // 3 miniblocks
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x08, 0x05, 0x02, 0x02, 0, 0, 0]) }  // 16 values per miniblock
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0], max: 4) }  // count over bound
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0]) }  // widths cut
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 65, 0, 0, 0] + [UInt8](repeating: 0, count: 300)) }
        #expect(throws: ParquetError.self) { try d32([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 33, 0, 0, 0] + [UInt8](repeating: 0, count: 300)) }
        #expect(throws: ParquetError.self) { try d32([0x80, 0x01, 0x04, 0x01, 0xFE, 0xFF, 0xFF, 0xFF, 0x1F]) }  // first value beyond Int32
        #expect(throws: ParquetError.self) { try d64([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 3, 0, 0, 0, 1, 2]) }  // miniblock cut
        // DELTA_LENGTH with lengths past the data, negative lengths; DELTA_BYTE_ARRAY prefix too long.
        let lengths = F.bytes { out in [Int32(5)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest(lengths + [1, 2]) { (r) throws(ParquetError) in try DeltaLengthByteArray.decode(&r, maxCount: 1) } }
        let negative = F.bytes { out in [Int32(-1)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest(negative + [1, 2]) { (r) throws(ParquetError) in try DeltaLengthByteArray.decode(&r, maxCount: 1) } }
        let prefixes = F.bytes { out in [Int32(1)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
        let suffixes = F.bytes { out in [Int32(1)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest(prefixes + suffixes + [0x61]) { (r) throws(ParquetError) in try DeltaByteArray.decode(&r, maxCount: 1) } }
        let two = F.bytes { out in [Int32(0), Int32(0)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest(prefixes + two) { (r) throws(ParquetError) in try DeltaByteArray.decode(&r, maxCount: 2) } }
        let fixed = F.strings(["abc"])
        let encoded = F.bytes { out in fixed.withView { DeltaByteArray.encode($0, into: &out) } }
        #expect(throws: ParquetError.self) { _ = try decodingForTest(encoded) { (r) throws(ParquetError) in try DeltaByteArray.decodeFixedBytes(&r, width: 4, maxCount: 1) } }
    }
}
