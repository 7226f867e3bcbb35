@testable import TarnIngest
import Testing

@Suite struct JSONValueTests {
    func number(_ text: String) throws -> (int: Int64?, double: Double?, isInteger: Bool) {
        try withTape(text) { tape, bytes in
            (tape.int64(0, in: bytes), tape.double(0, in: bytes), tape.isInteger(0))
        }
    }

    @Test func integersAtTheEdges() throws {
        #expect(try number("9223372036854775807").int == Int64.max)
        #expect(try number("-9223372036854775808").int == Int64.min)
        #expect(try number("9223372036854775808").int == nil)   // overflow is reported, not wrapped
        #expect(try number("-9223372036854775809").int == nil)
        #expect(try number("18446744073709551616").int == nil)  // past UInt64 too
        #expect(try number("123456789012345678901234567890").int == nil)
        #expect(try number("0").int == 0)
        #expect(try number("-0").int == 0)
        #expect(try number("-0").double?.sign == .minus)
        #expect(try number("1.0").int == nil)
        #expect(try number("1.0").isInteger == false)
        #expect(try number("1e2").isInteger == false)
        #expect(try number("9223372036854775808").double == 9223372036854775808.0)
    }

    @Test func doublesAreCorrectlyRounded() throws {
        let cases: [(String, Double)] = [
            ("0.1", 0.1), ("-2.5", -2.5), ("1e22", 1e22), ("1e23", 1e23), ("123.456e-7", 123.456e-7),
            ("5e-324", 5e-324), ("2.2250738585072014e-308", 2.2250738585072014e-308),
            ("1.7976931348623157e308", 1.7976931348623157e308), ("9007199254740993", 9007199254740992),
            ("0.30000000000000004", 0.30000000000000004), ("1E+2", 100), ("1e-400", 0),
            ("4.9406564584124654e-324", 5e-324), ("2.4703282292062328e-324", 5e-324),
            ("12345678901234567890.5e-3", 12345678901234567.8905),
        ]
        for (text, value) in cases {
            #expect(try number(text).double == value, "\(text)")
        }
        #expect(try number("5e-324").double == Double.leastNonzeroMagnitude)
        // Too large for a finite Double: nil, so the caller keeps it as decimal or text.
        #expect(try number("1e400").double == nil)
        #expect(try number("-1e400").double == nil)
        #expect(try number("1.8e308").double == nil)
    }

    @Test func escapesAndSurrogatePairs() throws {
        let text = #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC\uD834\uDD1E", "\u0000x", "plain é"]"#
        try withTape(text) { tape, bytes in
            #expect(tape.unescapedBytes(1, in: bytes) == Array("a\"b\\c/d\u{8}\u{C}\n\r\t".utf8))
            #expect(tape.string(2, in: bytes) == "é€𝄞")
            #expect(tape.unescapedBytes(3, in: bytes) == [0, 0x78])
            #expect(!tape.hasEscapes(4))
            #expect(tape.string(4, in: bytes) == "plain é")
            var reused: [UInt8] = [1]
            tape.appendUnescapedBytes(2, in: bytes, to: &reused)
            #expect(reused == [1] + Array("é€𝄞".utf8))
        }
        try withTape(#"{"k\u0041": "\uDBFF\uDFFF"}"#) { tape, bytes in
            #expect(tape.kind(1) == .key)
            #expect(tape.string(1, in: bytes) == "kA")
            #expect(tape.unescapedBytes(2, in: bytes) == [0xF4, 0x8F, 0xBF, 0xBF])
        }
    }
}
