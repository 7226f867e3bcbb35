import Testing
import TarnCore
@testable import TarnIngest

/// Raw values from Swift strings; `"…"` around a value marks it quoted.
struct StringValues: RawTextValues {
    var values: [String]
    var count: Int { values.count }
    func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer, Bool) -> R) -> R {
        var text = values[i]
        let quoted = text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"")
        if quoted { text = String(text.dropFirst().dropLast()) }
        return Array(text.utf8).withUnsafeBytes { body($0, quoted) }
    }
}

@Suite struct TextColumnBuilderTests {
    static func build(_ type: DataType, _ values: [String]) -> (Column?, ConversionFailure?) {
        var builder = TextColumnBuilder(type: type)
        if let failure = builder.append(StringValues(values: values)) { return (nil, failure) }
        return (builder.finish(), nil)
    }

    @Test func integersWithNullTokens() throws {
        let (column, failure) = Self.build(.int64, ["1", "", "NULL", "-5", "\\N", "N/A", "NA", "null"])
        #expect(failure == nil)
        guard case .int64(let values)? = column?.values else { Issue.record("wrong storage"); return }
        #expect(values == [1, 0, 0, -5, 0, 0, 0, 0])
        #expect(column?.nullCount == 6)
    }

    @Test func quotedNullTokensStayText() {
        let (column, _) = Self.build(.string, ["\"NA\"", "NA", "\"\"", "x"])
        guard case .bytes(let offsets, let data)? = column?.values else { Issue.record("wrong storage"); return }
        #expect(offsets == [0, 2, 2, 2, 3])
        #expect(data == Array("NAx".utf8))
        #expect(column?.isNull(1) == true && column?.isNull(2) == false)
    }

    @Test func failureNamesTheValue() {
        let (_, failure) = Self.build(.int32, ["1", "2", "3000000000"])
        #expect(failure == ConversionFailure(index: 2, text: "3000000000", type: .int32))
        #expect(Self.build(.boolean, ["true", "yes"]).1?.index == 1)
    }

    @Test func decimalsRescaleAndCheckPrecision() {
        let (column, failure) = Self.build(.decimal(precision: 6, scale: 2), ["12.5", "7", "-0.01", "9999.99"])
        #expect(failure == nil)
        guard case .int32(let values)? = column?.values else { Issue.record("wrong storage"); return }
        #expect(values == [1250, 700, -1, 999_999])
        #expect(Self.build(.decimal(precision: 6, scale: 2), ["10000.00"]).1 != nil)   // 7 digits
        #expect(Self.build(.decimal(precision: 6, scale: 2), ["1.234"]).1 != nil)      // 3 places
        let (wide, _) = Self.build(.decimal(precision: 38, scale: 0), ["99999999999999999999999999999999999999"])
        guard case .int128(let big)? = wide?.values else { Issue.record("wrong storage"); return }
        #expect(big == [Int128("99999999999999999999999999999999999999")!])
    }

    @Test func temporalValues() {
        let (local, _) = Self.build(.timestamp(.microseconds, utc: false), ["1970-01-02", "1970-01-01 00:00:01.5"])
        guard case .int64(let micros)? = local?.values else { Issue.record("wrong storage"); return }
        #expect(micros == [86_400_000_000, 1_500_000])
        // A zoned value cannot join a local column, nor a local one a UTC column.
        #expect(Self.build(.timestamp(.microseconds, utc: false), ["1970-01-01T00:00:00Z"]).1 != nil)
        #expect(Self.build(.timestamp(.microseconds, utc: true), ["1970-01-01 00:00:00"]).1 != nil)
        let (dates, _) = Self.build(.date, ["1970-01-11", ""])
        guard case .int32(let days)? = dates?.values else { Issue.record("wrong storage"); return }
        #expect(days == [10, 0] && dates?.nullCount == 1)
    }

    @Test func uuidsAndDoubles() {
        let (uuids, failure) = Self.build(.uuid, ["00000000-0000-0000-0000-000000000001", ""])
        #expect(failure == nil)
        guard case .fixedBytes(16, let data)? = uuids?.values else { Issue.record("wrong storage"); return }
        #expect(data[15] == 1 && uuids?.nullCount == 1)
        let (doubles, _) = Self.build(.float64, ["1e3", "NaN", "-inf", "2"])
        guard case .float64(let values)? = doubles?.values else { Issue.record("wrong storage"); return }
        #expect(values[0] == 1000 && values[1].isNaN && values[2] == -.infinity && values[3] == 2)
    }

    /// Inference and conversion agree: whatever type inference picks, conversion accepts
    /// every value it saw.
    @Test(arguments: [
        ["1", "2", "", "-7"], ["1.25", "3", "-0.50"], ["1e3", "2.5", "NaN"], ["true", "False"],
        ["2024-01-01", "2024-01-02 03:04:05"], ["2024-01-02T03:04:05+01:00", "2024-01-01"],
        ["12:30", "23:59:59.5"], ["08123", "x"], ["9223372036854775808", "1"],
    ])
    func inferenceAndConversionAgree(_ values: [String]) {
        var inferred = InferredType()
        let nulls = NullTokens.standard
        for value in values {
            Array(value.utf8).withUnsafeBytes { if nulls.matches($0) { inferred.observeNull() } else { inferred.observe($0) } }
        }
        let (column, failure) = Self.build(inferred.type, values)
        #expect(failure == nil, "\(values) inferred \(inferred.type): \(failure.map { "\($0)" } ?? "")")
        #expect(column?.count == values.count)
    }
}
