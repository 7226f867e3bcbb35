import TarnCore
@testable import TarnIngest
import Testing

/// Parses `text` as one JSON document; returns the tape's kinds as short names.
func tokens(_ text: String, maxDepth: Int = 512) throws -> [String] {
    let tape = JSONTape()
    var bytes = Array(text.utf8)
    _ = try bytes.withUnsafeMutableBytes { raw throws(IngestError) in
        try JSONParser(maxDepth: maxDepth).parse(UnsafeRawBufferPointer(raw), into: tape)
    }
    return (0 ..< tape.count).map { "\(tape.kind($0))" }
}

/// The error `text` gives, or nil when it parses.
func parseError(_ bytes: [UInt8], maxDepth: Int = 512) -> IngestError? {
    let tape = JSONTape()
    do {
        _ = try bytes.withUnsafeBytes { raw throws(IngestError) in
            try JSONParser(file: "t.json", maxDepth: maxDepth).parse(raw, into: tape)
        }
        return nil
    } catch {
        return error as? IngestError
    }
}

func parseError(_ text: String, maxDepth: Int = 512) -> IngestError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

/// Asserts that `text` fails with `message` at line:column.
func expectError(_ text: String, _ message: String, line: Int, column: Int,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let error = parseError(text) else {
        Issue.record("expected an error for \(text.debugDescription)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.kind == .malformed, sourceLocation: sourceLocation)
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(error.location.line == line, "line", sourceLocation: sourceLocation)
    #expect(error.location.column == column, "column", sourceLocation: sourceLocation)
    #expect(error.location.file == "t.json", sourceLocation: sourceLocation)
}

/// Runs `body` with a parsed tape of `text`.
func withTape<R>(_ text: String, _ body: (JSONTape, UnsafeRawBufferPointer) throws -> R) throws -> R {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { raw in
        let tape = JSONTape()
        _ = try JSONParser().parse(raw, into: tape)
        return try body(tape, raw)
    }
}
