// A strict RFC 8259 JSON scanner (https://www.rfc-editor.org/rfc/rfc8259).
//
//   JSON-text = ws value ws
//   value     = false / null / true / object / array / number / string
//   object    = '{' ws [ member *( ws ',' ws member ) ] ws '}'     member = string ws ':' ws value
//   array     = '[' ws [ value *( ws ',' ws value ) ] ws ']'
//   number    = [ '-' ] ( '0' / [1-9] *DIGIT ) [ '.' 1*DIGIT ] [ ( 'e' / 'E' ) [ '-' / '+' ] 1*DIGIT ]
//   string    = '"' *( unescaped / '\' ( '"' / '\' / '/' / 'b' / 'f' / 'n' / 'r' / 't' / 'u' 4HEXDIG ) ) '"'
//   ws        = *( %x20 / %x09 / %x0A / %x0D )
//
// Choices where the RFC leaves room (all strict):
// - String bytes must be valid UTF-8 (RFC 3629: no overlongs, no encoded surrogates, nothing
//   above U+10FFFF); a `\u` escape of a surrogate must be a high one followed by a `\u` low
//   one. Lone surrogates are rejected, so every string decodes to valid UTF-8.
// - No byte order mark: the caller strips a BOM at the start of a file.
// - Numbers of any size are accepted (the grammar has no limit); the conversion helpers
//   report what does not fit an Int64 or a finite Double.
// - Nesting is limited (`JSONParser.maxDepth`, 512 by default); the scanner keeps its
//   container stack in the tape, never on the call stack.

/// Why a scan stopped. `truncated` means the input ended inside a value: with more input
/// the document might still be valid (the streaming readers ask for more).
struct JSONScanFailure: Error {
    var message: String
    var offset: Int
    var truncated: Bool
}

/// One pass over one JSON value, appending its tokens to a tape.
struct JSONScanner {
    let p: UnsafePointer<UInt8>
    /// The end of the bytes this value may use (exclusive).
    let end: Int
    /// Whether the input ends at `end` (otherwise running into `end` is `truncated`).
    let isFinal: Bool
    let maxDepth: Int
    var tape: TapeWriter

    static let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C

