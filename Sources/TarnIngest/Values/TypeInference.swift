import TarnCore

/// What the raw text values of one column allow, gathered value by value; `type` is the
/// narrowest type that holds every value seen without losing data, and `explanation` says why.
///
/// The lattice (DESIGN.md: widen, never lose data):
///   boolean                                  only `true` / `false`
///   int32 → int64                            by range
///   decimal(p,s)                             every fractional value has the same scale s
///                                            (integers may join), all within 38 digits
///   int beyond Int64 → decimal(38,0)         while it has at most 38 digits, else string
///   int or decimal + double → float64        exponents, NaN / inf, or mixed scales
///   date → timestamp                         a date is midnight; local and zoned values
///                                            do not mix (that would invent an offset)
///   time, uuid                               only on their own
///   anything else → string
/// Two inferences merge (`merge`) by the same rules, for chunks parsed in parallel and for
/// several files of one table.
public struct InferredType: Sendable, Equatable {
    private var possible: Candidates = .all
    public private(set) var valueCount = 0
    public private(set) var nullCount = 0
    private var integerMin = Int64.max, integerMax = Int64.min
    private var sawInteger = false
    private var sawBigInteger = false
    private var bigIntegerDigits = 0
    /// The one scale of fractional decimal values, or -1 once two scales were seen.
    private var decimalScale: Int?
    /// Over every number: the most digits after the point and before it.
    private var maxScale = 0
    private var maxIntegerDigits = 0
    /// A number float64 cannot hold exactly (more than 15 significant digits, beyond its
    /// range): a float64 column would change it.
    private var inexactAsDouble = false
    private var sawDate = false
    private var sawZonedTimestamp = false
    private var sawLocalTimestamp = false
    /// The first value that ruled out each candidate, for `explanation`.
    private var firstNonNumeric: String?
    private var firstNonTemporal: String?

    /// User date / timestamp layouts tried before ISO 8601.
    public let formats: TemporalFormats

    public init(formats: TemporalFormats = .iso) { self.formats = formats }

    struct Candidates: OptionSet, Sendable, Equatable {
        let rawValue: UInt16
        static let boolean = Candidates(rawValue: 1 << 0)
        static let number = Candidates(rawValue: 1 << 1)      // integer, decimal or double
        static let fixedPoint = Candidates(rawValue: 1 << 2)  // still exact: integer or decimal
        static let temporal = Candidates(rawValue: 1 << 3)    // date or timestamp
        static let time = Candidates(rawValue: 1 << 4)
        static let uuid = Candidates(rawValue: 1 << 5)
        static let all: Candidates = [.boolean, .number, .fixedPoint, .temporal, .time, .uuid]
    }

    public mutating func observeNull() { nullCount += 1 }

    /// Adds one non-null raw value.
    public mutating func observe(_ bytes: UnsafeRawBufferPointer) {
        valueCount += 1
        guard !possible.isEmpty else { return }
        if possible.contains(.boolean), ValueParsing.boolean(bytes) == nil { possible.remove(.boolean) }
        if possible.contains(.number) { observeNumber(bytes) }
        if possible.contains(.temporal) { observeTemporal(bytes) }
        if possible.contains(.time), ValueParsing.timeOfDay(bytes) == nil { possible.remove(.time) }
        if possible.contains(.uuid) {
            let isUUID = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { ValueParsing.uuid(bytes, into: UnsafeMutableRawBufferPointer($0)) }
            if !isUUID { possible.remove(.uuid) }
        }
    }

