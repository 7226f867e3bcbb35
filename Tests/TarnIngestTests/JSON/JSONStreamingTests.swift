import TarnCore
@testable import TarnIngest
import Testing

@Suite struct JSONStreamingTests {
    /// Every document of `text` through `step`, as the kind of its root token and its text.
    func documents(_ text: String, _ step: (UnsafeRawBufferPointer, Int, JSONTape) throws -> JSONParseStep) throws -> [String] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw throws in
            let tape = JSONTape()
            var offset = 0
            var out: [String] = []
            while case .document(let tokens, let next) = try step(raw, offset, tape) {
                let range = tape.byteRange(tokens.lowerBound)
                out.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self))
                offset = next
            }
            return out
        }
    }

    @Test func ndjsonWithBlankLinesAndCRLF() throws {
        let text = "{\"a\":1}\r\n\r\n  \n[2, 3] \r\n\t\"s\"\n4\n\n"
        let reader = JSONLinesReader()
        let docs = try documents(text) { raw, offset, tape in
            try reader.next(raw, from: offset, into: tape)
        }
        #expect(docs == ["{\"a\":1}", "[2, 3]", "s", "4"])
        // Last line without a newline.
        #expect(try documents("1\n2") { raw, o, t in try reader.next(raw, from: o, into: t) } == ["1", "2"])
    }

    @Test func ndjsonErrorsNameTheLine() throws {
        let reader = JSONLinesReader(parser: JSONParser(file: "x.jsonl"))
        let text = Array("{\"a\":1}\n\n{\"a\":\n}\n".utf8)
        let error = text.withUnsafeBytes { raw -> IngestError? in
            let tape = JSONTape()
            do {
                guard case .document(_, let next) = try reader.next(raw, from: 0, into: tape) else { return nil }
                _ = try reader.next(raw, from: next, into: tape)
                return nil
            } catch { return error as? IngestError }
        }
        #expect(error?.message == "unexpected end of line inside object")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 6)
        #expect(error?.record == "{\"a\":")

        let two = Array("1\n{} {}\n".utf8)
        let second = two.withUnsafeBytes { raw -> IngestError? in
            do { _ = try reader.next(raw, from: 2, into: JSONTape()); return nil } catch { return error as? IngestError }
        }
        #expect(second?.message == "expected end of line after the JSON value, found '{' (JSON Lines holds one value per line)")
        #expect(second?.location.line == 2)
        #expect(second?.location.column == 4)
    }

    @Test func ndjsonInChunks() throws {
        let reader = JSONLinesReader()
        let bytes = Array("{\"a\":[1,2]}\n{\"b\":\"xyz\"}\n".utf8)
        // The second line cut in the middle: more input is asked for, from its start.
        try bytes[0 ..< 18].withUnsafeBytes { raw throws in
            let tape = JSONTape()
            #expect(try reader.next(raw, from: 0, into: tape) == .document(tokens: 0 ..< 7, next: 12))
            #expect(try reader.next(raw, from: 12, into: tape, isFinal: false) == .needMoreInput(resumeAt: 12))
            #expect(tape.count == 7)
        }
    }

    @Test func concatenatedDocuments() throws {
        let parser = JSONParser()
        let docs = try documents("{\"a\":1}{\"b\":2}\n [3]\"x\" 4 null ") { raw, offset, tape in
            try parser.parseDocument(raw, from: offset, into: tape)
        }
        #expect(docs == ["{\"a\":1}", "{\"b\":2}", "[3]", "x", "4", "null"])
        // A document cut by the end of a chunk: nothing is added, resume from its start.
        try Array("{\"a\":1} {\"b\":".utf8).withUnsafeBytes { raw throws in
            let tape = JSONTape()
            #expect(try parser.parseDocument(raw, from: 7, into: tape, isFinal: false) == .needMoreInput(resumeAt: 8))
            #expect(tape.count == 0)
        }
        // A number at the very end of a chunk may continue in the next one.
        try Array("12".utf8).withUnsafeBytes { raw throws in
            #expect(try parser.parseDocument(raw, from: 0, into: JSONTape(), isFinal: false) == .needMoreInput(resumeAt: 0))
            #expect(try parser.parseDocument(raw, from: 0, into: JSONTape(), isFinal: true) == .document(tokens: 0 ..< 1, next: 2))
        }
    }

    @Test func topLevelArrayElementsOneByOne() throws {
        var reader = JSONArrayReader()
        let docs = try documents(" [ {\"a\": [1]}, 2 ,\"s\",[] ] \n") { raw, offset, tape in
            try reader.next(raw, from: offset, into: tape)
        }
        #expect(docs == ["{\"a\": [1]}", "2", "s", "[]"])
        var empty = JSONArrayReader()
        #expect(try documents("[ ]") { raw, o, t in try empty.next(raw, from: o, into: t) } == [])
    }

    @Test func topLevelArrayErrors() {
        func error(_ text: String) -> IngestError? {
            var reader = JSONArrayReader(parser: JSONParser(file: "a.json"))
            return Array(text.utf8).withUnsafeBytes { raw -> IngestError? in
                var offset = 0
                let tape = JSONTape()
                do {
                    while case .document(_, let next) = try reader.next(raw, from: offset, into: tape) { offset = next }
                    return nil
                } catch { return error as? IngestError }
            }
        }
        #expect(error("{\"a\":1}")?.message == "expected '[' to start the top-level array, found '{'")
        #expect(error("[1,]")?.message == "trailing comma before ']'")
        #expect(error("[1 2]")?.message == "expected ',' or ']' after array element, found '2'")
        #expect(error("[1] 2")?.message == "unexpected '2' after the top-level array")
        #expect(error("[1, {\"a\":}]")?.message == "expected a JSON value, found '}'")
        #expect(error("[1,\n  {\"a\": 2")?.location.line == 2)
        #expect(error("[1,\n  {\"a\": 2")?.message == "unexpected end of input inside object")
    }

    /// Feeds a top-level array in small chunks, as a file reader would, keeping the bytes
    /// from `resumeAt` on each time more input is needed.
    @Test func topLevelArrayInChunks() throws {
        let text = Array("[{\"id\": 1, \"tags\": [\"a\", \"b\"]}, {\"id\": 22, \"v\": 1.5e3}, 333, \"tail\"]".utf8)
        for chunkSize in [1, 2, 3, 5, 7, 16, 100] {
            var reader = JSONArrayReader()
            var buffer: [UInt8] = []
            var offset = 0
            var fed = 0
            var ids: [String] = []
            loop: while true {
                let isFinal = fed == text.count
                let step = try buffer.withUnsafeBytes { raw throws -> (JSONParseStep, String?) in
                    let tape = JSONTape()
                    let step = try reader.next(raw, from: offset, into: tape, isFinal: isFinal)
                    if case .document(let tokens, _) = step {
                        let range = tape.byteRange(tokens.lowerBound)
                        return (step, String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self))
                    }
                    return (step, nil)
                }
                switch step.0 {
                case .document(_, let next):
                    ids.append(step.1!)
                    offset = next
                case .needMoreInput(let resumeAt):
                    buffer.removeFirst(resumeAt)
                    offset = 0
                    let more = min(chunkSize, text.count - fed)
                    buffer += text[fed ..< fed + more]
                    fed += more
                case .endOfInput:
                    break loop
                }
            }
            #expect(ids == ["{\"id\": 1, \"tags\": [\"a\", \"b\"]}", "{\"id\": 22, \"v\": 1.5e3}", "333", "tail"], "chunk size \(chunkSize)")
        }
    }
}
