// Glob patterns for `--exclude`, matched against paths relative to the crawl root, as the
// cloud crawlers' exclude patterns are:
//
//   *        any characters within one path component
//   **       any characters across components; `**/` also matches no folder at all
//   ?        one character other than `/`
//   [abc]    one of the characters; `[a-z]` a range; `[!a]` or `[^a]` any other one
//   {a,b}    either alternative (alternatives may nest)
//   \c       the character c itself

/// A compiled glob pattern.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    /// The brace-free alternatives, as characters.
    private let alternatives: [[Character]]

    public init(_ text: String) {
        self.text = text
        alternatives = Self.expandBraces(Array(text))
    }

    public var description: String { text }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let characters = Array(path)
        return alternatives.contains { Self.match($0[...], characters[...]) }
    }

    // MARK: - Matching

    private static func match(_ pattern: ArraySlice<Character>, _ path: ArraySlice<Character>) -> Bool {
        var p = pattern.startIndex
        var s = path.startIndex
        while p < pattern.endIndex {
            let c = pattern[p]
            switch c {
            case "*":
                if p + 1 < pattern.endIndex, pattern[p + 1] == "*" {
                    // `**`: anything, across folders. `**/x` may also match `x` at this level.
                    var rest = p + 2
                    if rest < pattern.endIndex, pattern[rest] == "/" {
                        rest += 1
                        if match(pattern[rest...], path[s...]) { return true }
                    }
                    var k = s
                    while k <= path.endIndex {
                        if match(pattern[rest...], path[k...]) { return true }
                        k += 1
                    }
                    return false
                }
                var k = s
                while true {
                    if match(pattern[(p + 1)...], path[k...]) { return true }
                    if k == path.endIndex || path[k] == "/" { return false }
                    k += 1
                }
            case "?":
                guard s < path.endIndex, path[s] != "/" else { return false }
                p += 1; s += 1
            case "[":
                guard s < path.endIndex, path[s] != "/" else { return false }
                guard let (matched, next) = matchClass(pattern, at: p, path[s]) else {
                    // An unclosed `[` is an ordinary character.
                    guard path[s] == "[" else { return false }
                    p += 1; s += 1
                    continue
                }
                guard matched else { return false }
                p = next; s += 1
            case "\\" where p + 1 < pattern.endIndex:
                guard s < path.endIndex, path[s] == pattern[p + 1] else { return false }
                p += 2; s += 1
            default:
                guard s < path.endIndex, path[s] == c else { return false }
                p += 1; s += 1
            }
        }
        return s == path.endIndex
    }

    /// Matches `character` against the class opening at `start`; nil when the class is not closed.
    private static func matchClass(_ pattern: ArraySlice<Character>, at start: Int, _ character: Character) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.endIndex, pattern[i] == "!" || pattern[i] == "^" { negated = true; i += 1 }
        var matched = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == "]" && !first { return (matched != negated, i + 1) }
            first = false
            if i + 2 < pattern.endIndex, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                if c <= character && character <= pattern[i + 2] { matched = true }
                i += 3
            } else {
                if c == character { matched = true }
                i += 1
            }
        }
        return nil
    }

    // MARK: - Braces

    /// `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`.
    static func expandBraces(_ pattern: [Character]) -> [[Character]] {
        guard let open = firstUnescaped("{", in: pattern) else { return [pattern] }
        var depth = 0
        var parts: [[Character]] = []
        var current: [Character] = []
        var i = open + 1
        while i < pattern.count {
            let c = pattern[i]
            if c == "\\", i + 1 < pattern.count {
                current += [c, pattern[i + 1]]
                i += 2
                continue
            }
            if c == "{" { depth += 1 }
            if c == "}" {
                if depth == 0 {
                    parts.append(current)
                    let prefix = Array(pattern[..<open]), suffix = Array(pattern[(i + 1)...])
                    return parts.flatMap { part in expandBraces(prefix + part + suffix) }
                }
                depth -= 1
            }
            if c == "," && depth == 0 {
                parts.append(current)
                current = []
            } else {
                current.append(c)
            }
            i += 1
        }
        return [pattern]   // unclosed: literal
    }

    private static func firstUnescaped(_ target: Character, in pattern: [Character]) -> Int? {
        var i = 0
        while i < pattern.count {
            if pattern[i] == "\\" { i += 2; continue }
            if pattern[i] == target { return i }
            i += 1
        }
        return nil
    }
}
