import TarnCatalog

/// The members of one JSON object of a workflow file, read by type with errors that say
/// which key of which node or trigger is wrong. Unknown keys are refused up front, with the
/// nearest known key as a suggestion.
struct Fields {
    let members: [String: JSONValue]
    let context: String?

    init(_ value: JSONValue, context: String?, allowed: [String]) throws {
        guard let members = value.objectValue else {
            throw WorkflowError(.malformed, "expected an object", context: context)
        }
        for key in members.keys.sorted() where !allowed.contains(key) {
            let suggestion = Self.nearest(key, in: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw WorkflowError(.unknownKey, "unknown key \"\(key)\"\(suggestion)", context: context)
        }
        self.members = members
        self.context = context
    }

    func require(_ key: String) throws -> JSONValue {
        guard let value = members[key], value != .null else { throw WorkflowError(.missingKey, "missing \"\(key)\"", context: context) }
        return value
    }

    private func wrongType(_ key: String, _ expected: String) -> WorkflowError {
        WorkflowError(.malformed, "\"\(key)\" must be \(expected)", context: context)
    }

    mutating func string(_ key: String) throws -> String {
        guard let text = try require(key).stringValue else { throw wrongType(key, "a string") }
        return text
    }

    mutating func optionalString(_ key: String) throws -> String? {
        guard members[key] != nil, members[key] != .null else { return nil }
        return try string(key)
    }

    mutating func optionalInt(_ key: String) throws -> Int? {
        guard let value = members[key], value != .null else { return nil }
        guard let number = value.intValue else { throw wrongType(key, "a whole number") }
        return Int(number)
    }

    mutating func optionalDouble(_ key: String) throws -> Double? {
        guard let value = members[key], value != .null else { return nil }
        guard let number = value.doubleValue else { throw wrongType(key, "a number") }
        return number
    }

    /// A byte count: a number, or text such as `128MB` (powers of 1024).
    mutating func optionalByteCount(_ key: String) throws -> Int? {
        guard let value = members[key], value != .null else { return nil }
        if let number = value.intValue, number > 0 { return Int(number) }
        if let text = value.stringValue?.uppercased() {
            for (suffix, factor) in [("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30), ("B", 1)] where text.hasSuffix(suffix) {
                if let number = Int(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 { return number * factor }
            }
            if let number = Int(text), number > 0 { return number }
        }
        throw wrongType(key, "a size such as 128MB")
    }

    mutating func strings(_ key: String) throws -> [String] {
        guard let array = try require(key).arrayValue else { throw wrongType(key, "a list of strings") }
        return try array.map { element in
            guard let text = element.stringValue else { throw wrongType(key, "a list of strings") }
            return text
        }
    }

    mutating func optionalStrings(_ key: String) throws -> [String]? {
        guard members[key] != nil, members[key] != .null else { return nil }
        return try strings(key)
    }

    mutating func array(_ key: String) throws -> [JSONValue] {
        guard let array = try require(key).arrayValue else { throw wrongType(key, "a list") }
        return array
    }

    mutating func optionalObject(_ key: String) throws -> [String: JSONValue]? {
        guard let value = members[key], value != .null else { return nil }
        guard let object = value.objectValue else { throw wrongType(key, "an object") }
        return object
    }

    /// The allowed key closest to `key` by edit distance, when close enough to be a typo.
    static func nearest(_ key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
