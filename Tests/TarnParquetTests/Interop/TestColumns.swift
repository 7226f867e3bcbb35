import Foundation
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// A column to write together with the values an independent reader must give back, in the
/// normalized JSON form of `Tests/interop/read_parquet.py`.
struct TestColumn {
    var field: Field
    var column: Column
    var expected: [JSONValue]
}

/// Builds test columns of every leaf type: extreme values first, then seeded random ones;
/// with `nullEvery` > 0 every such row is null (and the field nullable), else required.
struct TestColumnFactory {
    var rows: Int
    var nullEvery: Int
    var seed: UInt64

    private func isNull(_ row: Int) -> Bool { nullEvery > 0 && row % nullEvery == nullEvery - 1 }
    private var nullable: Bool { nullEvery > 0 }

    /// One column per type the writer supports, named after the type.
    func allLeafColumns(uuidLogicalType: Bool = false) -> [TestColumn] {
        [boolean(), integers(.int8, -128...127, extremes: [-128, 127]),
         integers(.int16, -32_768...32_767, extremes: [-32_768, 32_767]),
         integers(.int32, Int64(Int32.min)...Int64(Int32.max), extremes: [Int64(Int32.min), Int64(Int32.max), 0]),
         integers(.int64, Int64.min...Int64.max, extremes: [Int64.min, Int64.max, 0, -1]),
         integers(.uint8, 0...255, extremes: [0, 255]),
         integers(.uint16, 0...65_535, extremes: [0, 65_535]),
         integers(.uint32, 0...Int64(UInt32.max), extremes: [0, Int64(UInt32.max)]),
         uint64(),
         float32(), float64(),
         decimal(precision: 5, scale: 2), decimal(precision: 18, scale: 4), decimal(precision: 38, scale: 10),
         strings(.string), strings(.json), binary(),
         date(), time(), timestamp(.milliseconds, utc: true), timestamp(.microseconds, utc: false),
         timestamp(.nanoseconds, utc: true), uuid(logical: uuidLogicalType)]
    }

    private func name(_ type: DataType) -> String {
        type.description.map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce("") { $0 + String($1) }
    }

    private func make<T>(_ type: DataType, _ values: [T], build: (inout [Column], [T?]) -> Void, expect: (T) -> JSONValue) -> TestColumn {
        let optional: [T?] = values.enumerated().map { isNull($0.offset) ? nil : $0.element }
        var built: [Column] = []
        build(&built, optional)
        return TestColumn(field: Field(name(type), type, nullable: nullable), column: built[0],
                          expected: optional.map { $0.map(expect) ?? .null })
    }

    private func values<T>(_ extremes: [T], _ generate: (inout SeededGenerator, Int) -> T) -> [T] {
        var random = SeededGenerator(seed: seed)
        return (0..<rows).map { $0 < extremes.count ? extremes[$0] : generate(&random, $0) }
    }

    func boolean() -> TestColumn {
        let v = values([true, false]) { r, _ in r.next() & 1 == 1 }
        return make(.boolean, v, build: { $0 = [Column(booleans: $1)] }, expect: { .bool($0) })
    }

    func integers(_ type: DataType, _ range: ClosedRange<Int64>, extremes: [Int64]) -> TestColumn {
        // Few distinct values in part of the column so dictionaries pay there.
        let v = values(extremes) { r, i in i % 3 == 0 ? r.int(range.lowerBound...Swift.min(range.upperBound, range.lowerBound + 9)) : r.int(range) }
        if type.storage == .int32 {
            return make(type, v, build: { $0 = [Column($1.map { $0.map { Int32(truncatingIfNeeded: $0) } })] }, expect: { .integer($0) })
        }
        return make(type, v, build: { $0 = [Column($1)] }, expect: { .integer($0) })
    }

    func uint64() -> TestColumn {
        let v: [UInt64] = values([0, UInt64.max, 1 << 63]) { r, _ in r.next() }
        return make(.uint64, v, build: { $0 = [Column($1.map { $0.map { Int64(bitPattern: $0) } })] },
                    expect: { $0 < 1 << 53 ? .int(Int64($0)) : .string(String($0)) })
    }

    func float32() -> TestColumn {
        let v: [Float] = values([.nan, -0.0, 0.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude]) { r, _ in
            Float(r.int(-1_000_000...1_000_000)) / 64
        }
        return make(.float32, v, build: { $0 = [Column($1)] }, expect: { .float(Double($0)) })
    }

    func float64() -> TestColumn {
        let v: [Double] = values([.nan, -0.0, 0.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1]) { r, _ in
            Double(r.int(-1_000_000_000...1_000_000_000)) / 1000.0
        }
        return make(.float64, v, build: { $0 = [Column($1)] }, expect: { .float($0) })
    }

