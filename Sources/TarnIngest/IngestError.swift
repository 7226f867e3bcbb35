import TarnCore

/// The one error type of TarnIngest: a raw record or byte that cannot be read, with where it
/// is (file, 1-based line and column, byte offset) and the offending text when known.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bytes that break the format (an unterminated quote, invalid JSON, bad UTF-8).
        case malformed
        /// A record that does not fit the table (too few or too many fields).
        case badRecord
        /// A value that does not fit its column's type.
        case badValue
        /// Reading or decompressing the input failed.
        case io
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation
    /// The raw text of the offending record, when it is short enough to show.
    public var record: String?

    public init(_ kind: Kind, _ message: String, location: SourceLocation = SourceLocation(), record: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.record = record
    }

    /// `path:line:col: message`, then the record.
    public var description: String {
        let place = location.description
        var text = place.isEmpty ? message : "\(place): \(message)"
        if let record { text += "\n  \(record)" }
        return text
    }
}

/// Runs `body`, whose errors are `IngestError`s behind an untyped `rethrows` (closures
/// passed through `withUnsafeBytes` and the like), and throws them typed again.
@inline(__always)
func typedIngest<R>(_ body: () throws -> R) throws(IngestError) -> R {
    do { return try body() } catch let error as IngestError { throw error } catch { throw IngestError(.io, "\(error)") }
}