    private mutating func observeNumber(_ bytes: UnsafeRawBufferPointer) {
        // "08123" is a code, not the number 8123: reading it as a number would lose the zero.
        if Self.hasLeadingZero(bytes) {
            possible.remove([.number, .fixedPoint])
            if firstNonNumeric == nil { firstNonNumeric = String(decoding: bytes.prefix(40), as: UTF8.self) }
            return
        }
        if let value = ValueParsing.int64(bytes) {
            sawInteger = true
            integerMin = Swift.min(integerMin, value)
            integerMax = Swift.max(integerMax, value)
            // Beyond 2^53 a float64 would round it, should the column end up float64.
            if value.magnitude > 1 << 53 { inexactAsDouble = true }
            let digits = bytes.count - (bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0)
            maxIntegerDigits = Swift.max(maxIntegerDigits, digits)
            return
        }
        if ValueParsing.isOverflowingInteger(bytes) {
            sawBigInteger = true
            let digits = bytes.count - (bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? 1 : 0)
            bigIntegerDigits = Swift.max(bigIntegerDigits, digits)
            maxIntegerDigits = Swift.max(maxIntegerDigits, digits)
            inexactAsDouble = true
            if digits > 38 { possible.remove(.fixedPoint) }
            return
        }
        if possible.contains(.fixedPoint), let decimal = ValueParsing.decimal(bytes) {
            if decimalScale == nil { decimalScale = decimal.scale } else if decimalScale != decimal.scale { decimalScale = -1 }
            maxIntegerDigits = Swift.max(maxIntegerDigits, decimal.precision - decimal.scale)
            maxScale = Swift.max(maxScale, decimal.scale)
            if Self.significantDigits(bytes) > 15 { inexactAsDouble = true }
            return
        }
        if let value = ValueParsing.double(bytes) {
            possible.remove(.fixedPoint)
            if !Self.isExactDouble(value, bytes) { inexactAsDouble = true }
            return
        }
        possible.remove([.number, .fixedPoint])
        if firstNonNumeric == nil { firstNonNumeric = String(decoding: bytes.prefix(40), as: UTF8.self) }
    }

    private mutating func observeTemporal(_ bytes: UnsafeRawBufferPointer) {
        if formats.date(bytes) != nil {
            sawDate = true
        } else if let timestamp = formats.timestamp(bytes) {
            if timestamp.hasZone { sawZonedTimestamp = true } else { sawLocalTimestamp = true }
            if sawZonedTimestamp && sawLocalTimestamp { possible.remove(.temporal) }
        } else {
            possible.remove(.temporal)
            if firstNonTemporal == nil { firstNonTemporal = String(decoding: bytes.prefix(40), as: UTF8.self) }
        }
    }

    /// Combines what two parts of a column (or two files) saw.
    public mutating func merge(_ other: InferredType) {
        possible.formIntersection(other.possible)
        valueCount += other.valueCount
        nullCount += other.nullCount
        integerMin = Swift.min(integerMin, other.integerMin)
        integerMax = Swift.max(integerMax, other.integerMax)
        sawInteger = sawInteger || other.sawInteger
        sawBigInteger = sawBigInteger || other.sawBigInteger
        bigIntegerDigits = Swift.max(bigIntegerDigits, other.bigIntegerDigits)
        switch (decimalScale, other.decimalScale) {
        case (nil, let s): decimalScale = s
        case (_, nil): break
        case (let a?, let b?): if a != b { decimalScale = -1 }
        }
        maxScale = Swift.max(maxScale, other.maxScale)
        maxIntegerDigits = Swift.max(maxIntegerDigits, other.maxIntegerDigits)
        inexactAsDouble = inexactAsDouble || other.inexactAsDouble
        sawDate = sawDate || other.sawDate
        sawZonedTimestamp = sawZonedTimestamp || other.sawZonedTimestamp
        sawLocalTimestamp = sawLocalTimestamp || other.sawLocalTimestamp
        if sawZonedTimestamp && sawLocalTimestamp { possible.remove(.temporal) }
        firstNonNumeric = firstNonNumeric ?? other.firstNonNumeric
        firstNonTemporal = firstNonTemporal ?? other.firstNonTemporal
    }

    /// The narrowest type holding every value seen (string when nothing else does; string
    /// too for a column of nulls only).
    public var type: DataType { decision.type }

    /// Why `type` was chosen, in a sentence (for `tarn schema --explain`).
    public var explanation: String { decision.reason }

