import Testing
@testable import TarnParquet

/// Reads `bytes` with a fresh reader.
func withReader<T>(_ bytes: [UInt8], _ body: (inout CompactReader) throws(ParquetError) -> T) throws(ParquetError) -> T {
    var result: Result<T, ParquetError>!
    bytes.withUnsafeBytes { raw in
        var reader = CompactReader(raw)
        result = Result { () throws(ParquetError) -> T in try body(&reader) }
    }
    return try result.get()
}

@Suite("Thrift compact protocol")
struct CompactProtocolTests {
    @Test("integers round-trip at their edges")
    func integers() throws {
        let i16s: [Int16] = [0, 1, -1, 63, -64, 64, .max, .min]
        let i32s: [Int32] = [0, 1, -1, 127, 128, -129, .max, .min]
        let i64s: [Int64] = [0, 1, -1, 1 << 40, -(1 << 40), .max, .min]
        let i8s: [Int8] = [0, 1, -1, .max, .min]
        var writer = CompactWriter()
        writer.writeStructBegin()
        var id: Int16 = 0
        for v in i8s { id += 1; writer.writeField(id, i8: v) }
        for v in i16s { id += 1; writer.writeField(id, i16: v) }
        for v in i32s { id += 1; writer.writeField(id, i32: v) }
        for v in i64s { id += 1; writer.writeField(id, i64: v) }
        writer.writeField(100, double: -2.5)
        writer.writeStructEnd()
        try withReader(writer.bytes) { (reader: inout CompactReader) throws(ParquetError) in
            try reader.readStructBegin()
            for v in i8s { #expect(try reader.readI8(reader.readFieldHeader()!) == v) }
            for v in i16s { #expect(try reader.readI16(reader.readFieldHeader()!) == v) }
            for v in i32s { #expect(try reader.readI32(reader.readFieldHeader()!) == v) }
            for v in i64s { #expect(try reader.readI64(reader.readFieldHeader()!) == v) }
            let field = try reader.readFieldHeader()!
            #expect(field.id == 100)
            #expect(try reader.readDouble(field) == -2.5)
            #expect(try reader.readFieldHeader() == nil)
            reader.readStructEnd()
            #expect(reader.input.isAtEnd)
        }
    }

    @Test("zigzag varint bytes match the spec")
    func zigzagBytes() {
        var writer = CompactWriter()
        writer.writeI32(-1)
        writer.writeI32(1)
        writer.writeI32(64)
        writer.writeI64(-65)
        #expect(writer.bytes == [0x01, 0x02, 0x80, 0x01, 0x81, 0x01])
    }

    @Test("field headers: short form for deltas 1...15, long form otherwise")
    func fieldHeaders() throws {
        var writer = CompactWriter()
        writer.writeStructBegin()
        writer.writeField(1, i32: 0)      // delta 1
        writer.writeField(16, i32: 0)     // delta 15
        writer.writeField(32, i32: 0)     // delta 16: long form
        writer.writeField(5, i32: 0)      // backwards: long form
        writer.writeField(300, i32: 0)    // long form, id needs two varint bytes
        writer.writeStructEnd()
        #expect(writer.bytes == [0x15, 0, 0xF5, 0, 0x05, 0x40, 0, 0x05, 0x0A, 0, 0x05, 0xD8, 0x04, 0, 0])
        let ids = try withReader(writer.bytes) { (reader: inout CompactReader) throws(ParquetError) -> [Int16] in
            try reader.readStructBegin()
            var ids: [Int16] = []
            while let field = try reader.readFieldHeader() {
                ids.append(field.id)
                _ = try reader.readI32(field)
            }
            return ids
        }
        #expect(ids == [1, 16, 32, 5, 300])
    }

    @Test("bools live in the field type nibble; list bools take a byte")
    func bools() throws {
        var writer = CompactWriter()
        writer.writeStructBegin()
        writer.writeField(1, bool: true)
        writer.writeField(2, bool: false)
        writer.writeField(3, boolList: [true, false, true])
        writer.writeStructEnd()
        #expect(writer.bytes == [0x11, 0x12, 0x19, 0x31, 1, 2, 1, 0])
        try withReader(writer.bytes) { (reader: inout CompactReader) throws(ParquetError) in
            try reader.readStructBegin()
            #expect(try reader.readBool(reader.readFieldHeader()!) == true)
            #expect(try reader.readBool(reader.readFieldHeader()!) == false)
            #expect(try reader.readBoolList(reader.readFieldHeader()!) == [true, false, true])
        }
    }

    @Test("lists: short header below 15 elements, long header from 15", arguments: [0, 1, 14, 15, 16, 300])
    func lists(count: Int) throws {
        let values = (0..<count).map { Int64($0) * 1_000_003 - 7 }
        let strings = (0..<count).map { "s\($0)" }
        var writer = CompactWriter()
        writer.writeStructBegin()
        writer.writeField(1, i64List: values)
        writer.writeField(2, stringList: strings)
        writer.writeField(3, binaryList: strings.map { Array($0.utf8) })
        writer.writeField(4, i32List: values.map { Int32(truncatingIfNeeded: $0) })
        writer.writeStructEnd()
        #expect(writer.bytes[1] == (count < 15 ? UInt8(count) << 4 | 6 : 0xF6))
        try withReader(writer.bytes) { (reader: inout CompactReader) throws(ParquetError) in
            try reader.readStructBegin()
            #expect(try reader.readI64List(reader.readFieldHeader()!) == values)
            #expect(try reader.readStringList(reader.readFieldHeader()!) == strings)
            #expect(try reader.readBinaryList(reader.readFieldHeader()!) == strings.map { Array($0.utf8) })
            #expect(try reader.readI32List(reader.readFieldHeader()!) == values.map { Int32(truncatingIfNeeded: $0) })
            #expect(try reader.readFieldHeader() == nil)
        }
    }

    @Test("unknown fields of every type are skipped")
    func skipUnknown() throws {
        // A KeyValue with extra fields before and after the known ones.
        var writer = CompactWriter()
        writer.writeStructBegin()
        writer.writeField(1, string: "k")
        writer.writeField(3, bool: true)
        writer.writeField(4, i8: 5)
        writer.writeField(5, i16: -300)
        writer.writeField(6, i64: 1 << 50)
        writer.writeField(7, double: 1.5)
        writer.writeField(8, binary: [1, 2, 3])
        writer.writeField(9, i64List: Array(0..<20))
        writer.writeField(10, list: [KeyValue(key: "nested", value: "x")])
        writer.writeField(11, boolList: [true, false])
        writer.writeFieldHeader(.struct, id: 12)
        writer.writeStructBegin()
        writer.writeField(1, i32: 9)
        writer.writeFieldHeader(.struct, id: 2)
        writer.writeStructBegin()
        writer.writeField(1, bool: false)
        writer.writeStructEnd()
        writer.writeStructEnd()
        // A map<i32, string> with two entries, then an empty map.
        writer.writeFieldHeader(.map, id: 13)
        writer.output.writeVarint(2)
        writer.output.write(UInt8(0x58))
        writer.writeI32(1); writer.writeString("a")
        writer.writeI32(2); writer.writeString("b")
        writer.writeFieldHeader(.map, id: 14)
        writer.output.writeVarint(0)
        writer.writeField(200, string: "far away")
        writer.writeStructEnd()
        // Field 2 (value) comes after the unknown ones via a long-form header.
        var bytes = writer.bytes
        bytes.removeLast()
        bytes += [0x08, 0x04, 0x01, UInt8(ascii: "v"), 0]
        let kv = try KeyValue(decoding: bytes)
        #expect(kv == KeyValue(key: "k", value: "v"))
    }

    @Test("truncated input throws at every length")
    func truncated() {
        var metadata = FileMetaData(version: 1, schema: [SchemaElement(name: "root")], numRows: 3, rowGroups: [])
        metadata.keyValueMetadata = [KeyValue(key: "a", value: String(repeating: "b", count: 40))]
        metadata.createdBy = "tarn"
        metadata.columnOrders = [.typeDefinedOrder]
        let bytes = metadata.serialized()
        #expect((try? FileMetaData(decoding: bytes)) == metadata)
        for length in 0..<bytes.count {
            #expect(throws: ParquetError.self) { _ = try FileMetaData(decoding: Array(bytes[..<length])) }
        }
    }

    @Test("hostile input: huge lengths, huge lists, deep nesting, bad types")
    func hostile() {
        let cases: [(String, [UInt8])] = [
            ("binary length beyond input", [0x48, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x41]),
            ("list size beyond input", [0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            ("short list size beyond input", [0x19, 0xEC, 0]),
            ("map size beyond input", [0x1B, 0xFF, 0xFF, 0xFF, 0x0F, 0x88]),
            ("deep structs", Array(repeating: 0x1C, count: 10_000)),
            ("deep lists", Array(repeating: 0x19, count: 1) + Array(repeating: 0x19, count: 10_000)),
            ("unknown type code", [0x1D, 0]),
            ("type 0 in list", [0x19, 0x10, 0]),
            ("overlong varint", [0x15] + Array(repeating: 0xFF, count: 11) + [0x01]),
            ("i32 out of range", [0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0]),
            ("field id overflow", [0x05, 0xFE, 0xFF, 0x03, 0x00, 0xF5, 0x00, 0]),
            ("bad bool element", [0x19, 0x11, 0x07, 0]),
            ("required field missing", [0]),
            ("empty", []),
        ]
        for (name, bytes) in cases {
            let error = #expect(throws: ParquetError.self, "\(name)") { _ = try FileMetaData(decoding: bytes) }
            #expect(error?.kind == .malformed, "\(name)")
        }
    }

    @Test("a field of an unexpected type is skipped, as Thrift's generated readers do")
    func wrongType() throws {
        var writer = CompactWriter()
        writer.writeStructBegin()
        writer.writeField(1, string: "not an i32")
        writer.writeStructEnd()
        let error = #expect(throws: ParquetError.self) { _ = try FileMetaData(decoding: writer.bytes) }
        #expect(error?.message.contains("lacks required field version") == true)

        // An optional field of the wrong type (a list at ColumnMetaData 15, seen in the
        // wild) is dropped; i16 list elements read as i32.
        var column = CompactWriter()
        column.writeStructBegin()
        column.writeField(1, i32: 1)
        column.writeFieldHeader(.list, id: 2)
        column.writeListHeader(.i16, count: 2)
        column.writeI16(0); column.writeI16(8)
        column.writeField(3, stringList: ["a"])
        column.writeField(4, i32: 0)
        column.writeField(5, i64: 1)
        column.writeField(6, i64: 2)
        column.writeField(7, i64: 3)
        column.writeField(9, i64: 4)
        column.writeField(15, i64List: [1, 2])
        column.writeStructEnd()
        let decoded = try ColumnMetaData(decoding: column.bytes)
        #expect(decoded.encodings == [.plain, .rleDictionary])
        #expect(decoded.bloomFilterLength == nil)
        #expect(decoded.dataPageOffset == 4)
    }
}
