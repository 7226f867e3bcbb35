import Testing
@testable import TarnCore

@Suite struct ColumnBatchTests {
    @Test func buildersMoveBuffersIntoColumns() throws {
        var ints = FixedWidthColumnBuilder<Int64>()
        ints.append(1); ints.appendNull(); ints.append(3)
        let column = ints.finish()
        #expect(column.count == 3)
        #expect(column.nullCount == 1)
        #expect(column.isNull(1) && !column.isNull(0))
        guard case .int64(let values) = column.values else { Issue.record("wrong storage"); return }
        #expect(values == [1, 0, 3])
    }

    @Test func validityIsAbsentWithoutNulls() {
        let column = Column([Int32(1), 2, 3])
        #expect(column.validity == nil)
        #expect(column.nullCount == 0)
    }

    @Test func stringsShareOneBuffer() {
        let column = Column(strings: ["ab", nil, "", "ü"])
        guard case .bytes(let offsets, let data) = column.values else { Issue.record("wrong storage"); return }
        #expect(offsets == [0, 2, 2, 2, 4])
        #expect(data == Array("abü".utf8))
        #expect(column.nullCount == 1)
    }

    @Test func batchRejectsWrongStorage() {
        let schema = Schema([Field("a", .int64)])
        #expect(throws: DataError.self) { try ColumnBatch(schema: schema, columns: [Column([Int32(1)])]) }
    }

    @Test func batchRejectsNullsInRequiredField() {
        let schema = Schema([Field("a", .int64, nullable: false)])
        do {
            _ = try ColumnBatch(schema: schema, columns: [Column([Int64(1), nil])])
            Issue.record("expected an error")
        } catch {
            #expect(error.column == "a")
            #expect(error.description == "column 'a': is not nullable but has 1 nulls")
        }
    }

    @Test func batchRejectsUnequalRowCounts() {
        let schema = Schema([Field("a", .int64), Field("b", .string)])
        #expect(throws: DataError.self) {
            try ColumnBatch(schema: schema, columns: [Column([Int64(1), 2]), Column(strings: ["x"])])
        }
    }

    @Test func nestedColumnsValidate() throws {
        let element = Field("element", .int32)
        let schema = Schema([Field("l", .list(element)),
                             Field("s", .structure([Field("x", .string)])),
                             Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int64)))])
        let list = Column(listLengths: [2, nil, 0], element: Column([Int32(1), nil]))
        let structure = Column(structPresence: [true, false, true], children: [Column(strings: ["a", nil, "c"])])
        let map = Column(mapLengths: [1, 0, nil], keys: Column(strings: ["k"]), values: Column([Int64(5)]))
        let batch = try ColumnBatch(schema: schema, columns: [list, structure, map])
        #expect(batch.rowCount == 3)

        let badList = Column(values: .list(offsets: [0, 3], element: Column([Int32(1)])))
        #expect(throws: DataError.self) {
            try ColumnBatch(schema: Schema([Field("l", .list(element))]), columns: [badList])
        }
    }

    @Test func bitmapEdges() {
        for count in [0, 1, 63, 64, 65, 130] {
            let ones = Bitmap(repeating: true, count: count)
            #expect(ones.setCount == count)
            var built = Bitmap()
            for i in 0..<count { built.append(i % 3 == 0) }
            #expect(built.setCount == (count + 2) / 3)
        }
    }

    @Test func utf8Validation() {
        func check(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } }
        #expect(check(Array("plain ascii text, longer than eight".utf8)) == nil)
        #expect(check(Array("héllo wörld 😀 日本".utf8)) == nil)
        #expect(check([0x61, 0x62, 0xC0, 0x80]) == 2)           // overlong
        #expect(check([0xED, 0xA0, 0x80]) == 0)                  // surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]) == 0)            // above U+10FFFF
        #expect(check(Array("abcdefghij".utf8) + [0xE2, 0x82]) == 10) // truncated
    }
}

@Suite struct DataTypeParsingTests {
    @Test(arguments: [
        DataType.int64, .decimal(precision: 38, scale: 10), .timestamp(.microseconds, utc: true),
        .timestamp(.nanoseconds, utc: false), .time(.milliseconds), .uuid, .json,
        .list(Field("element", .list(Field("element", .string, nullable: false)))),
        .structure([Field("a", .int32, nullable: false), Field("b", .map(key: Field("key", .string, nullable: false), value: Field("value", .float64)))]),
    ])
    func descriptionRoundTrips(_ type: DataType) throws {
        #expect(try DataType(parsing: type.description) == type)
    }

    @Test func errorsNamePosition() {
        do {
            _ = try DataType(parsing: "decimal(10 2)")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("at character"))
            #expect(error.message.contains("expected ','"))
        }
        #expect(throws: DataError.self) { try DataType(parsing: "strin") }
        #expect(throws: DataError.self) { try DataType(parsing: "int64 extra") }
    }
}

@Suite struct BitmapAppendTests {
    @Test func appendingRangesMatchesBitByBit() {
        let source = Bitmap((0..<300).map { ($0 * 7 + $0 / 5) % 3 == 0 })
        for start in [0, 1, 63, 64, 65, 130] {
            for length in [0, 1, 63, 64, 65, 128, 170 - start % 7] where start + length <= 300 {
                for prefix in [0, 5, 64] {
                    var bulk = Bitmap((0..<prefix).map { $0 % 2 == 0 })
                    var single = bulk
                    source.words.withUnsafeBufferPointer { bulk.append(words: $0, range: start..<(start + length)) }
                    for i in start..<(start + length) { single.append(source[i]) }
                    #expect(bulk == single, "start \(start) length \(length) prefix \(prefix)")
                }
            }
        }
        #expect(Bitmap(words: [~0, ~0], count: 70).setCount == 70)
    }
}

@Suite struct ASCIICheckTests {
    @Test func findsAHighByteAnywhere() {
        for length in [0, 1, 31, 32, 33, 4095, 4096, 4097, 10_000] {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(bytes.withUnsafeBytes { UTF8Validation.isASCII($0) })
            for position in Set([0, length / 2, length - 1]) where position >= 0 && position < length {
                bytes[position] = 0xC3
                #expect(!bytes.withUnsafeBytes { UTF8Validation.isASCII($0) }, "\(length) at \(position)")
                bytes[position] = UInt8(ascii: "a")
            }
        }
    }
}
