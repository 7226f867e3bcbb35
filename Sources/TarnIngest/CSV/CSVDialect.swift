/// How a CSV file is written: the bytes that separate and quote fields, how quotes are
/// escaped, and what comes before the first record. The tokenizer needs `delimiter`,
/// `quote` and `escape`; the rest describes the file for the reader above it.
public struct CSVDialect: Sendable, Equatable, CustomStringConvertible {
    /// How a quote byte is written inside a quoted field.
    public enum Escape: Sendable, Equatable {
        /// RFC 4180: `""` inside a quoted field is one `"`.
        case doubledQuote
        /// `\"` (and `\` before any byte, quoted or not) stands for that byte; `""` inside
        /// quotes is still accepted as one quote.
        case backslash
    }

    /// The record terminator seen in the file. The tokenizer accepts all three anywhere.
    public enum LineEnding: Sendable, Equatable {
        case lf, crlf, cr
    }

    /// Any single byte except CR, LF and the quote byte.
    public var delimiter: UInt8
    /// The quote byte, or nil when fields are never quoted.
    public var quote: UInt8?
    public var escape: Escape
    /// Whether the first record (after `skipRows`) names the columns.
    public var hasHeader: Bool
    /// Records to skip before the header (a title line, comment lines).
    public var skipRows: Int
    /// The line ending seen when sniffing (nil when not known).
    public var lineEnding: LineEnding?
    /// Whether the file starts with a UTF-8 byte order mark (the tokenizer skips it).
    public var hasBOM: Bool

    public init(
        delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8? = UInt8(ascii: "\""),
        escape: Escape = .doubledQuote, hasHeader: Bool = true, skipRows: Int = 0,
        lineEnding: LineEnding? = nil, hasBOM: Bool = false
    ) {
        precondition(delimiter != 0x0A && delimiter != 0x0D, "a CSV delimiter cannot be CR or LF")
        precondition(quote != delimiter, "the quote byte must differ from the delimiter")
        precondition(quote != 0x0A && quote != 0x0D, "a CSV quote cannot be CR or LF")
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.hasHeader = hasHeader
        self.skipRows = skipRows
        self.lineEnding = lineEnding
        self.hasBOM = hasBOM
    }

    /// RFC 4180: comma, double quote, doubled-quote escape, header row.
    public static let rfc4180 = CSVDialect()

    public var description: String {
        var parts = ["delimiter \(CSVDialect.show(delimiter))"]
        parts.append(quote.map { "quote \(CSVDialect.show($0))" } ?? "no quote")
        parts.append(escape == .doubledQuote ? "escape doubled quote" : "escape backslash")
        parts.append(hasHeader ? "header" : "no header")
        if skipRows > 0 { parts.append("skip \(skipRows)") }
        if let lineEnding { parts.append("\(lineEnding)".uppercased()) }
        if hasBOM { parts.append("BOM") }
        return parts.joined(separator: ", ")
    }

    /// A byte as a person reads it in a message: `','`, `'\t'`, `0x1F`.
    static func show(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: return "'\\t'"
        case 0x0A: return "'\\n'"
        case 0x0D: return "'\\r'"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "0x" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
}
