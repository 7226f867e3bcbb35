import Testing
import TarnCore
@testable import TarnIngest

private func bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    Array(text.utf8).withUnsafeBytes(body)
}

@Suite struct ValueParsingTests {
    @Test func integers() {
        #expect(bytes("0") { ValueParsing.int64($0) } == 0)
        #expect(bytes("-42") { ValueParsing.int64($0) } == -42)
        #expect(bytes("+7") { ValueParsing.int64($0) } == 7)
        #expect(bytes("9223372036854775807") { ValueParsing.int64($0) } == Int64.max)
        #expect(bytes("-9223372036854775808") { ValueParsing.int64($0) } == Int64.min)
        #expect(bytes("9223372036854775808") { ValueParsing.int64($0) } == nil)
        #expect(bytes("9223372036854775808") { ValueParsing.isOverflowingInteger($0) })
        for bad in ["", "-", "1.0", "1e3", " 1", "1 ", "0x10", "١"] {
            #expect(bytes(bad) { ValueParsing.int64($0) } == nil, "\(bad)")
        }
    }

    @Test func decimals() {
        let parsed = bytes("-12.50") { ValueParsing.decimal($0) }
        #expect(parsed?.unscaled == -1250 && parsed?.scale == 2 && parsed?.precision == 4)
        #expect(bytes("0.001") { ValueParsing.decimal($0) }?.precision == 3)
        #expect(bytes(".5") { ValueParsing.decimal($0) }?.unscaled == 5)
        #expect(bytes(String(repeating: "9", count: 38)) { ValueParsing.decimal($0) }?.precision == 38)
        #expect(bytes(String(repeating: "9", count: 39)) { ValueParsing.decimal($0) } == nil)
        #expect(bytes("1.2.3") { ValueParsing.decimal($0) } == nil)
        #expect(bytes(".") { ValueParsing.decimal($0) } == nil)
    }

    @Test func doubles() {
        #expect(bytes("1e3") { ValueParsing.double($0) } == 1000)
        #expect(bytes("-2.5E-3") { ValueParsing.double($0) } == -0.0025)
        #expect(bytes("0.1") { ValueParsing.double($0) } == 0.1)
        #expect(bytes("NaN") { ValueParsing.double($0) }?.isNaN == true)
        #expect(bytes("-inf") { ValueParsing.double($0) } == -.infinity)
        #expect(bytes("Infinity") { ValueParsing.double($0) } == .infinity)
        for bad in ["1e", "e5", "0x1p3", " 1", "--1", "1,5", "infinit"] {
            #expect(bytes(bad) { ValueParsing.double($0) } == nil, "\(bad)")
        }
    }

    @Test func datesAndTimes() {
        #expect(bytes("1970-01-01") { ValueParsing.date($0) } == 0)
        #expect(bytes("2024-02-29") { ValueParsing.date($0) } == 19_782)
        #expect(bytes("1969-12-31") { ValueParsing.date($0) } == -1)
        #expect(bytes("2023-02-29") { ValueParsing.date($0) } == nil)
        #expect(bytes("2024-13-01") { ValueParsing.date($0) } == nil)
        let quarterToTwo: Int64 = (13 * 3600 + 45 * 60) * 1_000_000
        #expect(bytes("13:45") { ValueParsing.timeOfDay($0) } == quarterToTwo)
        #expect(bytes("00:00:01.5") { ValueParsing.timeOfDay($0) } == 1_500_000)
        #expect(bytes("24:00:00") { ValueParsing.timeOfDay($0) } == nil)
        #expect(bytes("12:00:00.0000001") { ValueParsing.timeOfDay($0) } == nil)   // would lose the 100 ns
    }

    @Test func timestamps() {
        let local = bytes("2024-03-01 12:30:00") { ValueParsing.timestamp($0) }
        #expect(local?.hasZone == false)
        let expected: Int64 = (19_783 * 86_400 + 12 * 3600 + 30 * 60) * 1_000_000
        #expect(local?.micros == expected)
        let utc = bytes("2024-03-01T12:30:00.25Z") { ValueParsing.timestamp($0) }
        #expect(utc?.hasZone == true && utc?.micros == local!.micros + 250_000)
        // An offset is normalized to UTC: 14:30 at +02:00 is 12:30 UTC.
        #expect(bytes("2024-03-01T14:30:00+02:00") { ValueParsing.timestamp($0) }?.micros == local!.micros)
        #expect(bytes("2024-03-01T10:30:00-0200") { ValueParsing.timestamp($0) }?.micros == local!.micros)
        #expect(bytes("2024-03-01T12:30") { ValueParsing.timestamp($0) }?.micros == local!.micros)
        for bad in ["2024-03-01", "2024-03-01T25:00:00", "2024-03-01T12:30:00+2", "2024-03-01X12:30:00", "2024-03-01T12:30:00Zx"] {
            #expect(bytes(bad) { ValueParsing.timestamp($0) } == nil, "\(bad)")
        }
    }

