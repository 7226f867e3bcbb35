#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TarnCore

/// Rejected records, written as JSON lines (`file`, `line`, `byteOffset`, `column`,
/// `reason`, `raw`) to a file as they happen, and counted. Shared by the readers of one
/// conversion (several files, several threads), hence a locked class.
public final class BadRecordLog: @unchecked Sendable {
    public let path: String?
    /// More rejected records than this fails the conversion (nil: no limit).
    public let maxCount: Int?
    private let lock = NSLock()
    private var handle: FileHandle?
    private var _count = 0

    /// - Parameter path: where the JSON lines go (created or truncated); nil only counts.
    public init(path: String?, maxCount: Int? = nil) throws(IngestError) {
        self.path = path
        self.maxCount = maxCount
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw IngestError(.io, "cannot create the bad-records file", location: SourceLocation(file: path))
            }
            self.handle = handle
        }
    }

    deinit { try? handle?.close() }

    public var count: Int { lock.withLock { _count } }

    /// Records one rejected record; throws when that makes more than `maxCount`.
    public func record(_ error: IngestError, raw: UnsafeRawBufferPointer) throws(IngestError) {
        let line = Self.entry(error, raw: raw)
        let over: Bool = lock.withLock {
            _count += 1
            handle?.write(line)
            return maxCount.map { _count > $0 } ?? false
        }
        if over {
            var failure = error
            failure.message = "more than \(maxCount!) bad records (the last: \(error.message))"
            throw failure
        }
    }

    /// Where the log stands, to go back to when a file is read again from its start (after
    /// a column was widened), so its bad records are not logged twice.
    public struct Mark: Sendable { var count: Int; var offset: UInt64 }

    public func mark() -> Mark {
        lock.withLock { Mark(count: _count, offset: (try? handle?.offset()) ?? 0) }
    }

    public func rewind(to mark: Mark) {
        lock.withLock {
            _count = mark.count
            try? handle?.truncate(atOffset: mark.offset)
            try? handle?.seek(toOffset: mark.offset)
        }
    }

    static func entry(_ error: IngestError, raw: UnsafeRawBufferPointer) -> Data {
        var object: [String: Any] = ["reason": error.message]
        let location = error.location
        if let file = location.file { object["file"] = file }
        if let line = location.line { object["line"] = line }
        if let column = location.column { object["column"] = column }
        if let offset = location.byteOffset { object["byteOffset"] = offset }
        // Invalid UTF-8 in the raw text is replaced, so the log itself is always valid JSON.
        object["raw"] = String(decoding: raw.prefix(1 << 16), as: UTF8.self)
        var data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}
