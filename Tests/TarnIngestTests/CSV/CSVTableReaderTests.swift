import Foundation
import Testing
import TarnCore
@testable import TarnIngest

/// CSV files read end to end: dialect, header, types, values, bad records, compression,
/// parallel parts and windows.
@Suite struct CSVTableReaderTests {
    @Test func semicolonDialectWithDecimalCommas() throws {
        let table = try readTable(fixture("csv/semicolon_decimal_comma.csv"))
        #expect(table.names == ["id", "amount", "label"])
        #expect(table.types == [.int32, .string, .string])
        #expect(table.column("amount") == ["1,5", "2,25", "10,75"])
    }

    @Test func tabsFromTheExtensionAndContent() throws {
        let table = try readTable(fixture("csv/tabs.tsv"))
        #expect(table.names == ["name", "count", "when"])
        #expect(table.types == [.string, .int32, .date])
        #expect(table.column("name") == ["alpha", "beta, gamma"])
        #expect(table.column("when") == ["19724", "19756"])   // days since 1970-01-01
    }

    @Test func crlfWithBOMAndQuotedLineBreaks() throws {
        let raw = try RawTable(path: fixture("csv/crlf_bom.csv"))
        guard case .csv(let layout) = raw.layout else { Issue.record("not CSV"); return }
        #expect(layout.dialect.hasBOM)
        #expect(layout.dialect.lineEnding == .crlf)
        let table = try readTable(fixture("csv/crlf_bom.csv"))
        #expect(table.names == ["id", "text"])   // the BOM is not part of the first name
        #expect(table.column("text") == ["line one\r\nline two", "say \"hi\"", "plain"])
        #expect(table.column("id") == ["1", "2", "3"])
    }

    @Test func carriageReturnLineEndings() throws {
        let table = try readTable(fixture("csv/cr_only.csv"))
        #expect(table.names == ["a", "b"])
        #expect(table.rows == [["1", "x"], ["2", "y"]])
    }

    @Test func titleLinesBeforeTheHeaderAreSkipped() throws {
        let table = try readTable(fixture("csv/skip_rows.csv"))
        #expect(table.names == ["id", "value"])
        #expect(table.rows == [["1", "10"], ["2", "20"]])
    }

    @Test func backslashEscapes() throws {
        let table = try readTable(fixture("csv/backslash.csv"))
        #expect(table.column("quote") == ["a \"quoted\" word", "back\\slash"])
    }

    @Test func noHeaderNamesColumnsByPosition() throws {
        let table = try readTable(fixture("csv/no_header.csv"))
        #expect(table.names == ["column0", "column1", "column2"])
        #expect(table.types == [.int32, .string, .date])
        #expect(table.rows.count == 3)
        #expect(table.rows[0] == ["1", "alpha", "19723"])
    }

    @Test func forcedDialectOptions() throws {
        var options = RawTableOptions()
        options.csv = CSVSniffer.Options(delimiter: UInt8(ascii: ";"), hasHeader: false)
        let table = try readTable(fixture("csv/semicolon_decimal_comma.csv"), options: options)
        #expect(table.names == ["column0", "column1", "column2"])
        #expect(table.rows.first == ["id", "amount", "label"])
    }

