import TarnCore

// The type two schemas agree on when they disagree about a column: what a crawler uses
// to union the schemas of several files, by the same rules as inference within a file
// (DESIGN.md: widen, never lose data):
//
//   int8 → int16 → int32 → int64 → decimal(38,0)   signed and unsigned meet at the
//                                                  narrowest signed type holding both
//                                                  (uint64 with a signed one: decimal(20,0))
//   integer + decimal(p,s)                          decimal with room for both, ≤ 38 digits,
//   decimal + decimal                               else float64
//   any number + float                              float64 (float32 + float32 stays)
//   date + timestamp                                the timestamp; time + time: finer unit
//   timestamp + timestamp                           finer unit; zoned + local: string
//                                                   (that would invent an offset)
//   string + binary                                 binary
//   list + list                                     list of the widened elements
//   map + map                                       keys and values widened
//   struct + struct                                 fields unioned by name (first-seen
//                                                   order), shared ones widened, one-sided
//                                                   ones nullable
//   json + anything, container + scalar             json (the value's JSON text)
//   string + any scalar                             string (the value's text)
//   any other pair of scalar kinds                  string
//
// `TypeWidening.widen` also says how far it went, so a caller can tell a drift that
// keeps the meaning (int32 in one file, int64 in another) from a clash of kinds.

/// Widening of `DataType`s across files.
public enum TypeWidening {
    /// How two types were reconciled, from no change to a clash of kinds.
    public enum Change: Int, Sendable, Comparable, CustomStringConvertible {
        /// The types were equal.
        case none = 0
        /// One type holds every value of the other (int32 → int64, date → timestamp, a
        /// struct gaining a field).
        case widened = 1
        /// One side is already text (or JSON) and the other becomes its text.
        case toText = 2
        /// The kinds clash (a number and a date, a list and a scalar): both become text or JSON.
        case kindMismatch = 3

