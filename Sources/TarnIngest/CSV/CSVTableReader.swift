import TarnCore

/// Streams a CSV file as `ColumnBatch`es of a given schema (one column per header field,
/// in order), a window of input at a time, parts of each window on separate threads.
///
/// Records whose field count differs from the header's are bad records; blank lines are
/// skipped. A value that does not fit its column is, with an inferred schema
/// (`typesAreInferred`), a `WideningNeeded` for the caller; with a schema the user gave,
/// a bad record.
public final class CSVTableReader: TableReader {
    public let schema: Schema
    public let layout: CSVLayout
    public let options: ReadOptions
    public let nullTokens: NullTokens
    public let formats: TemporalFormats
    public let typesAreInferred: Bool
    public private(set) var recordsRead = 0
    private var stream: CSVRecordStream
    private var queued: [ColumnBatch] = []
    private let columnCount: Int
    /// Per-thread tokenizer and block, reused window after window (their arrays keep
    /// their capacity, so steady state allocates little).
    private let workers: [Worker]

    final class Worker: @unchecked Sendable {
        var tokenizer: CSVTokenizer
        var block = CSVRecordBlock()
        init(_ tokenizer: CSVTokenizer) { self.tokenizer = tokenizer }
    }

    public init(input: RawInput, layout: CSVLayout, schema: Schema, nullTokens: NullTokens = .standard,
                formats: TemporalFormats = .iso, typesAreInferred: Bool = true, options: ReadOptions = ReadOptions()) throws(IngestError) {
        precondition(schema.count == layout.columnNames.count, "one field per CSV column")
        precondition(schema.fields.allSatisfy { !$0.type.isNested }, "CSV columns are leaf columns")
        self.schema = schema
        self.layout = layout
        self.options = options
        self.nullTokens = nullTokens
        self.formats = formats
        self.typesAreInferred = typesAreInferred
        columnCount = schema.count
        let tokenizer = CSVTokenizer(dialect: layout.dialect, options: .init(maxRecordsPerBlock: 1 << 30, fileName: options.fileName), atStreamStart: false)
        workers = (0..<options.threads).map { _ in Worker(tokenizer) }
        stream = try CSVRecordStream(source: try input.open(), dialect: layout.dialect, start: layout.dataOffset,
                                     startLine: layout.dataLine, threads: options.threads,
                                     windowBytes: options.batchBytes * options.threads)
    }

    deinit { stream.close() }

    public func next() throws -> ColumnBatch? {
        while queued.isEmpty {
            guard let parts = try stream.nextWindow({ part in try self.convert(part) }) else { return nil }
            for part in parts {
                recordsRead += part.records
                if let batch = part.batch { queued.append(batch) }
            }
        }
        return queued.removeFirst()
    }

    /// What one part gave: a batch (nil when no record survived) and the records it read,
    /// rejected ones included.
    struct PartResult {
        var batch: ColumnBatch?
        var records: Int
    }

    /// Tokenizes one part and converts its records. Runs on several threads at once: it
    /// touches only immutable state of `self` and the (locked) bad-record log.
    private func convert(_ part: CSVRecordStream.Part) throws -> (consumed: Int, nextLine: Int, result: PartResult) {
        let worker = workers[part.index]
        worker.tokenizer.restart(line: part.startLine, offset: part.startOffset)
        let consumed = try worker.tokenizer.tokenize(part.bytes, isFinal: part.isFinal, into: &worker.block)
        let block = worker.block
        let nextLine = worker.tokenizer.nextLine
        let chunk = part.bytes
        var records = CSVRecordSelection(block: block, columnCount: columnCount)
        for r in records.ragged {
            let fields = block.fieldCount(ofRecord: r)
            let error = IngestError(.badRecord, "record has \(fields) field\(fields == 1 ? "" : "s"), the header has \(columnCount)",
                                    location: recordLocation(block, chunk: chunk, record: r), record: nil)
            try options.reject(error, raw: block.recordBytes(r, in: chunk, consumed: consumed))
        }
        while true {
            switch convertColumns(block, chunk: chunk, runs: records.runs) {
            case .success(let columns):
                let batch = records.count == 0 ? nil : try ColumnBatch(schema: schema, columns: columns)
                return (consumed, nextLine, PartResult(batch: batch, records: records.read))
            case .failure(let failed):
                let field = block.fields(ofRecord: failed.record).lowerBound + failed.column
                let location = SourceLocation(file: options.fileName, line: block.recordLines[failed.record],
                                              column: block.lineColumn(ofField: field, in: chunk),
                                              byteOffset: block.chunkOffset + block.fieldStarts[field])
                let name = schema.fields[failed.column].name
                if typesAreInferred && !failed.failure.isInvalidUTF8 {
                    throw WideningNeeded(column: name, type: failed.failure.type, value: failed.failure.text, location: location)
                }
                let reason = failed.failure.isInvalidUTF8
                    ? "column '\(name)': the value is not valid UTF-8"
                    : "column '\(name)': \"\(failed.failure.text)\" is not a valid \(failed.failure.type)"
                let error = IngestError(.badValue, reason, location: location)
                try options.reject(error, raw: block.recordBytes(failed.record, in: chunk, consumed: consumed))
                records.exclude(failed.record)
            }
        }
    }

    struct ColumnFailure: Error {
        var record: Int
        var column: Int
        var failure: ConversionFailure
    }

    /// Every column of the selected records, or the first value that does not fit.
    private func convertColumns(_ block: CSVRecordBlock, chunk: UnsafeRawBufferPointer, runs: [Range<Int>]) -> Result<[Column], ColumnFailure> {
        let rows = runs.reduce(0) { $0 + $1.count }
        let ascii = UTF8Validation.isASCII(chunk)
        var builders = schema.fields.map { field -> TextColumnBuilder in
            var builder = TextColumnBuilder(type: field.type, nullTokens: nullTokens, formats: formats, capacity: rows)
            builder.inputIsASCII = ascii
            return builder
        }
        // Slices of a few thousand records, every column of one slice before the next:
        // a slice's text stays in cache while its columns are converted (column by column
        // over a whole window would stream the window from memory once per column).
        let sliceRecords = 2048
        let failure: ColumnFailure? = block.withView { view in
            for run in runs {
                var start = run.lowerBound
                while start < run.upperBound {
                    let slice = start..<min(start + sliceRecords, run.upperBound)
                    for c in 0..<columnCount {
                        let values = CSVColumnValues(view: view, chunk: chunk, dialect: layout.dialect, column: c, records: slice)
                        if let failure = builders[c].append(values) {
                            return ColumnFailure(record: slice.lowerBound + failure.index, column: c, failure: failure)
                        }
                    }
                    start = slice.upperBound
                }
            }
            return nil
        }
        if let failure { return .failure(failure) }
        return .success(builders.indices.map { builders[$0].finish() })
    }

    private func recordLocation(_ block: CSVRecordBlock, chunk: UnsafeRawBufferPointer, record r: Int) -> SourceLocation {
        SourceLocation(file: options.fileName, line: block.recordLines[r], column: 1,
                       byteOffset: block.chunkOffset + block.recordStarts[r])
    }
}
