import TarnCore

// From counts to types. The rules (DESIGN.md: widen, never lose data):
//
//   only nulls (or never present)            string
//   objects only                              struct of the keys' types (no key ever: json)
//   arrays only                               list of the elements' type
//   a container mixed with anything else      json: each value's JSON text, strings quoted
//   true / false only                         boolean
//   whole numbers                             int32 → int64 by range; beyond int64
//                                             decimal(38,0) up to 38 digits, else string
//   numbers with a fraction or exponent       float64 (whole numbers join them); a number
//                                             too large for float64 (1e400) makes string
//   strings                                   date, timestamp with zone (UTC) or without, UUID
//                                             (local) as ValueParsing reads them; zoned and
//                                             local mixed, or any other text: string
//   more than one scalar kind                 string (numbers and booleans as their text)
//
// Every column is nullable: a missing key reads as null.

extension JSONSchemaInference {
    /// The schema and the reason for each column's type.
    public func inferredSchema(wholeInput: Bool) -> InferredSchema {
        var explanations: [InferredSchema.Explanation] = []
        let fields = childFields(0, path: "", explanations: &explanations)
        return InferredSchema(schema: Schema(fields), explanations: explanations,
                              recordsSampled: recordCount, wholeInput: wholeInput)
    }

    /// The inferred schema without explanations.
    public var schema: Schema { inferredSchema(wholeInput: false).schema }

    func childFields(_ n: Int, path: String, explanations: inout [InferredSchema.Explanation]) -> [Field] {
        let node = nodes[n]
        var fields: [Field] = []
        for (position, nameBytes) in node.names.enumerated() {
            let name = String(decoding: nameBytes, as: UTF8.self)
            let child = node.children[position]
            let missing = max(0, (n == 0 ? recordCount : node.objects) - present(child))
            let type = decide(child, path: path.isEmpty ? name : path + "." + name, missing: missing, explanations: &explanations)
            fields.append(Field(name, type))
        }
        return fields
    }

    func present(_ n: Int) -> Int {
        let node = nodes[n]
        return node.nulls + node.scalars + node.objects + node.arrays
    }

    /// The type of node `n`; appends its explanation, then its children's.
    func decide(_ n: Int, path: String, missing: Int, explanations: inout [InferredSchema.Explanation]) -> DataType {
        let node = nodes[n]
        let values = node.scalars + node.objects + node.arrays
        var seen = "\(values) values, \(node.nulls) nulls"
        if missing > 0 { seen += ", missing in \(missing) objects" }

        func explain(_ type: DataType, _ reason: String) -> DataType {
            explanations.append(.init(column: path, type: type, reason: reason))
            return type
        }

        if values == 0 {
            return explain(.string, "no value but null (\(seen)): string")
        }
        let kinds = Self.kindNames(node)
        if node.isMixedWithContainer {
            return explain(.json, "mixes \(kinds.joined(separator: " and ")); kept as JSON text, strings quoted (\(seen))")
        }
        if node.objects > 0 {
            if node.names.isEmpty {
                return explain(.json, "objects that never have a key; kept as JSON text (\(seen))")
            }
            let index = explanations.count
            explanations.append(.init(column: path, type: .string, reason: ""))
            let fields = childFields(n, path: path, explanations: &explanations)
            let type = DataType.structure(fields)
            explanations[index] = .init(column: path, type: type, reason: "objects with \(fields.count) distinct keys (\(seen))")
            return type
        }
        if node.arrays > 0 {
            let index = explanations.count
            explanations.append(.init(column: path, type: .string, reason: ""))
            let elementType: DataType
            if node.element >= 0 {
                elementType = decide(node.element, path: path + ".element", missing: 0, explanations: &explanations)
            } else {
                elementType = .string
                explanations.append(.init(column: path + ".element", type: .string, reason: "every array was empty: string"))
            }
            let type = DataType.list(Field("element", elementType))
            explanations[index] = .init(column: path, type: type,
                                        reason: "arrays of up to \(node.longestArray) elements, \(node.arrayElements) in all (\(seen))")
            return type
        }
        if kinds.count > 1 {
            return explain(.string, "mixes \(kinds.joined(separator: " and ")); kept as text (\(seen))")
        }
        if node.booleans > 0 {
            return explain(.boolean, "every value is true or false (\(seen))")
        }
        if node.numbers > 0 {
            if node.hugeNumbers > 0 {
                return explain(.string, "a number too large for float64 (\(node.firstHugeNumber ?? "")); kept as text (\(seen))")
            }
            if node.fractions > 0 {
                // float64 only when it holds every value exactly (never lose data).
                if node.inexactDoubles > 0 {
                    let precision = node.maxIntegerDigits + node.maxScale
                    if node.exponents == 0 && precision <= 38 {
                        return explain(.decimal(precision: max(precision, 1), scale: node.maxScale),
                                       "up to \(node.maxScale) decimal places and \(node.maxIntegerDigits) digits before the point; float64 would round some values, decimal keeps every digit (\(seen))")
                    }
                    return explain(.string, "numbers that neither float64 nor decimal(38) hold exactly; kept as text (\(seen))")
                }
                if node.integers > 0 {
                    return explain(.float64, "whole numbers and numbers with a fraction or exponent: float64 (\(seen))")
                }
                return explain(.float64, "numbers with a fraction or exponent (\(seen))")
            }
            if node.bigIntegers > 0 {
                if node.bigIntegerDigits > 38 {
                    return explain(.string, "a whole number of \(node.bigIntegerDigits) digits does not fit decimal(38,0); kept as text (\(seen))")
                }
                return explain(.decimal(precision: 38, scale: 0),
                               "whole numbers beyond int64 (up to \(node.bigIntegerDigits) digits) kept exact as decimal(38,0) (\(seen))")
            }
            if node.integerMin >= Int64(Int32.min) && node.integerMax <= Int64(Int32.max) {
                return explain(.int32, "whole numbers from \(node.integerMin) to \(node.integerMax) fit int32 (\(seen))")
            }
            return explain(.int64, "whole numbers from \(node.integerMin) to \(node.integerMax) need int64 (\(seen))")
        }
        // Strings.
        if node.texts > 0 {
            return explain(.string, "text such as \"\(node.firstText ?? "")\" (\(seen))")
        }
        if node.uuids > 0 {
            if node.dates + node.zonedTimestamps + node.localTimestamps > 0 {
                return explain(.string, "UUIDs mixed with dates or timestamps; kept as text (\(seen))")
            }
            return explain(.uuid, "every value is a UUID (\(seen))")
        }
        if node.zonedTimestamps > 0 && node.localTimestamps > 0 {
            return explain(.string, "timestamps with and without a zone are mixed; kept as text (\(seen))")
        }
        if node.zonedTimestamps > 0 {
            return explain(.timestamp(.microseconds, utc: true), "timestamps with a zone or offset, normalized to UTC (\(seen))")
        }
        if node.localTimestamps > 0 {
            return explain(.timestamp(.microseconds, utc: false), "timestamps without a zone, kept as local time (\(seen))")
        }
        return explain(.date, "every value is a YYYY-MM-DD date (\(seen))")
    }

    /// The kinds of values a node saw, for messages: "objects", "numbers", …
    static func kindNames(_ node: Node) -> [String] {
        var kinds: [String] = []
        if node.objects > 0 { kinds.append("objects") }
        if node.arrays > 0 { kinds.append("arrays") }
        if node.booleans > 0 { kinds.append("booleans") }
        if node.numbers > 0 { kinds.append("numbers") }
        if node.strings > 0 { kinds.append("strings") }
        return kinds
    }
}
