import Foundation
// The same helper as Tests/TarnCatalogTests/PythonSupport.swift (test targets cannot share sources).
import Testing

/// Runs Python snippets with pyarrow and DuckDB, for tests that check the catalog's
/// exports in a real engine. The interpreter is `$TARN_PYTHON`, else the package's
/// `.venv/bin/python` (made by `make deps`). Without it the tests are skipped, unless
/// `TARN_REQUIRE_INTEROP=1`, which makes its absence a failure.
enum Python {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var candidates: [String] {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["TARN_PYTHON"], !env.isEmpty { candidates.append(env) }
        candidates.append(packageRoot.appendingPathComponent(".venv/bin/python").path)
        return candidates
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["TARN_REQUIRE_INTEROP"] == "1" }

    /// The interpreter, once found to import pyarrow and duckdb; or why not.
    static let availability: Result<String, PythonError> = {
        guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(PythonError(message: "no Python interpreter at \(candidates.joined(separator: " or ")); run `make deps` or set TARN_PYTHON"))
        }
        do {
            _ = try run(python, ["-c", "import pyarrow, duckdb"])
        } catch {
            return .failure(PythonError(message: "\(python) cannot import pyarrow and duckdb (run `make deps`): \(error)"))
        }
        return .success(python)
    }()

    static var isAvailable: Bool { (try? availability.get()) != nil }

    static var skipComment: Comment {
        Comment(rawValue: "DuckDB unavailable: needs Python with pyarrow and duckdb at \(candidates.joined(separator: " or ")) (`make deps`); TARN_REQUIRE_INTEROP=1 makes this a failure")
    }

    /// Runs `code` with `arguments` as `sys.argv[1...]`; returns stdout.
    @discardableResult
    static func run(_ code: String, arguments: [String] = []) throws -> String {
        let python = try availability.get()
        return String(decoding: try run(python, ["-c", code] + arguments), as: UTF8.self)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["PYTHONIOENCODING"] = "utf-8"
        process.environment = environment
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-python-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw PythonError(message: "\(executable) exited with \(process.terminationStatus): \(errors)")
        }
        return data
    }
}

struct PythonError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when Python with pyarrow and DuckDB is there, or when it is
    /// required (`TARN_REQUIRE_INTEROP=1`), in which case its absence fails the test.
    static var duckdb: Self { .enabled(if: Python.isAvailable || Python.isRequired, Python.skipComment) }
}
