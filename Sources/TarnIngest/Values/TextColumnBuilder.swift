import TarnCore

/// Raw text values of one column for a block of records, as a reader hands them over.
/// Generic code over this protocol is specialized per reader, so the per-value calls inline.
public protocol RawTextValues {
    var count: Int { get }
    /// Calls `body` with value `i`'s bytes (unescaped) and whether it was quoted.
    func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer, _ quoted: Bool) -> R) -> R
}

/// A value that does not fit the column's type: the caller widens the type and re-reads.
public struct ConversionFailure: Error, Sendable, Equatable {
    /// Index of the value within the block.
    public var index: Int
    public var text: String
    public var type: DataType
    /// The value is not UTF-8 text (no wider type helps: it is a bad value).
    public var isInvalidUTF8 = false
}

/// Turns blocks of raw text values into one typed `Column`: one `switch` on the type per
/// block, then a tight loop over the values into the column builder of that storage.
public struct TextColumnBuilder {
    public let type: DataType
    public let nullTokens: NullTokens
    /// User date / timestamp layouts tried before ISO 8601.
    public let formats: TemporalFormats
    /// Set when the caller knows every byte of the input is ASCII (hence UTF-8): string
    /// values then skip their per-value UTF-8 check.
    public var inputIsASCII = false
    private var booleans = BooleanColumnBuilder()
    private var int32 = FixedWidthColumnBuilder<Int32>()
    private var int64 = FixedWidthColumnBuilder<Int64>()
    private var int128 = FixedWidthColumnBuilder<Int128>()
    private var float64 = FixedWidthColumnBuilder<Double>()
    private var bytes = BytesColumnBuilder()
    private var fixed = FixedBytesColumnBuilder(width: 16)

    /// Leaf types only: boolean, int32, int64, decimal, float64, string, json, date, time(µs),
    /// timestamp(µs), uuid — what inference produces.
    /// - Parameter capacity: rows to reserve room for (one allocation instead of doublings).
    public init(type: DataType, nullTokens: NullTokens = .standard, formats: TemporalFormats = .iso, capacity: Int = 0) {
        precondition(!type.isNested, "text columns are leaf columns")
        self.type = type
        self.nullTokens = nullTokens
        self.formats = formats
        guard capacity > 0 else { return }
        switch type.storage {
        case .boolean: booleans = BooleanColumnBuilder(capacity: capacity)
        case .int32: int32 = FixedWidthColumnBuilder(capacity: capacity)
        case .int64: int64 = FixedWidthColumnBuilder(capacity: capacity)
        case .int128: int128 = FixedWidthColumnBuilder(capacity: capacity)
        case .float64: float64 = FixedWidthColumnBuilder(capacity: capacity)
        case .fixedBytes: fixed = FixedBytesColumnBuilder(width: 16, capacity: capacity)
        default: bytes = BytesColumnBuilder(capacity: capacity)
        }
    }

    public var count: Int {
        switch type.storage {
        case .boolean: return booleans.count
        case .int32: return int32.count
        case .int64: return int64.count
        case .int128: return int128.count
        case .float64: return float64.count
        case .fixedBytes: return fixed.count
        default: return bytes.count
        }
    }