        public static func < (a: Change, b: Change) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .none: return "same"
            case .widened: return "widened"
            case .toText: return "as text"
            case .kindMismatch: return "kinds differ"
            }
        }
    }

    /// The narrowest type holding the values of both `a` and `b`, and how far it widened.
    public static func widen(_ a: DataType, _ b: DataType) -> (type: DataType, change: Change) {
        if a == b { return (a, .none) }
        switch (a, b) {
        case (.json, _), (_, .json):
            return (.json, a.isNested || b.isNested ? .kindMismatch : .toText)
        case (.list(let x), .list(let y)):
            let element = widen(x, y)
            return (.list(element.field), max(element.change, .widened))
        case (.map(let xk, let xv), .map(let yk, let yv)):
            let key = widen(xk, yk), value = widen(xv, yv)
            var keyField = key.field
            keyField.nullable = false
            return (.map(key: keyField, value: value.field), maxChange(key.change, value.change, .widened))
        case (.structure(let x), .structure(let y)):
            let union = unionFields(x, y)
            return (.structure(union.fields), max(union.change, .widened))
        case _ where a.isNested || b.isNested:
            return (.json, .kindMismatch)
        case (.string, .binary), (.binary, .string):
            return (.binary, .widened)
        case (.string, _), (_, .string):
            return (.string, .toText)
        default:
            break
        }
        if let number = widenNumbers(a, b) { return (number, .widened) }
        if let temporal = widenTemporal(a, b) { return (temporal, .widened) }
        return (.string, .kindMismatch)
    }

    /// The union of two field lists by name: `a`'s fields in order, then `b`'s new ones;
    /// shared fields widened; a field missing on one side becomes nullable.
    public static func unionFields(_ a: [Field], _ b: [Field]) -> (fields: [Field], change: Change) {
        var change = Change.none
        var out: [Field] = []
        out.reserveCapacity(max(a.count, b.count))
        var indexInB: [String: Int] = [:]
        for (i, field) in b.enumerated() where indexInB[field.name] == nil { indexInB[field.name] = i }
        var used = Set<String>()
        for field in a {
            used.insert(field.name)
            if let j = indexInB[field.name] {
                let merged = widen(field, b[j])
                change = max(change, merged.change)
                out.append(merged.field)
            } else {
                var missing = field
                if !missing.nullable { missing.nullable = true }
                change = max(change, .widened)
                out.append(missing)
            }
        }
        for field in b where !used.contains(field.name) {
            used.insert(field.name)
            var added = field
            added.nullable = true
            change = max(change, .widened)
            out.append(added)
        }
        return (out, change)
    }

    /// Two fields of one name: the widened type, nullable when either is.
    public static func widen(_ a: Field, _ b: Field) -> (field: Field, change: Change) {
        let merged = widen(a.type, b.type)
        var change = merged.change
        if a.nullable != b.nullable && change == .none { change = .widened }
        return (Field(a.name, merged.type, nullable: a.nullable || b.nullable), change)
    }

    /// The union of two schemas (see `unionFields`).
    public static func union(_ a: Schema, _ b: Schema) -> (schema: Schema, change: Change) {
        let merged = unionFields(a.fields, b.fields)
        return (Schema(merged.fields), merged.change)
    }

    // MARK: - Numbers

    /// Digits before the point a type can need, and whether it is an exact (fixed-point) type.
    private static func integerDigits(_ type: DataType) -> Int? {
        switch type {
        case .int8, .uint8: return 3
        case .int16, .uint16: return 5
        case .int32, .uint32: return 10
        case .int64: return 19
        case .uint64: return 20
        default: return nil
        }
    }

    /// (signed, bits) of an integer type.
    private static func integerShape(_ type: DataType) -> (signed: Bool, bits: Int)? {
        switch type {
        case .int8: return (true, 8)
        case .int16: return (true, 16)
        case .int32: return (true, 32)
        case .int64: return (true, 64)
        case .uint8: return (false, 8)
        case .uint16: return (false, 16)
        case .uint32: return (false, 32)
        case .uint64: return (false, 64)
        default: return nil
        }
    }

    private static func signedInteger(bits: Int) -> DataType {
        switch bits {
        case ...8: return .int8
        case ...16: return .int16
        case ...32: return .int32
        default: return .int64
        }
    }

    private static func widenNumbers(_ a: DataType, _ b: DataType) -> DataType? {
        switch (a, b) {
        case (.float32, .float32): return .float32
        case (.float32, _), (.float64, _), (_, .float32), (_, .float64):
            let isNumber: (DataType) -> Bool = { t in
                if case .decimal = t { return true }
                return integerShape(t) != nil || t == .float32 || t == .float64
            }
            return isNumber(a) && isNumber(b) ? .float64 : nil
        default:
            break
        }
        if let x = integerShape(a), let y = integerShape(b) {
            if x.signed == y.signed {
                return x.bits >= y.bits ? a : b
            }
            // A signed type needs one more bit than the unsigned one it must hold.
            let unsigned = x.signed ? y : x, signed = x.signed ? x : y
            let bits = max(signed.bits, unsigned.bits * 2)
            return bits <= 64 ? signedInteger(bits: bits) : .decimal(precision: 20, scale: 0)
        }
        func fixedPoint(_ t: DataType) -> (integerDigits: Int, scale: Int)? {
            if case .decimal(let p, let s) = t { return (p - s, s) }
            return integerDigits(t).map { ($0, 0) }
        }
        guard let x = fixedPoint(a), let y = fixedPoint(b) else { return nil }
        let scale = max(x.scale, y.scale)
        let precision = max(x.integerDigits, y.integerDigits) + scale
        if precision <= 38 { return .decimal(precision: precision, scale: scale) }
        // int64 with decimal(38,0) and the like: the digits are there but not the room.
        return scale == 0 ? .decimal(precision: 38, scale: 0) : .float64
    }

    private static func widenTemporal(_ a: DataType, _ b: DataType) -> DataType? {
        switch (a, b) {
        case (.date, .timestamp): return b
        case (.timestamp, .date): return a
        case (.timestamp(let x, let xUTC), .timestamp(let y, let yUTC)):
            guard xUTC == yUTC else { return nil }
            return .timestamp(finer(x, y), utc: xUTC)
        case (.time(let x), .time(let y)):
            return .time(finer(x, y))
        default:
            return nil
        }
    }

    private static func finer(_ a: TimeUnit, _ b: TimeUnit) -> TimeUnit {
        a.perSecond >= b.perSecond ? a : b
    }
}

private func maxChange(_ a: TypeWidening.Change, _ b: TypeWidening.Change, _ c: TypeWidening.Change) -> TypeWidening.Change {
    Swift.max(a, Swift.max(b, c))
}
