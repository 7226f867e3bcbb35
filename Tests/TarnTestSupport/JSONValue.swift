import Foundation

/// A JSON value as `Tests/interop/read_parquet.py` prints it.
///
/// Floats arrive as `{"f": "nan" | "inf" | "-inf" | "-0.0" | repr}` and are decoded into
/// `.float`, whose equality is exact: NaN equals NaN, -0.0 differs from 0.0. (A struct
/// whose only field is named `f` and holds such a string would be read as a float too.)
/// Literals build expectations: `[1, .float(.nan), "1.50", nil, ["ts": 5, "unit": "us"]]`;
/// a float literal means `.float`.
public enum JSONValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// A JSON number without fraction or exponent (the script's integers below 2^53).
    case int(Int64)
    /// Any other JSON number (the script prints none; floats are tagged).
    case double(Double)
    /// A tagged float, `{"f": ...}`.
    case float(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    // MARK: Building expected values with the script's rules

    /// An integer as the script prints it: a number when |v| < 2^53, else a string.
    public static func integer(_ value: Int64) -> JSONValue {
        value.magnitude < 1 << 53 ? .int(value) : .string(String(value))
    }

    /// `{"ts": value, "unit": unit}`, as timestamps are printed.
    public static func timestamp(_ value: Int64, unit: String) -> JSONValue {
        .object(["ts": .integer(value), "unit": .string(unit)])
    }

    /// `{"time": value, "unit": unit}`, as times of day are printed.
    public static func time(_ value: Int64, unit: String) -> JSONValue {
        .object(["time": .integer(value), "unit": .string(unit)])
    }

    /// Lowercase hex, as binary values are printed.
    public static func binary(_ bytes: [UInt8]) -> JSONValue {
        .string(bytes.map { String(format: "%02x", $0) }.joined())
    }

    // MARK: Reading values

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Integers, including those printed as strings (|v| >= 2^53) and tagged `ts`/`time`.
    public var intValue: Int64? {
        switch self {
        case .int(let v): return v
        case .string(let s): return Int64(s)
        case .object(let o): return (o["ts"] ?? o["time"] ?? o["duration"])?.intValue
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .float(let v), .double(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// Element `index` of an array (nil when out of range or not an array).
    public subscript(index: Int) -> JSONValue? {
        guard let a = arrayValue, a.indices.contains(index) else { return nil }
        return a[index]
    }

    // MARK: Equality (exact for floats)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)), let (.float(a), .float(b)):
            return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let v): hasher.combine(v)
        case .double(let v), .float(let v): hasher.combine(v.isNaN ? Double.nan.bitPattern : v.bitPattern)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o): hasher.combine(o)
        }
    }

    /// Compact JSON-like text, floats shown as `f:repr`, for failure messages.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .float(let v): return "f:\(v)"
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { "\"\($0)\": \(o[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

extension JSONValue: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        let o = try c.decode([String: JSONValue].self)
        if o.count == 1, case .string(let text)? = o["f"], let value = JSONValue.parseFloat(text) {
            self = .float(value)
        } else {
            self = .object(o)
        }
    }

    /// The script's float spellings: "nan", "inf", "-inf", "-0.0" or Python's repr.
    public static func parseFloat(_ text: String) -> Double? {
        switch text {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(text)
        }
    }

    /// Parses one JSON document. A small recursive-descent parser: the script's output runs
    /// to tens of megabytes, which `JSONDecoder` (with a `try?` per alternative) takes
    /// minutes to read in a debug build.
    public static func parse(_ data: Data) throws -> JSONValue {
        var parser = JSONTestParser(bytes: [UInt8](data))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw parser.failure("trailing text") }
        return value
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

private struct JSONTestParser {
    public let bytes: [UInt8]
    public var position = 0

    public struct Failure: Error, CustomStringConvertible { var description: String }

    public func failure(_ message: String) -> Failure { Failure(description: "JSON: \(message) at byte \(position)") }

    public mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    public mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else { throw failure("bad literal") }
        position += w.count
        return value
    }

    public mutating func value() throws -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw failure("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw failure("unterminated array") }
                let c = bytes[position]; position += 1
                if c == UInt8(ascii: "]") { return .array(items) }
                guard c == UInt8(ascii: ",") else { throw failure("expected , or ]") }
            }
        case UInt8(ascii: "{"):
            position += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected :") }
                position += 1
                object[key] = try value()
                skipSpace()
                guard position < bytes.count else { throw failure("unterminated object") }
                let c = bytes[position]; position += 1
                if c == UInt8(ascii: "}") { break }
                guard c == UInt8(ascii: ",") else { throw failure("expected , or }") }
            }
            if object.count == 1, case .string(let text)? = object["f"], let float = JSONValue.parseFloat(text) { return .float(float) }
            return .object(object)
        default:
            let start = position
            var isInteger = true
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) {
                if !"+-0123456789".utf8.contains(bytes[position]) { isInteger = false }
                position += 1
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if isInteger, let int = Int64(text) { return .int(int) }
            guard let double = Double(text) else { throw failure("bad number '\(text)'") }
            return .double(double)
        }
    }

    public mutating func string() throws -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a string") }
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let c = bytes[position]; position += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard position < bytes.count else { break }
            let e = bytes[position]; position += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\") {
                    position += 2
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: out.append(e)
            }
        }
        throw failure("unterminated string")
    }

    public mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw failure("bad \\u escape")
        }
        position += 4
        return v
    }
}
