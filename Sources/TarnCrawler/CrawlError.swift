/// The error type of TarnCrawler: a crawl that cannot run at all (the root is missing,
/// the catalog cannot be opened or written). A file the crawler cannot read is not an
/// error: it is listed in the report's skipped files with the reason.
public struct CrawlError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The root does not exist or is not a folder.
        case notAFolder
        /// The root cannot be listed.
        case io
        /// The catalog refused a read or a write; nothing of the crawl was kept.
        case catalog
        /// An option the crawler cannot use (a table level below 0, an empty database name).
        case invalidOption
    }

    public var kind: Kind
    public var message: String
    /// The file or folder concerned, when there is one.
    public var path: String?
    /// The error underneath (a `CatalogError`, an `IngestError`), as text.
    public var cause: String?

    public init(_ kind: Kind, _ message: String, path: String? = nil, cause: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.cause = cause
    }

    /// `path: message: cause`.
    public var description: String {
        var text = path.map { "\($0): \(message)" } ?? message
        if let cause { text += ": \(cause)" }
        return text
    }
}
