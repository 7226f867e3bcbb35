import Foundation
import Testing

/// Runs the independent readers (pyarrow and DuckDB, through `Tests/interop/read_parquet.py`)
/// over Parquet files and returns what each saw.
///
/// The interpreter is `$TARN_PYTHON`, else `<package root>/.venv/bin/python` (made by
/// `make deps`). Tests that need it carry the `.interop` trait: without Python, pyarrow
/// and DuckDB they are skipped, unless `TARN_REQUIRE_INTEROP=1` (CI), which makes them fail
/// with the reason. Python starts slowly (~1 s), so read many files in one call.
public enum Interop {
    /// The package root, two folders above this file's folder (`Tests/TarnTestSupport`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var scriptPath: String { packageRoot.appendingPathComponent("Tests/interop/read_parquet.py").path }

    /// Where the interpreter is looked for, in order.
    public static var pythonCandidates: [String] {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["TARN_PYTHON"], !env.isEmpty { candidates.append(env) }
        candidates.append(packageRoot.appendingPathComponent(".venv/bin/python").path)
        return candidates
    }

    /// True when `TARN_REQUIRE_INTEROP=1`: missing readers fail tests instead of skipping them.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["TARN_REQUIRE_INTEROP"] == "1" }

    /// The interpreter, once found to import pyarrow and duckdb; or why not.
    public static let availability: Result<String, InteropError> = {
        guard let python = pythonCandidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(.unavailable("no Python interpreter at \(pythonCandidates.joined(separator: " or ")); run `make deps` or set TARN_PYTHON"))
        }
        guard FileManager.default.fileExists(atPath: scriptPath) else {
            return .failure(.unavailable("the reader script \(scriptPath) is missing"))
        }
        do {
            _ = try run(python, ["-c", "import pyarrow, duckdb"])
        } catch {
            return .failure(.unavailable("\(python) cannot import pyarrow and duckdb (run `make deps`): \(error)"))
        }
        return .success(python)
    }()

    public static var isAvailable: Bool { (try? availability.get()) != nil }

    /// The skip message: what was looked for. Cheap, so it can be built at test discovery.
    public static var skipComment: Comment {
        Comment(rawValue: "interop readers unavailable: needs Python with pyarrow and duckdb at \(pythonCandidates.joined(separator: " or ")) (`make deps`); TARN_REQUIRE_INTEROP=1 makes this a failure")
    }

    /// Throws the reason the readers are unavailable.
    @discardableResult
    public static func requireAvailable() throws -> String { try availability.get() }

    /// Reads every path with both readers in one Python process, in order.
    /// With `rows: false` only schemas, row counts and metadata come back.
    public static func read(_ paths: [String], rows: Bool = true) throws -> [InteropResult] {
        let python = try requireAvailable()
        let output = try run(python, [scriptPath] + (rows ? [] : ["--no-rows"]) + paths)
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count == paths.count else {
            throw InteropError.failed("read_parquet.py printed \(lines.count) documents for \(paths.count) paths")
        }
        return try lines.map { line in
            let document = try JSONValue.parse(Data(line))
            if let error = document["error"]?.stringValue { throw InteropError.failed("read_parquet.py: \(error)") }
            return try InteropResult(document)
        }
    }

    public static func read(_ path: String, rows: Bool = true) throws -> InteropResult {
        try read([path], rows: rows)[0]
    }

    /// Runs a Python snippet with the interop interpreter (e.g. to write a fixture with
    /// pyarrow); `arguments` arrive as `sys.argv[1...]`. Returns stdout.
    @discardableResult
    public static func runPython(_ code: String, arguments: [String] = []) throws -> String {
        let python = try requireAvailable()
        return String(decoding: try run(python, ["-c", code] + arguments), as: UTF8.self)
    }

    /// A fresh directory under the system's temporary directory.
    public static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `executable` and returns stdout; a non-zero exit throws with stderr.
    private static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let (status, output, errors) = try launch(executable, arguments)
        if status != 0 {
            throw InteropError.failed("\(executable) exited with \(status): \(String(decoding: errors, as: UTF8.self))")
        }
        return output
    }

    /// Runs `executable` (Python with UTF-8 output and no `__pycache__`), from `directory`
    /// when given, and returns its exit status, stdout and stderr.
    /// `environment` changes this process's environment for the child (a nil value removes
    /// the variable).
    public static func launch(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                              environment changes: [String: String?] = [:]) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"  // no __pycache__ beside the script
        environment["PYTHONIOENCODING"] = "utf-8"
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread so neither pipe fills up and blocks the child.
        let errors = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (process.terminationStatus, output, errors.data)
    }

    /// Written by one thread, read after the semaphore by another.
    private final class DataBox: @unchecked Sendable { var data = Data() }
}

