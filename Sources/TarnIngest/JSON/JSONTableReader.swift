import TarnCore

/// Reads a JSON file (JSON Lines, a top-level array of objects, or concatenated objects;
/// detected from the content, see `JSONLayout.detect`) as batches of `schema`.
///
/// Streams through a bounded buffer; a batch ends after about `options.batchBytes` input
/// bytes. A record must be an object: any other value (`[1]`, `"x"`) is a bad record, as
/// is a JSON line that does not parse; bad records go to `options.reject`, which throws
/// when there is no bad-record log. A syntax error outside JSON Lines cannot be skipped
/// (no telling where the next record starts) and fails the read. A value that does not fit
/// its column throws `WideningNeeded` with the file, line, column and byte offset; the
/// reader cannot go on after it (start over with a wider schema).
///
/// A class because it owns its read buffer.
public final class JSONTableReader: TableReader {
    public let schema: Schema
    public let options: ReadOptions
    @exclusivity(unchecked) public private(set) var recordsRead = 0
    // Unchecked: accessed once or twice per record, only from `next()` (the runtime
    // exclusivity check of a class property is not free at that rate).
    @exclusivity(unchecked) var stream: JSONRecordStream
    @exclusivity(unchecked) var builder: JSONBatchBuilder

    /// The layout the records come in (detected unless given).
    public var layout: JSONLayout { stream.layout }

    /// Skip keys the schema lacks instead of throwing `WideningNeeded` (for a schema given
    /// by the user rather than inferred).
    public var ignoresUnknownKeys: Bool {
        get { builder.ignoresUnknownKeys }
        set { builder.ignoresUnknownKeys = newValue }
    }

    /// Reads `input` from its start (decompressing it when needed).
    public convenience init(_ input: RawInput, schema: Schema, options: ReadOptions = ReadOptions(),
                            layout: JSONLayout? = nil) throws {
        var options = options
        if options.fileName == nil { options.fileName = input.path }
        try self.init(source: try input.open(), schema: schema, options: options, layout: layout)
    }

    /// Reads the bytes of `source`. `bufferCapacity` is the read buffer's starting size
    /// (default: `batchBytes`, between 64 KiB and 8 MiB); it doubles only for a record
    /// larger than itself.
    ///
    /// `startLine` and `startOffset` place a source that is a part of a larger file, so that
    /// errors and bad records name the file's own lines and offsets.
    public init(source: any ByteSource, schema: Schema, options: ReadOptions = ReadOptions(),
                layout: JSONLayout? = nil, bufferCapacity: Int? = nil, startLine: Int = 1, startOffset: Int = 0) throws {
        self.schema = schema
        self.options = options
        builder = try JSONBatchBuilder(schema: schema)
        let capacity = bufferCapacity ?? min(max(options.batchBytes, 64 << 10), 8 << 20)
        stream = try JSONRecordStream(source: source, capacity: capacity, fileName: options.fileName, layout: layout,
                                      startLine: startLine, startOffset: startOffset)
    }

    deinit { stream.close() }

    public func next() throws -> ColumnBatch? {
        let batchStart = stream.offset
        while let item = try stream.next() {
            recordsRead += 1
            switch item {
            case .malformed(let error, let raw):
                try options.reject(error, raw: raw)
            case .record(let record):
                if stream.tape.rawKinds[record.root] & JSONTape.kindMask != JSONTokenKind.objectStart.rawValue,
                   let error = Self.nonObjectError(record, &stream) {
                    try options.reject(error, raw: UnsafeRawBufferPointer(rebasing: record.bytes[record.range]))
                    continue
                }
                do {
                    try builder.append(record: record.root, in: stream.tape, bytes: record.bytes)
                } catch {
                    var located = error
                    located.location = stream.location(atWindowOffset: record.windowOffset + (error.location.byteOffset ?? 0))
                    throw located
                }
            }
            if builder.rowCount > 0 && stream.offset - batchStart >= options.batchBytes { break }
        }
        return builder.rowCount > 0 ? builder.finish() : nil
    }

    /// The bad-record error of a record that is not an object, or nil for an object.
    static func nonObjectError(_ record: JSONRecord, _ stream: inout JSONRecordStream) -> IngestError? {
        let kind = stream.tape.kind(record.root)
        if kind == .objectStart { return nil }
        let found: String
        switch kind {
        case .arrayStart: found = "an array"
        case .string: found = "a string"
        case .number: found = "a number"
        case .true, .false: found = "a boolean"
        default: found = "null"
        }
        let location = stream.location(atWindowOffset: record.windowOffset + record.range.lowerBound)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: record.bytes[record.range]).prefix(200), as: UTF8.self)
        return IngestError(.badRecord, "a record must be a JSON object (a row with named columns), found \(found)",
                           location: location, record: text)
    }
}

// MARK: Inference

extension JSONTableReader {
    /// Infers the schema of a JSON file from its records: all of them (`sampleBytes` nil),
    /// or the whole records within the first `sampleBytes` bytes (at least one).
    ///
    /// Records that are not objects, and JSON lines that do not parse, are left out (the
    /// read reports them); a syntax error in the other layouts throws.
    public static func inferSchema(_ input: RawInput, sampleBytes: Int?, fileName: String? = nil,
                                   layout: JSONLayout? = nil) throws(IngestError) -> InferredSchema {
        try inferSchemaAndLayout(source: try input.open(), sampleBytes: sampleBytes,
                                 fileName: fileName ?? input.path, layout: layout).schema
    }

    /// `inferSchema` over any byte source, with the layout it found.
    public static func inferSchemaAndLayout(source: any ByteSource, sampleBytes: Int?, fileName: String? = nil,
                                            layout: JSONLayout? = nil, bufferCapacity: Int = 1 << 20)
        throws(IngestError) -> (schema: InferredSchema, layout: JSONLayout) {
        let capacity = min(bufferCapacity, max(sampleBytes ?? bufferCapacity, 4096))
        var stream = try JSONRecordStream(source: source, capacity: capacity, fileName: fileName, layout: layout)
        defer { stream.close() }
        var inference = JSONSchemaInference()
        var wholeInput = false
        var observed = 0
        while true {
            guard let item = try stream.next() else {
                wholeInput = true
                break
            }
            guard case .record(let record) = item else { continue }
            if let limit = sampleBytes, stream.offset > limit, observed > 0 { break }
            if inference.observe(record: record.root, in: stream.tape, bytes: record.bytes) { observed += 1 }
        }
        return (inference.inferredSchema(wholeInput: wholeInput), stream.layout)
    }

    /// The layout of a JSON file's records, for `tarn schema`.
    public static func detectLayout(_ input: RawInput) throws(IngestError) -> JSONLayout {
        var stream = try JSONRecordStream(source: try input.open(), capacity: 1 << 20, fileName: input.path, layout: nil)
        defer { stream.close() }
        return stream.layout
    }
}
