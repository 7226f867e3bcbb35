// A small reader of a subcommand's arguments: options with values, flags, positionals.
import Foundation

struct Arguments {
    private var remaining: [String]
    private(set) var positional: [String] = []

    /// Splits `--name=value` into two arguments; everything not starting with `-` (and a
    /// lone `-`) is positional.
    init(_ arguments: [String]) {
        remaining = arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") else { return [argument] }
            return [String(argument[..<eq]), String(argument[argument.index(after: eq)...])]
        }
    }

    /// Whether the flag was given (removes every occurrence).
    mutating func flag(_ names: String...) -> Bool {
        let before = remaining.count
        remaining.removeAll { names.contains($0) }
        return remaining.count != before
    }

    /// Every value of a repeatable option, in order.
    mutating func values(_ name: String) throws -> [String] {
        var found: [String] = []
        var i = 0
        while i < remaining.count {
            if remaining[i] == name {
                guard i + 1 < remaining.count else { throw UsageError("\(name) needs a value") }
                found.append(remaining[i + 1])
                remaining.removeSubrange(i...(i + 1))
            } else {
                i += 1
            }
        }
        return found
    }

    /// The value of an option given at most once.
    mutating func value(_ name: String) throws -> String? {
        let found = try values(name)
        guard found.count <= 1 else { throw UsageError("\(name) is given more than once") }
        return found.first
    }

    mutating func integer(_ name: String) throws -> Int? {
        guard let text = try value(name) else { return nil }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
            throw UsageError("\(name) needs a whole number, got '\(text)'")
        }
        return number
    }

    /// A byte count: `1048576`, `64KB`, `128MB`, `1GB` (powers of 1024).
    mutating func byteCount(_ name: String) throws -> Int? {
        guard let text = try value(name) else { return nil }
        let upper = text.uppercased()
        for (suffix, factor) in [("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1)] where upper.hasSuffix(suffix) {
            if let number = Int(upper.dropLast(suffix.count)), number > 0 { return number * factor }
        }
        guard let number = Int(text), number > 0 else { throw UsageError("\(name) needs a size such as 64MB, got '\(text)'") }
        return number
    }

    /// Ends parsing: the rest must be positionals; an unknown option is a usage error.
    mutating func finish() throws {
        for argument in remaining {
            if argument.hasPrefix("-") && argument != "-" { throw UsageError("unknown option '\(argument)'") }
            positional.append(argument)
        }
        remaining = []
    }
}
