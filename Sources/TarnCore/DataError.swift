/// Where in a source something was found: file, 1-based line and column, byte offset.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var byteOffset: Int?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, byteOffset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// `path:line:col` with whatever parts are known.
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line { parts.append(String(line)) }
        if let column { parts.append(String(column)) }
        if parts.isEmpty, let byteOffset { return "byte \(byteOffset)" }
        return parts.joined(separator: ":")
    }
}

/// The error type of TarnCore: data that does not match its schema.
public struct DataError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Buffers whose layout or length does not fit the declared type.
        case schemaMismatch
        /// A value outside what its type can hold (a decimal past its precision, bad UTF-8).
        case invalidValue
    }

    public var kind: Kind
    public var message: String
    /// The column path (`address.city`), when one column is at fault.
    public var column: String?
    public var location: SourceLocation?

    public init(_ kind: Kind, _ message: String, column: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.column = column
        self.location = location
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        if let column { text += "column '\(column)': " }
        return text + message
    }
}