    func decimal(precision: Int, scale: Int) -> TestColumn {
        var limit: Int128 = 1
        for _ in 0..<precision { limit *= 10 }
        let v: [Int128] = values([limit - 1, -(limit - 1), 0, 1, -1]) { r, _ in
            Int128(r.int(Int64.min / 2...Int64.max / 2)) % limit
        }
        let type = DataType.decimal(precision: precision, scale: scale)
        let expect: (Int128) -> JSONValue = { .string(Self.decimalText($0, scale: scale)) }
        switch type.storage {
        case .int32: return make(type, v, build: { $0 = [Column($1.map { $0.map { Int32($0) } })] }, expect: expect)
        case .int64: return make(type, v, build: { $0 = [Column($1.map { $0.map { Int64($0) } })] }, expect: expect)
        default: return make(type, v, build: { $0 = [Column($1)] }, expect: expect)
        }
    }

    static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }

    func strings(_ type: DataType) -> TestColumn {
        let words = ["alpha", "beta", "gamma", "délta", "εψιλον", "日本語", "🙂 emoji", ""]
        let long = String(repeating: "long value past the statistics limit ", count: 4)
        let v: [String] = values(["", long, "zzz" + long, "\u{10FFFF}", "a\0b"]) { r, i in
            let word = words[Int(r.next() % UInt64(words.count))]
            return i % 4 == 0 ? word : word + " \(r.int(0...99_999))"
        }
        let encoded = type == .json ? v.enumerated().map { "{\"row\": \($0.offset), \"bytes\": \($0.element.utf8.count)}" } : v
        return make(type, encoded, build: { $0 = [Column(strings: $1)] }, expect: { .string($0) })
    }

    func binary() -> TestColumn {
        let v: [[UInt8]] = values([[], [0], [0xFF, 0xFF, 0xFF], Array(repeating: 0xAB, count: 100)]) { r, _ in
            (0..<Int(r.next() % 12)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
        }
        return make(.binary, v, build: { $0 = [Column(binary: $1)] }, expect: { .binary($0) })
    }

    func date() -> TestColumn {
        // 0001-01-01 and 9999-12-31 are the ends of what both readers print as dates.
        let v: [Int32] = values([0, -719_162, 2_932_896, -1]) { r, _ in Int32(r.int(-30_000...30_000)) }
        return make(.date, v, build: { $0 = [Column($1)] }, expect: { .string(Self.dateText(Int($0))) })
    }

    static func dateText(_ days: Int) -> String { StatisticsValueFormatter.date(days: Int64(days)) }

    func time() -> TestColumn {
        // The portable form: INT64 microseconds since midnight, read back as plain integers.
        let v: [Int64] = values([0, 86_399_999_999]) { r, _ in r.int(0...86_399_999_999) }
        return make(.time(.microseconds), v, build: { $0 = [Column($1)] }, expect: { .integer($0) })
    }

    func timestamp(_ unit: TimeUnit, utc: Bool) -> TestColumn {
        // Nanosecond timestamps stay after 1970: DuckDB rounds earlier ones (READERS.md).
        let low: Int64 = unit == .nanoseconds ? 0 : -2_000_000_000 * (unit.perSecond / 10)
        let v: [Int64] = values([0, 1, unit == .nanoseconds ? 9_000_000_000_000_000_000 : -1]) { r, _ in
            r.int(low...(4_000_000_000 * unit.perSecond / 2))
        }
        return make(.timestamp(unit, utc: utc), v, build: { $0 = [Column($1)] },
                    expect: { .timestamp($0, unit: unit.abbreviation) })
    }

    func uuid(logical: Bool) -> TestColumn {
        let v: [[UInt8]] = values([Array(repeating: 0, count: 16), Array(repeating: 0xFF, count: 16)]) { r, _ in
            (0..<16).map { _ in UInt8(truncatingIfNeeded: r.next()) }
        }
        return make(.uuid, v, build: { $0 = [Column(fixedBytes: $1, width: 16)] }, expect: { bytes in
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
            }
            return .string(parts.joined(separator: "-"))
        })
    }
}

/// Timestamps and times compared as nanoseconds, whatever unit a reader chose.
func canonical(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let object):
        if let unit = object["unit"]?.stringValue, let key = ["ts", "time"].first(where: { object[$0] != nil }),
           let n = object[key]?.intValue {
            let scale: Int128 = ["s": 1_000_000_000, "ms": 1_000_000, "us": 1_000, "ns": 1][unit] ?? 1
            return .object([key + "_ns": .string(String(Int128(n) * scale))])
        }
        return .object(object.mapValues(canonical))
    case .array(let items): return .array(items.map(canonical))
    default: return value
    }
}