public enum InteropError: Error, CustomStringConvertible {
    case unavailable(String)
    case failed(String)

    public var description: String {
        switch self {
        case .unavailable(let why): return "interop readers unavailable: \(why)"
        case .failed(let why): return why
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the interop readers exist, or when they are required
    /// (`TARN_REQUIRE_INTEROP=1`), in which case their absence fails the test.
    public static var interop: Self {
        .enabled(if: Interop.isAvailable || Interop.isRequired, Interop.skipComment)
    }
}

/// What both readers saw in one file.
public struct InteropResult {
    public let path: String
    public let pyarrow: ReaderOutput
    public let duckdb: ReaderOutput
    /// `pq.ParquetFile(path).metadata` as the script prints it, or `{"error": ...}`.
    public let metadata: JSONValue
    /// The whole document.
    public let document: JSONValue

    public init(_ document: JSONValue) throws {
        self.document = document
        path = document["path"]?.stringValue ?? ""
        pyarrow = try ReaderOutput(document["pyarrow"] ?? .null, reader: "pyarrow", path: path)
        duckdb = try ReaderOutput(document["duckdb"] ?? .null, reader: "duckdb", path: path)
        metadata = document["metadata"] ?? .null
    }

    /// The metadata's error text, if pyarrow could not read the footer.
    public var metadataError: String? { metadata["error"]?.stringValue }

    /// Row groups from the metadata (each with `num_rows`, `columns`).
    public var rowGroups: [JSONValue] { metadata["row_groups"]?.arrayValue ?? [] }

    /// Column chunk `path` (`a.b.c`) of row group `rowGroup`.
    public func columnChunk(_ path: String, rowGroup: Int = 0) -> JSONValue? {
        rowGroups.indices.contains(rowGroup)
            ? rowGroups[rowGroup]["columns"]?.arrayValue?.first { $0["path"]?.stringValue == path }
            : nil
    }

    /// Key-value metadata of the footer.
    public var keyValueMetadata: [String: JSONValue] { metadata["key_value_metadata"]?.objectValue ?? [:] }
}

/// One reader's view of a file: its schema, rows, or the error it raised.
public struct ReaderOutput {
    public struct Column: Equatable, CustomStringConvertible {
        public let name: String
        /// pyarrow's type string (`int64`, `timestamp[us, tz=UTC]`) or DuckDB's (`BIGINT`).
        public let type: String
        public let nullable: Bool
        public var description: String { "\(name): \(type)" }
    }

    public let reader: String
    public let path: String
    /// The reader's exception (`Type: message`), when it failed.
    public let error: String?
    public let schema: [Column]
    public let numRows: Int
    /// Row-major values; empty when read with `rows: false`.
    public let rows: [[JSONValue]]

    public init(_ value: JSONValue, reader: String, path: String) throws {
        self.reader = reader
        self.path = path
        if let error = value["error"]?.stringValue {
            self.error = error
            schema = []
            numRows = 0
            rows = []
            return
        }
        guard let schema = value["schema"]?.arrayValue, let numRows = value["num_rows"]?.intValue else {
            throw InteropError.failed("\(reader) output for \(path) has no schema/num_rows: \(value)")
        }
        error = nil
        self.schema = schema.map {
            Column(name: $0["name"]?.stringValue ?? "", type: $0["type"]?.stringValue ?? "", nullable: $0["nullable"]?.boolValue ?? true)
        }
        self.numRows = Int(numRows)
        rows = value["rows"]?.arrayValue?.map { $0.arrayValue ?? [] } ?? []
    }

    public var succeeded: Bool { error == nil }
    public var columnNames: [String] { schema.map(\.name) }
    public var types: [String] { schema.map(\.type) }

    /// Throws the reader's error, naming reader and file; returns self otherwise.
    @discardableResult
    public func requireSuccess() throws -> ReaderOutput {
        if let error { throw InteropError.failed("\(reader) could not read \(path): \(error)") }
        return self
    }

    /// All values of column `name`, top to bottom (nil if there is no such column).
    public func column(_ name: String) -> [JSONValue]? {
        guard let index = schema.firstIndex(where: { $0.name == name }) else { return nil }
        return rows.map { $0[index] }
    }

    public func type(of name: String) -> String? { schema.first { $0.name == name }?.type }
}