    @inline(__always)
    func skipWhitespace(_ from: Int) -> Int {
        var i = from
        while i < end {
            let b = p[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
        return i
    }

    func fail(_ message: String, at offset: Int) -> JSONScanFailure {
        JSONScanFailure(message: message, offset: offset, truncated: false)
    }

    func truncated(_ message: String, at offset: Int) -> JSONScanFailure {
        JSONScanFailure(message: message, offset: offset, truncated: true)
    }

    func containerName(_ token: Int32) -> String {
        tape.kinds[Int(token)] & JSONTape.kindMask == JSONTokenKind.objectStart.rawValue ? "object" : "array"
    }

    /// Scans one value starting at or after `from` (leading whitespace skipped) and returns
    /// the offset just past it. `depth` is the nesting the value sits at (0 for a document).
    mutating func scanValue(from: Int, depth startDepth: Int = 0) throws(JSONScanFailure) -> Int {
        var i = from
        var depth = startDepth
        // The innermost open container's start token; its `ends` slot holds the enclosing
        // container's token until it is closed (a stack threaded through the tape).
        var current: Int32 = -1

        valueLoop: while true {
            i = skipWhitespace(i)
            guard i < end else {
                if current < 0 { throw truncated("expected a JSON value, found end of input", at: i) }
                throw truncated("unexpected end of input inside \(containerName(current))", at: i)
            }
            let b = p[i]
            switch b {
            case 0x7B, 0x5B: // { [
                if depth >= maxDepth {
                    throw fail("nesting deeper than \(maxDepth)", at: i)
                }
                depth += 1
                let isObject = b == 0x7B
                let index = Int32(truncatingIfNeeded: tape.count)
                tape.append(isObject ? JSONTokenKind.objectStart.rawValue : JSONTokenKind.arrayStart.rawValue, i, current)
                current = index
                i = skipWhitespace(i + 1)
                guard i < end else { throw truncated("unexpected end of input inside \(isObject ? "object" : "array")", at: i) }
                let c = p[i]
                if isObject {
                    if c == Self.quote {
                        i = try scanKey(at: i)
                        continue valueLoop
                    }
                    if c != 0x7D { throw fail("expected a string key or '}' after '{', found \(Self.describe(c))", at: i) }
                } else if c != 0x5D {
                    continue valueLoop
                }
                // An empty container: the closing bracket is handled below.
            case Self.quote:
                i = try scanString(at: i, kind: JSONTokenKind.string.rawValue)
            case 0x2D, 0x30 ... 0x39: // - 0-9
                i = try scanNumber(at: i)
                if i == end && !isFinal && depth == startDepth {
                    throw truncated("number runs to the end of the input", at: i)
                }
            case 0x74: i = try scanLiteral(at: i, "true", JSONTokenKind.true.rawValue)
            case 0x66: i = try scanLiteral(at: i, "false", JSONTokenKind.false.rawValue)
            case 0x6E: i = try scanLiteral(at: i, "null", JSONTokenKind.null.rawValue)
            case 0x2B: throw fail("number cannot start with '+'", at: i)
            case 0x2E: throw fail("number needs a digit before '.'", at: i)
            default:
                throw fail("expected a JSON value, found \(Self.describe(b))", at: i)
            }

            // After a value: close containers, or move to the next element or member.
            while true {
                if current < 0 { return i }
                i = skipWhitespace(i)
                guard i < end else { throw truncated("unexpected end of input inside \(containerName(current))", at: i) }
                let c = p[i]
                let inObject = tape.kinds[Int(current)] == JSONTokenKind.objectStart.rawValue
                if c == 0x2C { // ,
                    i = skipWhitespace(i + 1)
                    guard i < end else { throw truncated("unexpected end of input inside \(containerName(current))", at: i) }
                    if inObject {
                        if p[i] == Self.quote {
                            i = try scanKey(at: i)
                            continue valueLoop
                        }
                        if p[i] == 0x7D { throw fail("trailing comma before '}'", at: i) }
                        throw fail("expected a string key after ',' in object, found \(Self.describe(p[i]))", at: i)
                    }
                    if p[i] == 0x5D { throw fail("trailing comma before ']'", at: i) }
                    continue valueLoop
                }
                if c == (inObject ? 0x7D : 0x5D) {
                    let index = Int32(truncatingIfNeeded: tape.count)
                    tape.append(inObject ? JSONTokenKind.objectEnd.rawValue : JSONTokenKind.arrayEnd.rawValue, i, current)
                    let parent = tape.ends[Int(current)]
                    tape.ends[Int(current)] = index
                    current = parent
                    depth -= 1
                    i += 1
                    continue
                }
                if inObject { throw fail("expected ',' or '}' after object member, found \(Self.describe(c))", at: i) }
                throw fail("expected ',' or ']' after array element, found \(Self.describe(c))", at: i)
            }
        }
    }

    /// Scans `"key" ws ':' ws` and returns the offset of the member's value.
    @inline(__always)
    mutating func scanKey(at i: Int) throws(JSONScanFailure) -> Int {
        var j = try scanString(at: i, kind: JSONTokenKind.key.rawValue)
        j = skipWhitespace(j)
        guard j < end else { throw truncated("unexpected end of input after object key", at: j) }
        guard p[j] == 0x3A else { throw fail("expected ':' after object key, found \(Self.describe(p[j]))", at: j) }
        return j + 1
    }

    mutating func scanLiteral(at i: Int, _ word: StaticString, _ kind: UInt8) throws(JSONScanFailure) -> Int {
        let length = word.utf8CodeUnitCount
        let text = word.utf8Start
        var j = 0
        while j < length {
            guard i + j < end else { throw truncated("unexpected end of input inside '\(word)'", at: i + j) }
            if p[i + j] != text[j] { throw fail("invalid literal; expected '\(word)'", at: i) }
            j += 1
        }
        tape.append(kind, i, Int32(truncatingIfNeeded: i + length))
        return i + length
    }

    /// A byte as a person reads it in a message: `'x'`, or `byte 0xC0`, or `end of input`.
    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        if b == 0x20 { return "' '" }
        return "byte 0x" + hex(b)
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