    @Test func everyTypeRule() throws {
        let table = try readTable(fixture("csv/types.csv"))
        let expected: [String: DataType] = [
            "flag": .boolean, "small": .int32, "big": .int64, "huge": .decimal(precision: 38, scale: 0),
            "toolong": .string, "money": .decimal(precision: 4, scale: 2), "ratio": .float64, "day": .date,
            "local_ts": .timestamp(.microseconds, utc: false), "utc_ts": .timestamp(.microseconds, utc: true),
            "clock": .time(.microseconds), "id": .uuid, "code": .string, "missing": .string,
        ]
        for field in table.schema.fields { #expect(field.type == expected[field.name], "\(field.name)") }
        #expect(table.column("flag") == ["true", "false", nil])
        #expect(table.column("small") == ["1", "-7", nil])
        #expect(table.column("big") == ["3000000000", "-3000000000", nil])
        #expect(table.column("huge") == ["123456789012345678901234", "-1", nil])
        #expect(table.column("toolong") == ["1234567890123456789012345678901234567890", "1", nil])
        #expect(table.column("money") == ["12.50", "-0.05", nil])
        #expect(table.column("ratio") == ["1500.0", "nan", "inf"])
        #expect(table.column("day") == ["19782", "0", nil])
        #expect(table.column("local_ts") == ["1704164645123456", "1704153600000000", nil])
        #expect(table.column("utc_ts") == ["1704157445000000", "1704153600000000", nil])   // +02:00 → UTC
        #expect(table.column("clock") == ["45000000000", "86399500000", nil])
        #expect(table.column("id") == ["123e4567e89b12d3a456426614174000", "00000000000000000000000000000000", nil])
        #expect(table.column("code") == ["007", "010", nil])
        #expect(table.column("missing") == [nil, nil, nil])
    }

    @Test func customNullTokens() throws {
        let path = try temporaryFile("a,b\n-,x\n1,NA\n")
        var options = RawTableOptions()
        options.nullTokens = NullTokens(["-"])
        let table = try readTable(path, options: options)
        #expect(table.types == [.int32, .string])
        #expect(table.rows == [[nil, "x"], ["1", "NA"]])
    }

    @Test func raggedRecordFailsWithFileLineAndReason() throws {
        let path = fixture("csv/ragged.csv")
        do {
            _ = try readTable(path)
            Issue.record("a ragged record must fail the read")
        } catch let error as IngestError {
            #expect(error.kind == .badRecord)
            #expect(error.location.file == path)
            #expect(error.location.line == 3)
            #expect(error.message == "record has 2 fields, the header has 3")
        }
    }

    @Test func raggedRecordsGoToTheBadRecordLog() throws {
        let logPath = try temporaryFolder().appendingPathComponent("bad.jsonl").path
        let log = try BadRecordLog(path: logPath)
        let path = fixture("csv/ragged.csv")
        let table = try readTable(path, read: ReadOptions(badRecords: log))
        #expect(table.rows == [["1", "ann", "3"], ["4", "dee", "7"]])
        #expect(table.recordsRead == 4)   // the blank line is no record
        #expect(log.count == 2)
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        let entries = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(entries.map { $0["line"] as? Int } == [3, 4])
        #expect(entries.map { $0["raw"] as? String } == ["2,bob", "3,cy,5,extra"])
        #expect(entries.map { $0["byteOffset"] as? Int } == [22, 28])
        #expect(entries[1]["reason"] as? String == "record has 4 fields, the header has 3")
        #expect(entries[0]["file"] as? String == path)
    }

    @Test func maxBadRecordsStopsTheRead() throws {
        let log = try BadRecordLog(path: nil, maxCount: 1)
        #expect(throws: IngestError.self) { try readTable(fixture("csv/ragged.csv"), read: ReadOptions(badRecords: log)) }
    }

    @Test func invalidUTF8IsABadValueNotAWiderType() throws {
        var bytes = Array("id,name\n1,ok\n2,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n3,fine\n".utf8)
        let path = try temporaryBytes(bytes, name: "bad.csv")
        do {
            _ = try readTable(path)
            Issue.record("invalid UTF-8 must fail")
        } catch let error as IngestError {
            #expect(error.kind == .badValue)
            #expect(error.location.line == 3 && error.location.column == 3)
            #expect(error.message.contains("not valid UTF-8"))
        }
        let log = try BadRecordLog(path: nil)
        let table = try readTable(path, read: ReadOptions(badRecords: log))
        #expect(table.column("name") == ["ok", "fine"])
        #expect(log.count == 1)
    }

    @Test func aLateValueOutsideTheSampleAsksForWidening() throws {
        var text = "id,value\n"
        for i in 0..<5000 { text += "\(i),\(i)\n" }
        text += "5000,1.5\n"
        let path = try temporaryFile(text)
        var options = RawTableOptions()
        options.sampleBytes = 4096
        let raw = try RawTable(path: path, options: options)
        let sampled = try raw.inferSchema()
        #expect(!sampled.wholeInput)
        #expect(sampled.schema.fields[1].type == .int32)
        var reader = try raw.reader(schema: sampled.schema, typesAreInferred: true, options: ReadOptions())
        do {
            while try reader.next() != nil {}
            Issue.record("the value 1.5 does not fit int32")
        } catch let widening as WideningNeeded {
            #expect(widening.column == "value")
            #expect(widening.value == "1.5")
            #expect(widening.location.line == 5002)
        }
        let whole = try raw.inferSchema(wholeInput: true)
        #expect(whole.wholeInput)
        #expect(whole.schema.fields[1].type == .decimal(precision: 5, scale: 1))
        #expect(whole.recordsSampled == 5001)
    }

    @Test func compressedInputReadsTheSameAsPlain() throws {
        let folder = try temporaryFolder()
        let plain = folder.appendingPathComponent("types.csv").path
        try FileManager.default.copyItem(atPath: fixture("csv/types.csv"), toPath: plain)
        try runTool("gzip", ["-k", plain])
        try runTool("zstd", ["-q", "-k", plain])
        let expected = try readTable(plain)
        for path in [plain + ".gz", plain + ".zst"] {
            let raw = try RawTable(path: path)
            #expect(raw.input.compression == (path.hasSuffix(".gz") ? .gzip : .zstd))
            let table = try readTable(path)
            #expect(table.schema == expected.schema)
            #expect(table.rows == expected.rows)
        }
    }

    @Test func truncatedGzipIsAnIOError() throws {
        let folder = try temporaryFolder()
        let plain = folder.appendingPathComponent("big.csv").path
        var text = "id,text\n"
        for i in 0..<20000 { text += "\(i),row number \(i) with some text\n" }
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        try runTool("gzip", [plain])
        let data = try Data(contentsOf: URL(fileURLWithPath: plain + ".gz"))
        let cut = folder.appendingPathComponent("cut.csv.gz").path
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        #expect { try readTable(cut, options: RawTableOptions(sampleBytes: 1024)) } throws: { error in
            (error as? IngestError)?.kind == .io && "\(error)".contains("truncated")
        }
    }

