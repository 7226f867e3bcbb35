/// Reads a type back from Tarn's own spelling (`DataType.description`): `int64`,
/// `decimal(10,2)`, `timestamp[us, UTC]`, `list<string>`, `struct<a: int32, b: string>`,
/// `map<string, int64>`. A field inside a struct may end with ` not null`.
extension DataType {
    public init(parsing text: String) throws(DataError) {
        var parser = TypeParser(text: Array(text.utf8))
        self = try parser.parseType()
        parser.skipSpaces()
        guard parser.atEnd else { throw parser.error("unexpected text after the type") }
    }
}

private struct TypeParser {
    let text: [UInt8]
    var position = 0

    var atEnd: Bool { position >= text.count }

    func error(_ message: String) -> DataError {
        DataError(.schemaMismatch, "cannot read type '\(String(decoding: text, as: UTF8.self))' at character \(position + 1): \(message)")
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
    }

    mutating func word() -> String {
        skipSpaces()
        let start = position
        while position < text.count, text[position] != UInt8(ascii: " "), !"<>[](),:".utf8.contains(text[position]) {
            position += 1
        }
        return String(decoding: text[start..<position], as: UTF8.self)
    }

    mutating func expect(_ character: Character) throws(DataError) {
        skipSpaces()
        guard position < text.count, text[position] == character.asciiValue! else { throw error("expected '\(character)'") }
        position += 1
    }

    mutating func accept(_ character: Character) -> Bool {
        skipSpaces()
        if position < text.count, text[position] == character.asciiValue! { position += 1; return true }
        return false
    }

    mutating func integer() throws(DataError) -> Int {
        let w = word()
        guard let value = Int(w) else { throw error("expected a number, found '\(w)'") }
        return value
    }

    mutating func unit() throws(DataError) -> TimeUnit {
        let w = word()
        guard let unit = TimeUnit.allCases.first(where: { $0.abbreviation == w || $0.rawValue == w }) else {
            throw error("unknown time unit '\(w)' (ms, us or ns)")
        }
        return unit
    }

    /// Reads an optional ` not null`; returns whether the field stays nullable.
    mutating func acceptNotNull() -> Bool {
        let save = position
        if word() == "not", word() == "null" { return false }
        position = save
        return true
    }

    mutating func parseType() throws(DataError) -> DataType {
        let name = word().lowercased()
        switch name {
        case "boolean", "bool": return .boolean
        case "int8": return .int8
        case "int16": return .int16
        case "int32", "int": return .int32
        case "int64", "bigint": return .int64
        case "uint8": return .uint8
        case "uint16": return .uint16
        case "uint32": return .uint32
        case "uint64": return .uint64
        case "float32", "float": return .float32
        case "float64", "double": return .float64
        case "string": return .string
        case "binary": return .binary
        case "date": return .date
        case "uuid": return .uuid
        case "json": return .json
        case "decimal":
            try expect("(")
            let precision = try integer()
            try expect(",")
            let scale = try integer()
            try expect(")")
            return .decimal(precision: precision, scale: scale)
        case "time":
            try expect("[")
            let unit = try unit()
            try expect("]")
            return .time(unit)
        case "timestamp":
            try expect("[")
            let unit = try unit()
            var utc = false
            if accept(",") {
                let zone = word()
                guard zone.uppercased() == "UTC" else { throw error("only UTC can follow the unit") }
                utc = true
            }
            try expect("]")
            return .timestamp(unit, utc: utc)
        case "list":
            try expect("<")
            let element = try parseType()
            let nullable = acceptNotNull()
            try expect(">")
            return .list(Field("element", element, nullable: nullable))
        case "map":
            try expect("<")
            let key = try parseType()
            try expect(",")
            let value = try parseType()
            let nullable = acceptNotNull()
            try expect(">")
            return .map(key: Field("key", key, nullable: false), value: Field("value", value, nullable: nullable))
        case "struct":
            try expect("<")
            var fields: [Field] = []
            repeat {
                let fieldName = word()
                guard !fieldName.isEmpty else { throw error("expected a field name") }
                try expect(":")
                let type = try parseType()
                let nullable = acceptNotNull()
                fields.append(Field(fieldName, type, nullable: nullable))
            } while accept(",")
            try expect(">")
            return .structure(fields)
        case "":
            throw error("expected a type")
        default:
            throw error("unknown type '\(name)'")
        }
    }
}
