// Finds the shared CSV corpora (never copied into the repository); the same rules as
// Tests/TarnParquetTests/Support/Corpora.swift. TARN_CORPORA names the folder, by default
// `../shared/corpora` beside the package root; a missing corpus is skipped with the path
// looked at, unless TARN_REQUIRE_CORPORA=1 turns it into a failure.
import Foundation
import Testing

enum CSVCorpus {
    /// The package root, found from this file's path (Tests/TarnIngestTests/Support/).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["TARN_CORPORA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["TARN_REQUIRE_CORPORA"] == "1" }

    /// The corpus folder `name` (e.g. "csv/csv-spectrum"), or nil after recording why it is
    /// skipped (or a failure, when the corpora are required).
    static func folder(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let url = root.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url
        }
        let message = "corpus '\(name)' not found at \(url.path) (set TARN_CORPORA)"
        if isRequired {
            Issue.record(Comment(rawValue: message + " and TARN_REQUIRE_CORPORA=1"), sourceLocation: sourceLocation)
        } else {
            print("note: skipping: \(message)")
        }
        return nil
    }

    /// Whether the corpus exists; for `.enabled(if:)` traits. A missing required corpus
    /// still runs the test so that `folder(_:)` records the failure.
    static func isAvailable(_ name: String) -> Bool {
        if isRequired { return true }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)
    }
}