    /// Appends every value of `values`; stops at the first that does not fit and returns it
    /// (values before it stay appended).
    public mutating func append<Values: RawTextValues>(_ values: Values) -> ConversionFailure? {
        switch type {
        case .boolean: return Self.appendEach(values, into: &booleans, type: type, nullTokens: nullTokens) { ValueParsing.boolean($0) }
        case .int32: return Self.appendEach(values, into: &int32, type: type, nullTokens: nullTokens) { ValueParsing.int64($0).flatMap { Int32(exactly: $0) } }
        case .int64: return Self.appendEach(values, into: &int64, type: type, nullTokens: nullTokens) { ValueParsing.int64($0) }
        case .float64: return Self.appendEach(values, into: &float64, type: type, nullTokens: nullTokens) { ValueParsing.double($0) }
        case .date:
            if formats.isISOOnly {
                return Self.appendEach(values, into: &int32, type: type, nullTokens: nullTokens) { ValueParsing.date($0) }
            }
            let formats = formats
            return Self.appendEach(values, into: &int32, type: type, nullTokens: nullTokens) { formats.date($0) }
        case .time(.microseconds): return Self.appendEach(values, into: &int64, type: type, nullTokens: nullTokens) { ValueParsing.timeOfDay($0) }
        case .timestamp(.microseconds, let utc):
            if formats.isISOOnly {
                return Self.appendEach(values, into: &int64, type: type, nullTokens: nullTokens) {
                    ValueParsing.columnTimestamp($0, utc: utc)
                }
            }
            let formats = formats
            return Self.appendEach(values, into: &int64, type: type, nullTokens: nullTokens) {
                ValueParsing.columnTimestamp($0, utc: utc, date: formats.date, timestamp: formats.timestamp)
            }
        case .decimal(let precision, let scale):
            let limit = Self.powerOfTen(precision)
            func rescaled(_ bytes: UnsafeRawBufferPointer) -> Int128? {
                guard let parsed = ValueParsing.decimal(bytes), parsed.scale <= scale else { return nil }
                let value = parsed.scale == scale ? parsed.unscaled : parsed.unscaled * Self.powerOfTen(scale - parsed.scale)
                return value.magnitude < limit.magnitude ? value : nil
            }
            switch type.storage {
            case .int32: return Self.appendEach(values, into: &int32, type: type, nullTokens: nullTokens) { rescaled($0).map { Int32(truncatingIfNeeded: $0) } }
            case .int64: return Self.appendEach(values, into: &int64, type: type, nullTokens: nullTokens) { rescaled($0).map { Int64(truncatingIfNeeded: $0) } }
            default: return Self.appendEach(values, into: &int128, type: type, nullTokens: nullTokens) { rescaled($0) }
            }
        case .uuid:
            for i in 0..<values.count {
                let failed: Bool = values.withValue(i) { raw, quoted in
                    if !quoted && nullTokens.matches(raw) { fixed.appendNull(); return false }
                    return !fixed.append(writing: { ValueParsing.uuid(raw, into: $0) })
                }
                if failed { return Self.failure(values, i, type: type) }
            }
            return nil
        case .binary:
            for i in 0..<values.count {
                values.withValue(i) { raw, quoted in
                    if !quoted && nullTokens.matches(raw) { bytes.appendNull() } else { bytes.append(raw) }
                }
            }
            return nil
        case .string, .json:
            if inputIsASCII {
                for i in 0..<values.count {
                    values.withValue(i) { raw, quoted in
                        if !quoted && nullTokens.matches(raw) { bytes.appendNull() } else { bytes.append(raw) }
                    }
                }
                return nil
            }
            for i in 0..<values.count {
                let valid: Bool = values.withValue(i) { raw, quoted in
                    if !quoted && nullTokens.matches(raw) { bytes.appendNull(); return true }
                    guard UTF8Validation.firstInvalidOffset(in: raw) == nil else { return false }
                    bytes.append(raw)
                    return true
                }
                if !valid {
                    var failed = Self.failure(values, i, type: type)
                    failed.isInvalidUTF8 = true
                    return failed
                }
            }
            return nil
        default:
            preconditionFailure("no text conversion to \(type)")
        }
    }

    /// Moves the built values into a column and starts over.
    public mutating func finish() -> Column {
        switch type.storage {
        case .boolean: return booleans.finish()
        case .int32: return int32.finish()
        case .int64: return int64.finish()
        case .int128: return int128.finish()
        case .float64: return float64.finish()
        case .fixedBytes: return fixed.finish()
        default: return bytes.finish()
        }
    }

    // MARK: Loops

    // Static, with the null tokens passed in: a closure in an instance method would capture
    // `self` (every builder's arrays) and retain it per value.
    private static func appendEach<Values: RawTextValues, Builder: NullableValueBuilder>(
        _ values: Values, into builder: inout Builder, type: DataType, nullTokens: NullTokens,
        _ parse: (UnsafeRawBufferPointer) -> Builder.Value?
    ) -> ConversionFailure? {
        for i in 0..<values.count {
            let ok: Bool = values.withValue(i) { raw, quoted in
                if !quoted && nullTokens.matches(raw) { builder.appendNull(); return true }
                guard let value = parse(raw) else { return false }
                builder.append(value)
                return true
            }
            if !ok { return failure(values, i, type: type) }
        }
        return nil
    }

    private static func failure<Values: RawTextValues>(_ values: Values, _ i: Int, type: DataType) -> ConversionFailure {
        let text = values.withValue(i) { raw, _ in String(decoding: raw.prefix(200), as: UTF8.self) }
        return ConversionFailure(index: i, text: text, type: type)
    }

    static func powerOfTen(_ exponent: Int) -> Int128 {
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// The column builders `appendEach` fills: a value or a null per row.
protocol NullableValueBuilder {
    associatedtype Value
    mutating func append(_ value: Value)
    mutating func appendNull()
}

extension FixedWidthColumnBuilder: NullableValueBuilder { typealias Value = Element }
extension BooleanColumnBuilder: NullableValueBuilder { typealias Value = Bool }
