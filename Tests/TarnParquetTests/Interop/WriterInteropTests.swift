import Foundation
import Testing
import TarnTestSupport
import TarnCore
@testable import TarnParquet

/// Every file here is written by Tarn and read back, value by value, by pyarrow and DuckDB.
/// Files are written first and read in one Python process (its start-up is slow).
@Suite(.serialized) struct WriterInteropTests {
    struct Case {
        var name: String
        var columns: [TestColumn]
        var options: ParquetWriterOptions
        var path = ""
    }

    /// Writes each case in batches of `batchRows`, reads them all back, and checks values,
    /// row counts and that no reader failed. Returns the results by case name for more checks.
    @discardableResult
    static func roundTrip(_ cases: [Case], batchRows: Int = 173) throws -> [String: InteropResult] {
        let folder = try Interop.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var written = cases
        for i in written.indices {
            written[i].path = folder.appendingPathComponent("\(i)-\(written[i].name).parquet").path
            try write(written[i], batchRows: batchRows)
        }
        let results = try Interop.read(written.map(\.path))
        var byName: [String: InteropResult] = [:]
        for (testCase, result) in zip(written, results) {
            byName[testCase.name] = result
            for output in [result.pyarrow, result.duckdb] {
                try output.requireSuccess()
                let rows = testCase.columns.first?.expected.count ?? 0
                #expect(output.numRows == rows, "\(testCase.name): \(output.reader) read \(output.numRows) rows, wrote \(rows)")
                for column in testCase.columns {
                    guard let actual = output.column(column.field.name) else {
                        Issue.record("\(testCase.name): \(output.reader) has no column \(column.field.name)")
                        continue
                    }
                    let mismatches = zip(actual, column.expected).enumerated().filter { canonical($0.element.0) != canonical($0.element.1) }
                    if let first = mismatches.first {
                        Issue.record("""
                            \(testCase.name): \(output.reader) column \(column.field.name) (\(output.type(of: column.field.name) ?? "?")): \
                            \(mismatches.count) values differ; first at row \(first.offset): read \(first.element.0), wrote \(first.element.1)
                            """)
                    }
                }
            }
        }
        return byName
    }

    static func write(_ testCase: Case, batchRows: Int) throws {
        let schema = Schema(testCase.columns.map(\.field))
        let writer = try ParquetWriter(path: testCase.path, schema: schema, options: testCase.options)
        let rows = testCase.columns.first?.column.count ?? 0
        var start = 0
        repeat {
            let end = Swift.min(rows, start + batchRows)
            let batch = try ColumnBatch(schema: schema, columns: testCase.columns.map { $0.column.slice(start..<end) })
            try writer.write(batch)
            start = end
        } while start < rows
        try writer.close()
    }

    static let encodings: [ColumnEncoding] = ColumnEncoding.allCases
    static let codecs: [Compression] = [.uncompressed, .snappy, .gzip, .zstd]