    /// Many windows, two parts per window, records (some with quoted line breaks) cut at
    /// every boundary: the same rows as one thread reading one window, and a bad record
    /// late in the file is reported on its true line.
    @Test func partsAndWindowsKeepOrderAndLineNumbers() throws {
        var text = "id,note,amount\n"
        var line = 2
        var badLine = 0
        for i in 0..<60000 {
            if i % 97 == 0 {
                text += "\(i),\"two\nlines, \"\"quoted\"\"\",\(i).25\n"
                line += 2
            } else if i == 55555 {
                text += "\(i),ragged\n"
                badLine = line
                line += 1
            } else {
                text += "\(i),plain \(i),\(i % 1000).5\n"
                line += 1
            }
        }
        let path = try temporaryFile(text)
        let one = try readTable(path, read: ReadOptions(batchBytes: 1 << 30, badRecords: try BadRecordLog(path: nil), threads: 1))
        let logPath = try temporaryFolder().appendingPathComponent("bad.jsonl").path
        let log = try BadRecordLog(path: logPath)
        let two = try readTable(path, read: ReadOptions(batchBytes: 300_000, badRecords: log, threads: 2))
        #expect(one.batches == 1)
        #expect(two.batches > 4)
        #expect(two.rows.count == 59999)
        #expect(two.rows == one.rows)
        #expect(two.rows[97] == ["97", "two\nlines, \"quoted\"", "97.25"])
        let entry = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: logPath))) as! [String: Any]
        #expect(entry["line"] as? Int == badLine)
        #expect(entry["raw"] as? String == "55555,ragged")
    }

    @Test func lineBreakCountingMatchesTheTokenizer() {
        var generator = SystemRandomNumberGenerator()
        let random = String((0..<9000).map { _ in ["\r", "\n", "a", "b"].randomElement(using: &generator)! }.joined())
        for text in ["a\nb\r\nc\rd", "\r\r\n\n", "x", "", String(repeating: "ab\r", count: 20) + "\n", String(repeating: "0123456\n", count: 9),
                     random, String(repeating: "\r\n", count: 3000), String(repeating: "\r", count: 4097)] {
            let bytes = Array(text.utf8)
            let expected = text.unicodeScalars.reduce(into: (0, false)) { state, scalar in
                if scalar == "\n" { state.0 += 1; state.1 = false } else { if state.1 { state.0 += 1 }; state.1 = scalar == "\r" }
            }
            let count = bytes.withUnsafeBytes { CSVRecordStream.lineBreaks($0) }
            #expect(count == expected.0 + (expected.1 ? 1 : 0), "\(text.debugDescription)")
        }
    }
}
