import Testing
@testable import TarnCore

@Suite struct ColumnDisplayTests {
    func texts(_ column: Column, _ type: DataType) -> [String] {
        (0..<column.count).map { column.displayValue(at: $0, type: type) }
    }

    @Test func integersAndUnsigned() {
        #expect(texts(Column([Int32(-128), 127, nil]), .int8) == ["-128", "127", "NULL"])
        #expect(texts(Column([Int64.min, Int64.max]), .int64) == ["-9223372036854775808", "9223372036854775807"])
        #expect(texts(Column([Int32(-1), 255]), .uint32) == ["4294967295", "255"])
        #expect(texts(Column([Int32(65_535)]), .uint16) == ["65535"])
        #expect(texts(Column([Int64(-1), 0]), .uint64) == ["18446744073709551615", "0"])
        #expect(texts(Column(booleans: [true, false, nil]), .boolean) == ["true", "false", "NULL"])
    }

    @Test func decimals() {
        #expect(texts(Column([Int32(12345), -5, 0, nil]), .decimal(precision: 5, scale: 2)) == ["123.45", "-0.05", "0.00", "NULL"])
        #expect(texts(Column([Int64(-123_456_789_012)]), .decimal(precision: 18, scale: 4)) == ["-12345678.9012"])
        let big = Int128(10).power(38) - 1
        #expect(texts(Column([big, -big]), .decimal(precision: 38, scale: 10))
                == ["9999999999999999999999999999.9999999999", "-9999999999999999999999999999.9999999999"])
        #expect(texts(Column([Int32(42)]), .decimal(precision: 9, scale: 0)) == ["42"])
    }

    @Test func floatsAreShortestRoundTrip() {
        #expect(texts(Column([0.1, 1.0, -0.0, 1e-5, 1e16, 123_456.789, .nan, .infinity, -.infinity, nil]), .float64)
                == ["0.1", "1.0", "-0.0", "1e-05", "1e+16", "123456.789", "nan", "inf", "-inf", "NULL"])
        #expect(texts(Column([Float(0.1), 3.4028235e38, 1e-45]), .float32) == ["0.1", "3.4028235e+38", "1e-45"])
    }

    @Test func datesTimesAndTimestamps() {
        #expect(texts(Column([Int32(20_057), 0, -1, -719_162, 2_932_896]), .date)
                == ["2024-11-30", "1970-01-01", "1969-12-31", "0001-01-01", "9999-12-31"])
        #expect(texts(Column([Int64(45_296_123_456), 0]), .time(.microseconds)) == ["12:34:56.123456", "00:00:00"])
        #expect(texts(Column([Int32(45_296_500)]), .time(.milliseconds)) == ["12:34:56.500"])
        #expect(texts(Column([Int64(86_399_999_999_999)]), .time(.nanoseconds)) == ["23:59:59.999999999"])
        let micros = Int64(1_732_970_096_123_456)  // 2024-11-30 12:34:56.123456
        #expect(texts(Column([micros, nil]), .timestamp(.microseconds, utc: false)) == ["2024-11-30 12:34:56.123456", "NULL"])
        #expect(texts(Column([micros]), .timestamp(.microseconds, utc: true)) == ["2024-11-30 12:34:56.123456Z"])
        #expect(texts(Column([Int64(1_732_970_096_000)]), .timestamp(.milliseconds, utc: true)) == ["2024-11-30 12:34:56Z"])
        #expect(texts(Column([Int64(-1)]), .timestamp(.nanoseconds, utc: false)) == ["1969-12-31 23:59:59.999999999"])
        #expect(texts(Column([Int64.min]), .timestamp(.nanoseconds, utc: false)) == ["1677-09-21 00:12:43.145224192"])
    }

    @Test func uuidStringsAndBinary() {
        let uuid: [UInt8] = [0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00]
        #expect(texts(Column(fixedBytes: [uuid, nil], width: 16), .uuid) == ["123e4567-e89b-12d3-a456-426614174000", "NULL"])
        #expect(texts(Column(strings: ["héllo", "", nil, "a\tb"]), .string) == ["héllo", "", "NULL", "a\tb"])
        #expect(texts(Column(strings: ["{\"a\": 1}"]), .json) == ["{\"a\": 1}"])
        #expect(texts(Column(binary: [[0x41, 0x00, 0xFF, 0x5C], []]), .binary) == ["A\\x00\\xFF\\x5C", ""])
    }

    @Test func nestedValues() {
        let list = Column(listLengths: [3, nil, 0], element: Column([Int64(1), 2, nil]))
        #expect(texts(list, .list(Field("element", .int64))) == ["[1, 2, null]", "NULL", "[]"])

        let structType = DataType.structure([Field("a", .int32), Field("b", .string)])
        let structs = Column(structPresence: [true, false, true], children: [Column([Int32(1), 0, nil]), Column(strings: ["x", nil, "y"])])
        #expect(texts(structs, structType) == ["{a: 1, b: x}", "NULL", "{a: null, b: y}"])

        let mapType = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .list(Field("element", .int64))))
        let map = Column(mapLengths: [2, 0, nil], keys: Column(strings: ["k", "v"]),
                         values: Column(listLengths: [1, nil], element: Column([Int64(7)])))
        #expect(texts(map, mapType) == ["{k: [7], v: null}", "{}", "NULL"])

        let listOfStructs = Column(listLengths: [2], element: structs.sliceForTest(0..<2))
        #expect(texts(listOfStructs, .list(Field("element", structType))) == ["[{a: 1, b: x}, null]"])
    }

    @Test func tableHasNamesTypesAndAlignedCells() throws {
        let schema = Schema([Field("id", .int64), Field("name", .string), Field("price", .decimal(precision: 5, scale: 2))])
        let batch = try ColumnBatch(schema: schema, columns: [Column([Int64(1), 22, 333]), Column(strings: ["alpha", nil, "line\nbreak"]),
                                                              Column([Int32(1250), 5, nil])])
        #expect(batch.formatTable() == """
            +-------+-------------+--------------+
            | id    | name        | price        |
            | int64 | string      | decimal(5,2) |
            +-------+-------------+--------------+
            |     1 | alpha       |        12.50 |
            |    22 | NULL        |         0.05 |
            |   333 | line\\nbreak |         NULL |
            +-------+-------------+--------------+

            """)
        #expect(batch.formatTable(maxRows: 1) == """
            +-------+--------+--------------+
            | id    | name   | price        |
            | int64 | string | decimal(5,2) |
            +-------+--------+--------------+
            |     1 | alpha  |        12.50 |
            +-------+--------+--------------+
            3 rows (1 shown)

            """)
    }

    @Test func tableFitsItsWidth() throws {
        let long = String(repeating: "x", count: 200)
        let schema = Schema((0..<12).map { Field("column_\($0)", .string) })
        let batch = try ColumnBatch(schema: schema, columns: (0..<12).map { _ in Column(strings: [long, "short"]) })
        let table = batch.formatTable(maxRows: 10, maxWidth: 80)
        let lines = table.split(separator: "\n")
        for line in lines.dropLast() { #expect(line.count <= 80, "\(line)") }
        #expect(table.contains("...") && table.hasSuffix("12 columns (4 shown)\n"))

        let narrow = try ColumnBatch(schema: Schema([Field("text", .string)]), columns: [Column(strings: [long])])
        let cut = narrow.formatTable(maxWidth: 30).split(separator: "\n")
        #expect(cut.allSatisfy { $0.count == 30 })
        #expect(cut[4] == "| " + String(repeating: "x", count: 23) + "... |")
    }

    @Test func emptyBatchTable() throws {
        let batch = try ColumnBatch(schema: Schema([Field("a", .int32)]), columns: [Column([Int32]())])
        #expect(batch.formatTable() == "+-------+\n| a     |\n| int32 |\n+-------+\n0 rows\n")
    }
}

private extension Int128 {
    func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { acc, _ in acc * self } }
}

private extension Column {
    /// The first rows of a struct column (test helper).
    func sliceForTest(_ range: Range<Int>) -> Column {
        guard case .structure(let children) = values else { return self }
        let kids = children.map { child -> Column in
            switch child.values {
            case .int32(let v): return Column(values: .int32(Array(v[range])), validity: child.validity.map { b in Bitmap(range.map { b[$0] }) }, count: range.count)
            case .bytes(let o, let d): return Column(values: .bytes(offsets: Array(o[range.lowerBound...range.upperBound]), data: Array(d[0..<Int(o[range.upperBound])])),
                                                     validity: child.validity.map { b in Bitmap(range.map { b[$0] }) }, count: range.count)
            default: return child
            }
        }
        return Column(values: .structure(kids), validity: validity.map { b in Bitmap(range.map { b[$0] }) }, count: range.count)
    }
}