    /// The writer options of one cell of the matrix: small pages and row groups so every
    /// file has several of each, page checksums with v2 pages.
    static func matrixOptions(_ encoding: ColumnEncoding, _ codec: Compression, _ version: DataPageVersion) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.encoding = encoding
        options.compression = codec
        options.dataPageVersion = version
        options.dataPageSizeBytes = 1_000
        options.dataPageMaxRows = 64
        options.rowGroupMaxRows = 120
        options.writePageChecksums = version == .v2
        return options
    }

    /// The matrix: every leaf type × every encoding that applies × every codec × both page
    /// versions × with and without nulls; small pages and row groups so each file has many.
    @Test(.interop) func typesEncodingsCodecsAndPageVersions() throws {
        var cases: [Case] = []
        for nullEvery in [0, 5] {
            let columns = TestColumnFactory(rows: 300, nullEvery: nullEvery, seed: 42).allLeafColumns()
            for encoding in Self.encodings {
                let applicable = columns.filter { column in
                    let descriptor = ColumnDescriptor(path: [column.field.name], field: column.field, maxDefinitionLevel: 0,
                                                      maxRepetitionLevel: 0, options: ParquetWriterOptions())
                    // DuckDB 2.0 reads BYTE_STREAM_SPLIT only for FLOAT, DOUBLE, INT32 and INT64;
                    // the FIXED_LEN_BYTE_ARRAY form is checked with pyarrow alone below.
                    if encoding == .byteStreamSplit && descriptor.physicalType == .fixedLenByteArray { return false }
                    return (try? ColumnChunkWriter.resolve(encoding, for: descriptor, version: .v1)) != nil
                }
                for codec in Self.codecs {
                    for version in [DataPageVersion.v1, .v2] {
                        cases.append(Case(name: "\(encoding.rawValue)-\(codec)-v\(version.rawValue)-nulls\(nullEvery)",
                                          columns: applicable, options: Self.matrixOptions(encoding, codec, version)))
                    }
                }
            }
        }
        let results = try Self.roundTrip(cases)
        // Layout: the requested encoding is the one used, three row groups, page index present.
        for testCase in cases {
            guard let result = results[testCase.name] else { continue }
            #expect(result.rowGroups.count == 3, "\(testCase.name): \(result.rowGroups.count) row groups")
            for column in testCase.columns {
                guard let chunk = result.columnChunk(column.field.name) else {
                    Issue.record("\(testCase.name): no chunk \(column.field.name)"); continue
                }
                let encodings = chunk["encodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let wanted: String? = switch testCase.options.encoding {
                case .automatic: nil
                case .plain: "PLAIN"
                case .dictionary: "RLE_DICTIONARY"
                case .rle: "RLE"
                case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
                case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
                case .deltaByteArray: "DELTA_BYTE_ARRAY"
                case .byteStreamSplit: "BYTE_STREAM_SPLIT"
                }
                if let wanted { #expect(encodings.contains(wanted), "\(testCase.name) \(column.field.name): encodings \(encodings)") }
                #expect(chunk["compression"]?.stringValue == testCase.options.compression.parquetName,
                        "\(testCase.name) \(column.field.name): compression \(chunk["compression"] ?? .null)")
                #expect(chunk["has_column_index"]?.boolValue == true, "\(testCase.name) \(column.field.name): no column index")
                #expect(chunk["has_offset_index"]?.boolValue == true, "\(testCase.name) \(column.field.name): no offset index")
            }
        }
    }
}

extension Column {
    /// Rows `range` as a column of their own (tests cut columns into batches with it).
    func slice(_ range: Range<Int>) -> Column {
        let validity = self.validity.map { bits in Bitmap(range.map { bits[$0] }) }
        switch values {
        case .boolean(let bits): return Column(values: .boolean(Bitmap(range.map { bits[$0] })), validity: validity, count: range.count)
        case .int32(let v): return Column(values: .int32(Array(v[range])), validity: validity, count: range.count)
        case .int64(let v): return Column(values: .int64(Array(v[range])), validity: validity, count: range.count)
        case .int128(let v): return Column(values: .int128(Array(v[range])), validity: validity, count: range.count)
        case .float32(let v): return Column(values: .float32(Array(v[range])), validity: validity, count: range.count)
        case .float64(let v): return Column(values: .float64(Array(v[range])), validity: validity, count: range.count)
        case .bytes(let offsets, let data):
            let base = offsets[range.lowerBound]
            return Column(values: .bytes(offsets: offsets[range.lowerBound...range.upperBound].map { $0 - base },
                                         data: Array(data[Int(base)..<Int(offsets[range.upperBound])])),
                          validity: validity, count: range.count)
        case .fixedBytes(let width, let data):
            return Column(values: .fixedBytes(width: width, data: Array(data[(range.lowerBound * width)..<(range.upperBound * width)])),
                          validity: validity, count: range.count)
        case .list(let offsets, let element):
            let base = offsets[range.lowerBound]
            return Column(values: .list(offsets: offsets[range.lowerBound...range.upperBound].map { $0 - base },
                                        element: element.slice(Int(base)..<Int(offsets[range.upperBound]))),
                          validity: validity, count: range.count)
        case .map(let offsets, let keys, let items):
            let base = offsets[range.lowerBound]
            let childRange = Int(base)..<Int(offsets[range.upperBound])
            return Column(values: .map(offsets: offsets[range.lowerBound...range.upperBound].map { $0 - base },
                                       keys: keys.slice(childRange), values: items.slice(childRange)),
                          validity: validity, count: range.count)
        case .structure(let children):
            return Column(values: .structure(children.map { $0.slice(range) }), validity: validity, count: range.count)
        }
    }
}