    @Test func uuidsAndBooleans() {
        var out = [UInt8](repeating: 0, count: 16)
        let ok = bytes("123e4567-E89B-12d3-a456-426614174000") { raw in out.withUnsafeMutableBytes { ValueParsing.uuid(raw, into: $0) } }
        #expect(ok)
        #expect(out[0] == 0x12 && out[4] == 0xE8 && out[15] == 0x00)
        #expect(!bytes("123e4567e89b12d3a456426614174000") { raw in out.withUnsafeMutableBytes { ValueParsing.uuid(raw, into: $0) } })
        #expect(bytes("TRUE") { ValueParsing.boolean($0) } == true)
        #expect(bytes("false") { ValueParsing.boolean($0) } == false)
        #expect(bytes("yes") { ValueParsing.boolean($0) } == nil)
    }
}

@Suite struct TypeInferenceTests {
    static func infer(_ values: [String?]) -> InferredType {
        var inferred = InferredType()
        for value in values {
            if let value { bytes(value) { inferred.observe($0) } } else { inferred.observeNull() }
        }
        return inferred
    }

    @Test(arguments: [
        (["1", "-2", nil, "300"], DataType.int32),
        (["1", "4294967296"], .int64),
        (["9223372036854775808", "1"], .decimal(precision: 38, scale: 0)),
        ([String(repeating: "9", count: 39)], .string),
        (["12.50", "3.10", "7"], .decimal(precision: 4, scale: 2)),
        (["1.5", "2.25"], .float64),
        (["1", "2.5e3"], .float64),
        (["1.0", "NaN", "inf"], .float64),
        (["true", "FALSE", nil], .boolean),
        (["2024-01-01", "2024-02-29"], .date),
        (["2024-01-01", "2024-01-02 10:00:00"], .timestamp(.microseconds, utc: false)),
        (["2024-01-02T10:00:00Z", "2024-01-02T12:00:00+02:00"], .timestamp(.microseconds, utc: true)),
        (["2024-01-02T10:00:00Z", "2024-01-02 10:00:00"], .string),
        (["10:15", "23:59:59.999"], .time(.microseconds)),
        (["123e4567-e89b-12d3-a456-426614174000"], .uuid),
        (["08123", "12345"], .string),
        (["1", "abc"], .string),
        ([nil, nil], .string),
    ] as [([String?], DataType)])
    func inference(_ values: [String?], _ expected: DataType) {
        let inferred = Self.infer(values)
        #expect(inferred.type == expected, "\(values): \(inferred.explanation)")
    }

    @Test func mergingTwoPartsWidensLikeOneColumn() {
        var left = Self.infer(["1", "2"])
        let right = Self.infer(["3.5", "4.25"])
        left.merge(right)
        #expect(left.type == .float64)
        var dates = Self.infer(["2024-01-01"])
        dates.merge(Self.infer(["2024-01-01 00:00:01"]))
        #expect(dates.type == .timestamp(.microseconds, utc: false))
        #expect(dates.valueCount == 2)
    }

    @Test func explanationsSayWhy() {
        #expect(Self.infer(["1", "99"]).explanation == "whole numbers from 1 to 99 fit int32 (2 values, 0 nulls)")
        #expect(Self.infer(["1", "x"]).explanation.contains("text such as \"x\""))
        #expect(Self.infer(["0012"]).explanation.contains("\"0012\""))
    }
}

/// Numbers float64 would round: inference keeps them exact (decimal) or as text.
@Suite struct ExactNumberInferenceTests {
    func type(_ values: [String]) -> DataType { TypeInferenceTests.infer(values).type }

    @Test func mixedScalesStayFloat64WhenEveryValueIsExact() {
        #expect(type(["2.3", "10.0", "7.25"]) == .float64)
        #expect(type(["1", "2.5", "1e3"]) == .float64)
        #expect(type(["NaN", "0.25"]) == .float64)
    }

    @Test func mixedScalesThatFloat64WouldRoundBecomeDecimal() {
        #expect(type(["0.1", "0.12345678901234567890", "0.5"]) == .decimal(precision: 20, scale: 20))
        #expect(type(["1.5", "123456789012345678901", "-2"]) == .decimal(precision: 22, scale: 1))
        #expect(type(["9007199254740993", "0.5"]) == .decimal(precision: 17, scale: 1))   // 2^53 + 1
    }

    @Test func numbersBeyondFloat64AndDecimalStayText() {
        #expect(type(["1e400", "2"]) == .string)
        #expect(type(["1e-400"]) == .string)
        #expect(type(["1.5", "1e20"]) == .float64)
        #expect(type(["0.1234567890123456789012345678901234567890", "0.5"]) == .string)   // 40 digits
    }
}
