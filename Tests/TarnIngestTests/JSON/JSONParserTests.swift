import TarnCore
@testable import TarnIngest
import Testing

@Suite struct JSONParserTests {
    @Test func tapeOfANestedDocument() throws {
        let kinds = try tokens(#" {"a": [1, 2.5, "x"], "b": {"c": null}, "d": true, "e": false} "#)
        #expect(kinds == ["objectStart", "key", "arrayStart", "number", "number", "string", "arrayEnd",
                          "key", "objectStart", "key", "null", "objectEnd", "key", "true", "key", "false", "objectEnd"])
    }

    @Test func matchingIndicesAndRanges() throws {
        try withTape(#"{"a": [1, {"b": 2}], "c": "xy"}"#) { tape, bytes in
            #expect(tape.matchingIndex(0) == tape.count - 1)
            #expect(tape.matchingIndex(tape.count - 1) == 0)
            #expect(tape.kind(2) == .arrayStart)
            #expect(tape.nextSibling(of: 2) == 9) // skips the array: [ 1 { b 2 } ] → next is key "c"
            #expect(tape.kind(9) == .key)
            #expect(tape.string(9, in: bytes) == "c")
            #expect(tape.byteRange(2) == 6 ..< 19)
            #expect(tape.byteRange(10) == 27 ..< 29)
            #expect(tape.isInteger(3))
        }
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try tokens("1") == ["number"])
        #expect(try tokens(" \"s\"\n") == ["string"])
        #expect(try tokens("null") == ["null"])
        #expect(try tokens("[]") == ["arrayStart", "arrayEnd"])
        #expect(try tokens("{ }") == ["objectStart", "objectEnd"])
    }

    @Test func structureErrors() {
        expectError(#"{"a": 1 "b": 2}"#, "expected ',' or '}' after object member, found '\"'", line: 1, column: 9)
        expectError("[1 2]", "expected ',' or ']' after array element, found '2'", line: 1, column: 4)
        expectError("[1,]", "trailing comma before ']'", line: 1, column: 4)
        expectError(#"{"a":1,}"#, "trailing comma before '}'", line: 1, column: 8)
        expectError(#"{"a" 1}"#, "expected ':' after object key, found '1'", line: 1, column: 6)
        expectError("{1:2}", "expected a string key or '}' after '{', found '1'", line: 1, column: 2)
        expectError("{'a':1}", "expected a string key or '}' after '{', found '''", line: 1, column: 2)
        expectError("[1] x", "unexpected 'x' after the JSON value", line: 1, column: 5)
        expectError("[1, // c\n 2]", "expected a JSON value, found '/'", line: 1, column: 5)
        expectError("", "expected a JSON value, found end of input", line: 1, column: 1)
        expectError("[1,\n  2,\n", "unexpected end of input inside array", line: 3, column: 1)
        expectError("[NaN]", "expected a JSON value, found 'N'", line: 1, column: 2)
        expectError("[Infinity]", "expected a JSON value, found 'I'", line: 1, column: 2)
        expectError("[tru]", "invalid literal; expected 'true'", line: 1, column: 2)
        expectError("nul", "unexpected end of input inside 'null'", line: 1, column: 4)
        expectError("\u{FEFF}{}", "expected a JSON value, found byte 0xEF", line: 1, column: 1)
    }

    @Test func numberErrors() {
        expectError("[01]", "number has a leading zero", line: 1, column: 2)
        expectError("-012", "number has a leading zero", line: 1, column: 1)
        expectError("[+1]", "number cannot start with '+'", line: 1, column: 2)
        expectError("[.5]", "number needs a digit before '.'", line: 1, column: 2)
        expectError("[1.]", "expected a digit after '.' in number, found ']'", line: 1, column: 4)
        expectError("1.", "expected a digit after '.' in number", line: 1, column: 3)
        expectError("[1e]", "expected a digit in the number's exponent, found ']'", line: 1, column: 4)
        expectError("[-]", "expected a digit after '-', found ']'", line: 1, column: 3)
        expectError("[1.5e+]", "expected a digit in the number's exponent, found ']'", line: 1, column: 7)
    }

    @Test func stringErrors() {
        expectError("[\"ab", "unterminated string", line: 1, column: 2)
        expectError(#"["a\x"]"#, "invalid escape '\\x'", line: 1, column: 4)
        expectError("[\"a\tb\"]", "unescaped control character byte 0x09 in string", line: 1, column: 4)
        expectError("[\"a\nb\"]", "unescaped control character byte 0x0A in string", line: 1, column: 4)
        expectError("[\"\u{0}\"]", "unescaped control character byte 0x00 in string", line: 1, column: 3)
        expectError(#"["\u12G4"]"#, "invalid \\u escape: expected 4 hex digits, found 'G'", line: 1, column: 7)
        expectError(#"["\uD800"]"#, "lone high surrogate \\uD800 in string (it must be followed by a \\uDC00-\\uDFFF escape)", line: 1, column: 3)
        expectError(#"["\uD800\u0041"]"#, "lone high surrogate \\uD800 in string (it must be followed by a \\uDC00-\\uDFFF escape)", line: 1, column: 3)
        expectError(#"["\uDC00"]"#, "lone low surrogate \\uDC00 in string", line: 1, column: 3)
    }

    @Test func invalidUTF8IsAnErrorWithItsOffset() {
        let cases: [([UInt8], String, Int)] = [
            ([0x5B, 0x22, 0xC0, 0x80, 0x22, 0x5D], "invalid UTF-8 byte 0xC0", 2),          // overlong lead
            ([0x22, 0x61, 0xE0, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0x80", 3),          // overlong 3-byte
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 byte 0xA0", 2),                // encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0x90", 2),          // above U+10FFFF
            ([0x22, 0xFF, 0x22], "invalid UTF-8 byte 0xFF", 1),
            ([0x22, 0xC3, 0x22], "invalid UTF-8 byte 0x22", 2),                            // truncated sequence
        ]
        for (bytes, message, offset) in cases {
            let error = parseError(bytes)
            #expect(error?.message == message)
            #expect(error?.location.byteOffset == offset)
        }
        // Long strings go through the SIMD path: the bad byte is found past 16-byte blocks.
        var long = Array("\"".utf8) + Array(repeating: UInt8(0x61), count: 40)
        long += [0xC0, 0x22]
        #expect(parseError(long)?.location.byteOffset == 41)
        #expect(parseError("\"é ✓ 𝄞\"") == nil)
    }

    @Test func linesAndColumnsCountScalarsAfterTheLastNewline() {
        expectError("{\n  \"a\": [1,\n   \"é\", 02]\n}", "number has a leading zero", line: 3, column: 9)
        expectError("[\r\n1,\r\n2 3]", "expected ',' or ']' after array element, found '3'", line: 3, column: 3)
    }

    @Test func errorCarriesTheLineAsRecord() {
        let error = parseError("[1,\n 2 x]\n")
        #expect(error?.record == " 2 x]")
        #expect(error?.description == "t.json:2:4: expected ',' or ']' after array element, found 'x'\n   2 x]")
    }

    @Test func nestingLimitFailsCleanly() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try tokens(ok).count == 1024)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        expectError(deep, "nesting deeper than 512", line: 1, column: 513)
        let veryDeep = String(repeating: "{\"a\":[", count: 100_000)
        #expect(parseError(veryDeep)?.message == "nesting deeper than 512")
        #expect(parseError("[[[]]]", maxDepth: 2)?.message == "nesting deeper than 2")
        #expect(parseError("[[]]", maxDepth: 2) == nil)
    }

    @Test func longStringsCrossSIMDBlocks() throws {
        for length in [0, 1, 14, 15, 16, 17, 31, 32, 33, 100] {
            let body = String(repeating: "x", count: length)
            try withTape("[\"\(body)\", \"\(body)\\\"q\"]") { tape, bytes in
                #expect(tape.string(1, in: bytes) == body)
                #expect(!tape.hasEscapes(1))
                #expect(tape.hasEscapes(2))
                #expect(tape.string(2, in: bytes) == body + "\"q")
            }
        }
    }
}
