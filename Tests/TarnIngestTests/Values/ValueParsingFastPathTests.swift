import Foundation
import Testing
import TarnTestSupport
@testable import TarnIngest

private func bytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    Array(text.utf8).withUnsafeBytes(body)
}

/// The fixed-layout fast paths (dates, `YYYY-MM-DD HH:MM:SS` timestamps, UUIDs, short
/// decimals) against independent answers: Foundation's calendar and UUID, and the general
/// decimal path reached by zero padding.
@Suite struct ValueParsingFastPathTests {
    static let seed: UInt64 = 20_261_204

    /// Seconds since 1970 of a UTC wall-clock time, by Foundation's Gregorian calendar.
    static func foundationSeconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
        return Int64(date.timeIntervalSince1970.rounded())
    }

    @Test func timestampsAndDatesAgreeWithFoundation() {
        var random = SeededGenerator(seed: Self.seed)
        for _ in 0..<2_000 {
            let year = Int.random(in: 1600...2400, using: &random), month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...28, using: &random), hour = Int.random(in: 0...23, using: &random)
            let minute = Int.random(in: 0...59, using: &random), second = Int.random(in: 0...59, using: &random)
            let date = String(format: "%04d-%02d-%02d", year, month, day)
            let time = String(format: "%02d:%02d:%02d", hour, minute, second)
            let expected = Self.foundationSeconds(year, month, day, hour, minute, second) * 1_000_000
            let local = bytes("\(date) \(time)") { ValueParsing.timestamp($0) }
            #expect(local?.micros == expected && local?.hasZone == false, "seed \(Self.seed): \(date) \(time)")
            let zoned = bytes("\(date)T\(time)Z") { ValueParsing.timestamp($0) }
            #expect(zoned?.micros == expected && zoned?.hasZone == true, "seed \(Self.seed): \(date)T\(time)Z")
            #expect(bytes(date) { ValueParsing.date($0) }.map { Int64($0) * 86_400 } == Self.foundationSeconds(year, month, day, 0, 0, 0),
                    "seed \(Self.seed): \(date)")
        }
    }

    /// Every digit position, replaced by a byte just outside `0`…`9` or far from it, is
    /// rejected: the accumulated digit check must not let one through.
    @Test func aNonDigitAnywhereIsRejected() {
        let valid = Array("2024-03-01 12:30:59".utf8)
        let digitPositions = valid.indices.filter { valid[$0] >= 48 && valid[$0] <= 57 }
        for position in digitPositions {
            for replacement: UInt8 in [47, 58, 0, 0x7F, 0x80, 0xB0, 0xFF, UInt8(ascii: "a"), UInt8(ascii: " ")] {
                var text = valid
                text[position] = replacement
                #expect(text.withUnsafeBytes { ValueParsing.timestamp($0) } == nil, "byte \(replacement) at \(position)")
                if position < 10 {
                    #expect(Array(text[0..<10]).withUnsafeBytes { ValueParsing.date($0) } == nil, "byte \(replacement) at \(position)")
                }
            }
        }
        for bad in ["2024-02-30 00:00:00", "2023-02-29 00:00:00", "2024-00-10 00:00:00", "2024-13-10 00:00:00",
                    "2024-01-01 24:00:00", "2024-01-01 23:60:00", "2024-01-01 23:59:60", "2024-01-01 23:59:59X",
                    "2024-01-01_23:59:59", "2024-01-01 23-59-59", "2024/01/01 23:59:59"] {
            #expect(bytes(bad) { ValueParsing.timestamp($0) } == nil, "\(bad)")
        }
        #expect(bytes("2024-02-29 23:59:59") { ValueParsing.timestamp($0) } != nil)
        #expect(bytes("2000-02-29") { ValueParsing.date($0) } != nil)
        #expect(bytes("1900-02-29") { ValueParsing.date($0) } == nil)
    }

    @Test func uuidsRoundTripThroughFoundation() {
        var random = SeededGenerator(seed: Self.seed)
        var out = [UInt8](repeating: 0, count: 16)
        for _ in 0..<1_000 {
            let value = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
            let uuid = value.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
            for text in [uuid.uuidString, uuid.uuidString.lowercased()] {
                let ok = bytes(text) { raw in out.withUnsafeMutableBytes { ValueParsing.uuid(raw, into: $0) } }
                #expect(ok && out == value, "seed \(Self.seed): \(text)")
            }
        }
        let valid = Array("123e4567-e89b-12d3-a456-426614174000".utf8)
        for position in valid.indices where valid[position] != UInt8(ascii: "-") {
            for replacement in Array("gG/:@`- ".utf8) + [0, 0xFF] {
                var text = valid
                text[position] = replacement
                #expect(!text.withUnsafeBytes { raw in out.withUnsafeMutableBytes { ValueParsing.uuid(raw, into: $0) } },
                        "byte \(replacement) at \(position)")
            }
        }
    }

    /// Up to 19 bytes take the 64-bit path; the same number behind enough zeros takes the
    /// general 128-bit one. Leading zeros change neither value, precision nor scale.
    @Test func shortDecimalsAgreeWithTheGeneralPath() {
        var random = SeededGenerator(seed: Self.seed)
        let alphabet = Array("0123456789".utf8)
        for _ in 0..<5_000 {
            let length = Int.random(in: 1...18, using: &random)
            var digits = (0..<length).map { _ in alphabet[Int.random(in: 0..<10, using: &random)] }
            if Bool.random(using: &random) { digits.insert(UInt8(ascii: "."), at: Int.random(in: 0...length, using: &random)) }
            let sign = ["", "-", "+"][Int.random(in: 0..<3, using: &random)]
            let text = sign + String(decoding: digits, as: UTF8.self)
            let padded = sign + String(repeating: "0", count: 25) + String(decoding: digits, as: UTF8.self)
            let short = bytes(text) { ValueParsing.decimal($0) }
            let general = bytes(padded) { ValueParsing.decimal($0) }
            #expect(short?.unscaled == general?.unscaled && short?.precision == general?.precision && short?.scale == general?.scale,
                    "seed \(Self.seed): \(text)")
        }
        for bad in ["", "-", ".", "1.2.3", "1e5", "12a", " 1", "1,5"] {
            #expect(bytes(bad) { ValueParsing.decimal($0) } == nil, "\(bad)")
        }
        let max = bytes("9999999999999999999") { ValueParsing.decimal($0) }
        #expect(max?.unscaled == 9_999_999_999_999_999_999 && max?.precision == 19)
    }
}
