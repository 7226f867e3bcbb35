import TarnCore
@testable import TarnIngest
import Testing

@Suite struct JSONBatchBuilderTests {
    @Test func nestedValuesToDepthFour() throws {
        let text = """
        {"id": 1, "a": {"b": {"c": {"d": [1, 2]}}}, "tags": [{"k": "x", "v": [true, null]}, null]}
        {"id": 2, "a": {"b": {"c": null}}, "tags": []}
        {"id": 3, "a": {"b": null}}
        {"id": 4, "a": null, "tags": [{"v": []}]}

        """
        let read = try readJSON(text)
        #expect(read.rows == [
            "{id: 1, a: {b: {c: {d: [1, 2]}}}, tags: [{k: \"x\", v: [true, null]}, null]}",
            "{id: 2, a: {b: {c: null}}, tags: []}",
            "{id: 3, a: {b: null}, tags: null}",
            "{id: 4, a: null, tags: [{k: null, v: []}]}",
        ])
        #expect(read.reader.recordsRead == 4)
        #expect(read.reader.layout == .lines)
    }

    @Test func nullListAndEmptyListStayDistinct() throws {
        let text = "{\"t\": [1]}\n{\"t\": []}\n{\"t\": null}\n{}\n{\"t\": [2, 3]}\n"
        let schema = try inferJSON(text).schema
        let reader = try JSONTableReader(source: MemoryByteSource(Array(text.utf8)), schema: schema)
        let batch = try #require(try reader.next())
        let column = batch.columns[0]
        guard case .list(let offsets, let element) = column.values else {
            Issue.record("not a list column")
            return
        }
        #expect(offsets == [0, 1, 1, 1, 1, 3])
        #expect((0 ..< 5).map { !column.isNull($0) } == [true, true, false, false, true])
        #expect(element.count == 3)
        #expect(rows(batch) == ["{t: [1]}", "{t: []}", "{t: null}", "{t: null}", "{t: [2, 3]}"])
    }

    @Test func driftWidensAndValuesFollow() throws {
        let text = """
        {"f": 1, "big": 1, "huge": 1, "mix": 1, "s": true}
        {"f": 2.5, "big": 12345678901234567890123, "huge": 1234567890123456789012345678901234567890, "mix": {"a": [1, "x\\"y"], "b": null}, "s": 10}
        {"f": -3, "big": -9223372036854775809, "huge": null, "mix": "text", "s": "str"}
        {"mix": [true, {"z": 1.50}]}

        """
        let inferred = try inferJSON(text)
        #expect(describe(inferred.schema) == "f: float64, big: decimal(38,0), huge: string, mix: json, s: string")
        let read = try readJSON(text, schema: inferred.schema)
        #expect(read.rows == [
            "{f: 1.0, big: 1, huge: \"1\", mix: 1, s: \"true\"}",
            "{f: 2.5, big: 12345678901234567890123, huge: \"1234567890123456789012345678901234567890\", mix: {\"a\":[1,\"x\\\"y\"],\"b\":null}, s: \"10\"}",
            "{f: -3.0, big: -9223372036854775809, huge: null, mix: \"text\", s: \"str\"}",
            "{f: null, big: null, huge: null, mix: [true,{\"z\":1.50}], s: null}",
        ])
    }

    @Test func jsonColumnHoldsValidJSONTextPerRow() throws {
        let text = "{\"v\": \"a\\u00e9\\n\"}\n{\"v\": {\"k\" : [ 1 , 2 ]}}\n{\"v\": null}\n"
        let read = try readJSON(text, schema: Schema([Field("v", .json)]))
        #expect(read.rows == ["{v: \"a\\u00e9\\n\"}", "{v: {\"k\":[1,2]}}", "{v: null}"])
    }

    @Test func timestampsNormalizeToUTCMicroseconds() throws {
        let text = """
        {"z": "2024-01-31T10:00:00Z", "o": "2024-01-31T12:30:00.5+02:30", "l": "2024-01-31 10:00:00", "d": "1970-01-02"}
        {"z": "2024-01-31T10:00:00.123456-01:00", "o": "2024-01-31", "l": "2024-01-31T10:00:00.000001", "d": "1969-12-31"}

        """
        let inferred = try inferJSON(text)
        #expect(describe(inferred.schema) == "z: timestamp[us, UTC], o: timestamp[us, UTC], l: timestamp[us], d: date")
        let read = try readJSON(text, schema: inferred.schema)
        let base: Int64 = 1_706_695_200_000_000 // 2024-01-31T10:00:00Z
        #expect(read.rows == [
            "{z: \(base), o: \(base + 500_000), l: \(base), d: 1}",
            "{z: \(base + 3_600_000_000 + 123_456), o: \(base - 36_000_000_000), l: \(base + 1), d: -1}",
        ])
    }

    @Test func surrogatePairsAndEscapesDecode() throws {
        let text = #"{"s": "\ud83d\ude00 \u00e9\t\/", "k\u00e9y": "v", "plain": "😀"}"# + "\n"
        let inferred = try inferJSON(text)
        #expect(describe(inferred.schema) == "s: string, kéy: string, plain: string")
        let read = try readJSON(text, schema: inferred.schema)
        #expect(read.rows == ["{s: \"😀 é\t/\", kéy: \"v\", plain: \"😀\"}"])
        // The bytes are UTF-8 of U+1F600.
        let reader = try JSONTableReader(source: MemoryByteSource(Array(text.utf8)), schema: inferred.schema)
        let batch = try #require(try reader.next())
        guard case .bytes(let offsets, let data) = batch.columns[0].values else { return }
        #expect(Array(data[Int(offsets[0]) ..< Int(offsets[0]) + 4]) == [0xF0, 0x9F, 0x98, 0x80])
    }

    @Test func keysInAnotherOrderAndDuplicatesLastWins() throws {
        let schema = Schema([Field("a", .int64), Field("b", .structure([Field("x", .int32), Field("y", .list(Field("element", .int32)))])), Field("c", .string)])
        let text = """
        {"c": "first", "b": {"y": [1], "x": 1}, "a": 1}
        {"a": 1, "a": 2, "b": {"y": [1, 2], "x": 5, "y": [3]}, "b": {"x": 7}}
        {"b": {}, "c": "x", "c": "y"}

        """
        let read = try readJSON(text, schema: schema)
        #expect(read.rows == [
            "{a: 1, b: {x: 1, y: [1]}, c: \"first\"}",
            "{a: 2, b: {x: 7, y: null}, c: null}",
            "{a: null, b: {x: null, y: null}, c: \"y\"}",
        ])
    }

    @Test func userSchemaTypesAndMaps() throws {
        let schema = Schema([
            Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int64))),
            Field("d", .decimal(precision: 5, scale: 2)),
            Field("u", .uuid),
            Field("ms", .timestamp(.milliseconds, utc: true)),
            Field("small", .int8),
            Field("r", .structure([Field("req", .int32, nullable: false)])),
        ])
        let text = """
        {"m": {"a": 1, "b\\u0021": null}, "d": 1.5, "u": "123e4567-e89b-12d3-a456-426614174000", "ms": "2024-01-31T10:00:00.123Z", "small": -128, "r": {"req": 1}}
        {"m": {}, "d": -999.99, "r": null}

        """
        let read = try readJSON(text, schema: schema)
        #expect(read.rows == [
            "{m: map{\"a\": 1, \"b!\": null}, d: 150, u: 123e4567e89b12d3a456426614174000, ms: 1706695200123, small: -128, r: {req: 1}}",
            "{m: map{}, d: -99999, u: null, ms: null, small: null, r: null}",
        ])
    }

    @Test func valuesThatDoNotFitAskForWidening() throws {
        func widening(_ schema: Schema, _ text: String) -> WideningNeeded? {
            do {
                _ = try readJSON(text, schema: schema)
                return nil
            } catch {
                return error as? WideningNeeded
            }
        }
        let int32 = Schema([Field("n", .int32)])
        let big = widening(int32, "{\"n\": 1}\n{\"n\": 2147483648}\n")
        #expect(big?.column == "n")
        #expect(big?.type == .int32)
        #expect(big?.value == "2147483648")
        #expect(big?.location == SourceLocation(file: "t.json", line: 2, column: 7, byteOffset: 15))
        #expect(widening(int32, "{\"n\": 1.5}\n")?.value == "1.5")
        #expect(widening(int32, "{\"n\": \"1\"}\n")?.value == "1")
        let nested = widening(Schema([Field("a", .structure([Field("b", .list(Field("element", .boolean)))]))]),
                              "{\"a\": {\"b\": [true, {\"x\": 1}]}}\n")
        #expect(nested?.column == "a.b.element")
        #expect(nested?.value == "{\"x\":1}")
        #expect(nested?.location.column == 20)
        let unknown = widening(int32, "{\"n\": 1, \"new\": [1]}\n")
        #expect(unknown?.column == "new")
        #expect(unknown?.value == "[1]")
        let string = widening(Schema([Field("s", .string)]), "{\"s\": {\"a\": 1}}\n")
        #expect(string?.column == "s")
        let required = widening(Schema([Field("n", .int32, nullable: false)]), "{\"n\": null}\n")
        #expect(required?.value == "null")
        // Unknown keys may be skipped instead.
        let reader = try JSONTableReader(source: MemoryByteSource(Array("{\"n\": 1, \"new\": [1]}\n".utf8)), schema: int32)
        reader.ignoresUnknownKeys = true
        #expect(try reader.next().map(rows) == ["{n: 1}"])
    }
}
