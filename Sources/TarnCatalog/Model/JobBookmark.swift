import Foundation

/// A raw file a job already converted: a rerun skips it while size, modification time and
/// head hash still match.
public struct JobBookmark: Hashable, Sendable {
    public var job: String
    public var path: String
    public var sizeBytes: Int64
    public var modifiedAt: Date
    /// A hash of the file's first bytes: catches a rewrite that kept size and time.
    public var headHash: String
    /// The run that converted it.
    public var runID: String?
    /// Set by the catalog.
    public internal(set) var recordedAt: Date?

    public init(job: String, path: String, sizeBytes: Int64, modifiedAt: Date, headHash: String, runID: String? = nil) {
        self.job = job
        self.path = path
        self.sizeBytes = sizeBytes
        self.modifiedAt = modifiedAt
        self.headHash = headHash
        self.runID = runID
    }

    /// Whether the file as seen now is the one bookmarked (times compared to the microsecond,
    /// the precision the catalog keeps).
    public func matches(sizeBytes: Int64, modifiedAt: Date, headHash: String) -> Bool {
        self.sizeBytes == sizeBytes && self.modifiedAt.catalogMicroseconds == modifiedAt.catalogMicroseconds && self.headHash == headHash
    }
}
