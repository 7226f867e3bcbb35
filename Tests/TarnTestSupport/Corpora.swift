// Finds the shared conformance corpora (never copied into the repository).
//
// TARN_CORPORA names the folder; by default it is `../shared/corpora` beside the package
// root. When it is missing the corpus tests are skipped with the path looked at, unless
// TARN_REQUIRE_CORPORA=1 (CI), which turns a missing corpus into a failure.
import Foundation
import Testing

public enum Corpora {
    /// The package root, found from this file's path (Tests/TarnTestSupport/).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    public static var root: URL {
        if let path = ProcessInfo.processInfo.environment["TARN_CORPORA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    public static var isRequired: Bool { ProcessInfo.processInfo.environment["TARN_REQUIRE_CORPORA"] == "1" }

    /// The corpus folder `name` (e.g. "parquet-testing"), or nil after recording why it
    /// is skipped (or a failure, when the corpora are required).
    public static func folder(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
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

    /// The message shown when a corpus suite is skipped.
    public static func skipNote(_ name: String) -> Comment {
        Comment(rawValue: "corpus '\(name)' not found at \(root.appendingPathComponent(name).path) (set TARN_CORPORA)")
    }

    /// Whether the corpus exists; for `.enabled(if:)` traits. A missing required corpus
    /// still runs the test so that `folder(_:)` records the failure.
    public static func isAvailable(_ name: String) -> Bool {
        if isRequired { return true }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)
    }
}
