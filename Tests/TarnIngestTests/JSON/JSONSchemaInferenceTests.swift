import TarnCore
@testable import TarnIngest
import Testing

@Suite struct JSONSchemaInferenceTests {
    @Test func nestedStructsAndListsToDepthFour() throws {
        let text = """
        {"id": 1, "a": {"b": {"c": {"d": [1, 2]}}}, "tags": [{"k": "x", "v": [true]}]}
        {"id": 2, "a": {"b": {"c": {"d": []}}}, "tags": []}

        """
        let inferred = try inferJSON(text)
        #expect(describe(inferred.schema) ==
            "id: int32, a: struct<b: struct<c: struct<d: list<int32>>>>, tags: list<struct<k: string, v: list<boolean>>>")
        #expect(inferred.explanations.map(\.column) ==
            ["id", "a", "a.b", "a.b.c", "a.b.c.d", "a.b.c.d.element", "tags", "tags.element", "tags.element.k",
             "tags.element.v", "tags.element.v.element"])
        #expect(inferred.recordsSampled == 2)
        #expect(inferred.wholeInput)
        let d = inferred.explanations.first { $0.column == "a.b.c.d" }
        #expect(d?.reason == "arrays of up to 2 elements, 2 in all (2 values, 0 nulls)")
    }

    @Test func keysAreUnionedInFirstSeenOrder() throws {
        let inferred = try inferJSON(#"{"b": 1}\#n{"c": "x", "b": 2}\#n{"a": true}\#n"#)
        #expect(describe(inferred.schema) == "b: int32, c: string, a: boolean")
        let a = inferred.explanations.first { $0.column == "a" }
        #expect(a?.reason == "every value is true or false (1 values, 0 nulls, missing in 2 objects)")
    }

    @Test func numbersWiden() throws {
        func type(_ values: [String]) throws -> String {
            let text = values.map { "{\"n\": \($0)}\n" }.joined()
            return try describe(inferJSON(text).schema)
        }
        #expect(try type(["1", "-2147483648", "2147483647"]) == "n: int32")
        #expect(try type(["1", "2147483648"]) == "n: int64")
        #expect(try type(["1", "2.5"]) == "n: float64")
        #expect(try type(["1e3"]) == "n: float64")
        #expect(try type(["1", "9223372036854775808"]) == "n: decimal(38,0)")
        #expect(try type(["-99999999999999999999999999999999999999"]) == "n: decimal(38,0)")
        #expect(try type(["999999999999999999999999999999999999999"]) == "n: string") // 39 digits
        #expect(try type(["1.5", "1e400"]) == "n: string")
        #expect(try type(["1", "true"]) == "n: string")
        #expect(try type(["1", "\"1\""]) == "n: string")
        #expect(try type(["null", "null"]) == "n: string")
        #expect(try type(["1", "null"]) == "n: int32")
    }

    @Test func stringsRecognizeDatesAndTimestamps() throws {
        func type(_ values: [String]) throws -> String {
            let text = values.map { "{\"t\": \"\($0)\"}\n" }.joined()
            return try describe(inferJSON(text).schema)
        }
        #expect(try type(["2024-01-31", "2024-02-29"]) == "t: date")
        #expect(try type(["2024-01-31T10:00:00Z", "2024-01-31T10:00:00+02:00"]) == "t: timestamp[us, UTC]")
        #expect(try type(["2024-01-31", "2024-01-31 10:00:00"]) == "t: timestamp[us]")
        #expect(try type(["2024-01-31T10:00:00Z", "2024-01-31T10:00:00"]) == "t: string")
        #expect(try type(["2024-01-31", "soon"]) == "t: string")
        #expect(try type(["2024-02-30"]) == "t: string")
        // A string that looks like a number stays a string: JSON said so with its quotes.
        #expect(try type(["12", "true"]) == "t: string")
    }

    @Test func containersMixedWithOtherValuesAreJSON() throws {
        let inferred = try inferJSON("{\"v\": 1}\n{\"v\": {\"a\": 1}}\n{\"v\": [1]}\n{\"w\": {}}\n")
        #expect(describe(inferred.schema) == "v: json, w: json")
        #expect(inferred.explanations[0].reason ==
            "mixes objects and arrays and numbers; kept as JSON text, strings quoted (3 values, 0 nulls, missing in 1 objects)")
        #expect(inferred.explanations[1].reason == "objects that never have a key; kept as JSON text (1 values, 0 nulls, missing in 3 objects)")
    }

    @Test func onlyEmptyArraysGiveAListOfStrings() throws {
        let inferred = try inferJSON("{\"l\": []}\n{\"l\": null}\n")
        #expect(describe(inferred.schema) == "l: list<string>")
        #expect(inferred.explanations.map(\.column) == ["l", "l.element"])
    }

    @Test func nonObjectRecordsAreLeftOut() throws {
        let inferred = try inferJSON("\"x\"\n{\"a\": 1}\n[1]\n7\n")
        #expect(describe(inferred.schema) == "a: int32")
        #expect(inferred.recordsSampled == 1)
    }

    @Test func mergedInferencesEqualOneOverEverything() throws {
        let first = "{\"a\": 1, \"n\": {\"x\": 1}}\n{\"b\": \"2024-01-01\"}\n"
        let second = "{\"a\": 2.5, \"c\": [1], \"n\": {\"y\": true}}\n{\"b\": \"2024-01-01T00:00:00Z\", \"a\": null}\n"
        func inference(_ text: String) throws -> JSONSchemaInference {
            var inference = JSONSchemaInference()
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBytes { raw throws in
                let tape = JSONTape()
                var offset = 0
                while case .document(let tokens, let next) = try JSONLinesReader().next(raw, from: offset, into: tape) {
                    inference.observe(record: tokens.lowerBound, in: tape, bytes: raw)
                    offset = next
                }
            }
            return inference
        }
        var merged = try inference(first)
        merged.merge(try inference(second))
        let whole = try inference(first + second)
        #expect(merged.recordCount == 4)
        #expect(describe(merged.schema) == describe(whole.schema))
        #expect(describe(merged.schema) ==
            "a: float64, n: struct<x: int32, y: boolean>, b: timestamp[us, UTC], c: list<int32>")
        #expect(merged.inferredSchema(wholeInput: true).explanations == whole.inferredSchema(wholeInput: true).explanations)
    }

    @Test func sampleBytesTakesWholeRecordsOnly() throws {
        let text = "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3000000000}\n"
        let sample = try inferJSON(text, sampleBytes: 20) // the second record ends at byte 18
        #expect(describe(sample.schema) == "a: int32")
        #expect(sample.recordsSampled == 2)
        #expect(!sample.wholeInput)
        let tiny = try inferJSON(text, sampleBytes: 1) // still one record
        #expect(tiny.recordsSampled == 1)
        let whole = try inferJSON(text)
        #expect(describe(whole.schema) == "a: int64")
        #expect(whole.wholeInput)
    }
}