    private var decision: (type: DataType, reason: String) {
        let seen = "\(valueCount) values, \(nullCount) nulls"
        guard valueCount > 0 else { return (.string, "no non-null value (\(nullCount) nulls): string") }
        if possible.contains(.boolean) { return (.boolean, "every value is true or false (\(seen))") }
        if possible.contains(.number) {
            let hasFraction = decimalScale != nil
            if possible.contains(.fixedPoint) && !hasFraction && !sawBigInteger {
                if integerMin >= Int64(Int32.min) && integerMax <= Int64(Int32.max) {
                    return (.int32, "whole numbers from \(integerMin) to \(integerMax) fit int32 (\(seen))")
                }
                return (.int64, "whole numbers from \(integerMin) to \(integerMax) need int64 (\(seen))")
            }
            if possible.contains(.fixedPoint) && !hasFraction && sawBigInteger {
                return (.decimal(precision: 38, scale: 0), "whole numbers beyond int64 (up to \(bigIntegerDigits) digits) kept exact as decimal(38,0) (\(seen))")
            }
            if possible.contains(.fixedPoint), let scale = decimalScale, scale >= 0, !sawBigInteger {
                let integerDigits = Swift.max(maxIntegerDigits, 1)
                let precision = integerDigits + scale
                if precision <= 38 {
                    return (.decimal(precision: precision, scale: scale),
                            "every fraction has \(scale) decimal places and at most \(integerDigits) digits before the point (\(seen))")
                }
            }
            // Mixed decimal places, exponents, NaN / infinity, or big integers among fractions.
            if !inexactAsDouble {
                return (.float64, "numbers with exponents, NaN / infinity or mixed decimal places, each exact as float64 (\(seen))")
            }
            if possible.contains(.fixedPoint) && maxIntegerDigits + maxScale <= 38 {
                let precision = Swift.max(maxIntegerDigits + maxScale, 1)
                return (.decimal(precision: precision, scale: maxScale),
                        "up to \(maxScale) decimal places and \(maxIntegerDigits) digits before the point; float64 would round some values, decimal keeps every digit (\(seen))")
            }
            if sawBigInteger && bigIntegerDigits > 38 && decimalScale == nil {
                return (.string, "a whole number of \(bigIntegerDigits) digits does not fit decimal(38,0); kept as text (\(seen))")
            }
            return (.string, "numbers that neither float64 nor decimal(38) hold exactly (too many digits or beyond float64's range); kept as text (\(seen))")
        }
        if possible.contains(.temporal) {
            if sawZonedTimestamp { return (.timestamp(.microseconds, utc: true), "timestamps with a zone or offset, normalized to UTC (\(seen))") }
            if sawLocalTimestamp { return (.timestamp(.microseconds, utc: false), "timestamps without a zone, kept as local time (\(seen))") }
            return (.date, "every value is a YYYY-MM-DD date (\(seen))")
        }
        if possible.contains(.time) { return (.time(.microseconds), "every value is a time of day (\(seen))") }
        if possible.contains(.uuid) { return (.uuid, "every value is a UUID (\(seen))") }
        if sawZonedTimestamp && sawLocalTimestamp {
            return (.string, "timestamps with and without a zone are mixed; kept as text (\(seen))")
        }
        let example = firstNonNumeric ?? firstNonTemporal
        return (.string, "text such as \"\(example ?? "")\" fits no narrower type (\(seen))")
    }

    /// Digits of a number's mantissa without leading zeros (`0.0012300` → 5).
    static func significantDigits(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var started = false
        for byte in bytes {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            guard byte >= 48 && byte <= 57 else { continue }
            if byte != 48 { started = true }
            if started { count += 1 }
        }
        return count
    }

    /// Whether `value` (parsed from `bytes`) is the number the text says, to float64's
    /// 15 significant digits: finite unless the text is a NaN / infinity token, and not
    /// flushed to zero or to a subnormal from a non-zero mantissa.
    static func isExactDouble(_ value: Double, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let digits = significantDigits(bytes)
        if digits == 0 { return value == 0 || !value.isFinite }   // 0e5, or a NaN / inf token
        guard value.isFinite, value.magnitude >= Double.leastNormalMagnitude else { return false }
        return digits <= 15
    }

    /// A zero followed by another digit at the start (after a sign): `007`, `-01.5`.
    static func hasLeadingZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { i = 1 }
        return i + 1 < bytes.count && bytes[i] == UInt8(ascii: "0") && bytes[i + 1] >= 48 && bytes[i + 1] <= 57
    }
}
