import Foundation
import TarnCatalog
import TarnIngest

/// What kind of data file a file is, from its first bytes and its name.
struct FileKind: Sendable, Hashable {
    var classification: Classification
    /// Whole-file compression of a raw file (`gzip`, `zstd`), by magic bytes; for Parquet,
    /// the codec of its column chunks (filled in when the footer is read).
    var compression: CompressionType
    /// The data extension without compression: `csv`, `tsv`, `psv`, `txt`, `jsonl`,
    /// `ndjson`, `json`, `parquet`; empty when the name has none (the content decided).
    var dataExtension: String
    /// For JSON: one object per line, or a top-level array.
    var jsonLayout: JSONLayout?
}

/// Classifies files by magic bytes first and extension second:
///
///   PAR1 at the start                      Parquet, whatever the name (its footer is
///                                          checked when the schema is read)
///   1F 8B / 28 B5 2F FD                    gzip / zstd: the name without `.gz` / `.zst`
///                                          says the format inside, else the content does
///   .csv .tsv .psv .txt                    CSV (the delimiter is sniffed)
///   .jsonl .ndjson / .json                 JSON lines / JSON (`[` first: an array)
///   no extension, text starting { or [     JSON
///   anything else                          skipped, with the reason
///
/// Empty files, NUL bytes in a text file's head, a `.parquet` name without the magic, and
/// Avro or ORC files (recognized, not read) are skipped with the reason.
enum FileClassifier {
    static let rawExtensions: [String: Classification] = [
        "csv": .csv, "tsv": .csv, "psv": .csv, "txt": .csv,
        "jsonl": .json, "ndjson": .json, "json": .json,
    ]
    static let parquetExtensions: Set<String> = ["parquet", "parq", "pq"]
    static let compressionSuffixes: [(String, CompressionType)] = [(".gz", .gzip), (".gzip", .gzip), (".zst", .zstd), (".zstd", .zstd)]
    static let headBytes = 4096

    enum Outcome {
        case data(FileKind)
        case skip(String)
    }

    static func classify(path: String, name: String, sizeBytes: Int64) -> Outcome {
        guard sizeBytes > 0 else { return .skip("empty file") }
        let head: [UInt8]
        do {
            head = try readHead(path, count: headBytes)
        } catch {
            return .skip("unreadable: \(error)")
        }
        let lower = name.lowercased()
        if head.starts(with: Array("PAR1".utf8)) {
            return .data(FileKind(classification: .parquet, compression: .none, dataExtension: "parquet"))
        }
        var inner = lower
        var namedCompression: CompressionType?
        for (suffix, type) in compressionSuffixes where inner.hasSuffix(suffix) {
            inner.removeLast(suffix.count)
            namedCompression = type
            break
        }
        let ext = extensionOf(inner)
        if parquetExtensions.contains(ext) {
            return .skip("named .\(ext) but not Parquet (it does not start with the magic bytes PAR1)")
        }
        if head.starts(with: Array("Obj".utf8) + [1]) { return .skip("an Avro file: Tarn crawls CSV, JSON and Parquet") }
        if head.starts(with: Array("ORC".utf8)) && ext == "orc" { return .skip("an ORC file: Tarn crawls CSV, JSON and Parquet") }

        let compression: CompressionType
        switch InputCompression.detect(head) {
        case .gzip: compression = .gzip
        case .zstd: compression = .zstd
        case .none:
            compression = .none
            if let named = namedCompression { return .skip("named as \(named) but not \(named)-compressed (no \(named) magic bytes)") }
        }
        // The text itself: decompressed when it is compressed.
        var text = head
        if compression != .none {
            do {
                text = try RawInput(path: path).head(headBytes)
            } catch {
                return .skip("unreadable: \(error)")
            }
            if text.isEmpty { return .skip("empty after \(compression) decompression") }
        }
        if text.contains(0) { return .skip("binary content (NUL bytes), not CSV or JSON text") }

        if let classification = rawExtensions[ext] {
            var kind = FileKind(classification: classification, compression: compression, dataExtension: ext)
            if classification == .json { kind.jsonLayout = ext == "json" && firstSignificantByte(text) == UInt8(ascii: "[") ? .array : .lines }
            return .data(kind)
        }
        let first = firstSignificantByte(text)
        if ext.isEmpty || compression != .none, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return .data(FileKind(classification: .json, compression: compression, dataExtension: "",
                                  jsonLayout: first == UInt8(ascii: "[") ? .array : .lines))
        }
        return .skip(ext.isEmpty ? "no extension and not JSON: cannot tell its format (name CSV files .csv)"
                                 : "not CSV, JSON or Parquet (extension .\(ext))")
    }

    static func extensionOf(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return slice.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    static func readHead(_ path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw POSIXFailure(code: errno) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(done)) }
            if n > 0 { done += n } else if n == 0 { break } else if errno != EINTR { throw POSIXFailure(code: errno) }
        }
        bytes.removeLast(count - done)
        return bytes
    }
}

/// A failed system call, printed as its `strerror` text.
struct POSIXFailure: Error, CustomStringConvertible {
    var code: Int32
    var description: String { String(cString: strerror(code)) }
}

/// The catalog's record layout (TarnIngest has a reader-side type of the same name).
typealias JSONLayout = TarnCatalog.JSONLayout
