import TarnCore

/// The raw formats Tarn reads.
public enum RawFormat: String, Sendable, CaseIterable {
    case csv
    /// JSON lines, a top-level array of objects, or concatenated objects.
    case json

    /// The format a file name says (`.csv`, `.tsv`, `.txt`, `.jsonl`, `.ndjson`, `.json`,
    /// each optionally ending `.gz` / `.zst` / `.zstd`), nil when it says none.
    public static func fromExtension(_ path: String) -> RawFormat? {
        var name = Substring(path.split(separator: "/").last ?? "").lowercased()
        for suffix in [".gz", ".gzip", ".zst", ".zstd"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") || name.hasSuffix(".psv") { return .csv }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .json }
        return nil
    }

    /// The format the content shows: JSON when the first non-blank byte opens an object or
    /// an array, else CSV.
    public static func sniff(_ head: [UInt8]) -> RawFormat {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .csv
    }
}

/// What a reader of raw files may be told instead of guessing.
public struct RawTableOptions: Sendable {
    /// nil: from the file name, else from the content.
    public var format: RawFormat?
    public var csv: CSVSniffer.Options
    public var nullTokens: NullTokens
    /// Date and timestamp layouts besides ISO 8601 (`--date-format`, `--timestamp-format`).
    public var formats: TemporalFormats
    /// Bytes of input the schema is inferred from (nil: all of it).
    public var sampleBytes: Int?

    public init(format: RawFormat? = nil, csv: CSVSniffer.Options = CSVSniffer.Options(),
                nullTokens: NullTokens = .standard, formats: TemporalFormats = .iso, sampleBytes: Int? = 1 << 20) {
        self.format = format
        self.csv = csv
        self.nullTokens = nullTokens
        self.formats = formats
        self.sampleBytes = sampleBytes
    }
}

/// One raw file opened as a table, its format and layout known: the entry point for
/// converting, previewing and crawling raw files whatever their format.
public struct RawTable {
    public enum Layout: Sendable {
        case csv(CSVLayout)
        case json(JSONLayout)
    }

    public let input: RawInput
    public let layout: Layout
    public let options: RawTableOptions

    public init(path: String, options: RawTableOptions = RawTableOptions()) throws(IngestError) {
        input = try RawInput(path: path)
        self.options = options
        var format = options.format ?? RawFormat.fromExtension(path)
        if format == nil { format = RawFormat.sniff(try input.head(4096)) }
        switch format! {
        case .csv:
            var csv = options.csv
            // A .tsv name is a strong hint; the sniffer still checks the rest.
            let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
            if csv.delimiter == nil, name.hasSuffix(".tsv") || name.contains(".tsv.") { csv.delimiter = 0x09 }
            layout = .csv(try CSVLayout.detect(input, options: csv))
        case .json:
            layout = .json(try JSONTableReader.detectLayout(input))
        }
    }

    public var format: RawFormat {
        switch layout {
        case .csv: return .csv
        case .json: return .json
        }
    }

    /// The schema from a sample (`options.sampleBytes`) or, with `wholeInput`, from every record.
    public func inferSchema(wholeInput: Bool = false) throws -> InferredSchema {
        let sample = wholeInput ? nil : options.sampleBytes
        switch layout {
        case .csv(let csv):
            return try CSVSchemaInference.infer(input, layout: csv, nullTokens: options.nullTokens, formats: options.formats, sampleBytes: sample)
        case .json(let layout):
            return try JSONTableReader.inferSchema(input, sampleBytes: sample, fileName: input.path, layout: layout)
        }
    }

    /// A reader of the whole file as batches of `schema`.
    ///
    /// - Parameter typesAreInferred: whether `schema` came from `inferSchema` (a value that
    ///   does not fit then throws `WideningNeeded`) or from the user (it is a bad record).
    public func reader(schema: Schema, typesAreInferred: Bool, options read: ReadOptions) throws -> any TableReader {
        var read = read
        if read.fileName == nil { read.fileName = input.path }
        switch layout {
        case .csv(let csv):
            return try CSVTableReader(input: input, layout: csv, schema: schema, nullTokens: options.nullTokens,
                                      formats: options.formats, typesAreInferred: typesAreInferred, options: read)
        case .json(let layout):
            // Keys outside a schema the user gave are left out, as a projection; keys
            // outside a sampled schema widen it.
            if layout == .lines && read.threads > 1 {
                let reader = try JSONLinesParallelReader(input, schema: schema, options: read)
                reader.ignoresUnknownKeys = !typesAreInferred
                return reader
            }
            let reader = try JSONTableReader(input, schema: schema, options: read, layout: layout)
            reader.ignoresUnknownKeys = !typesAreInferred
            return reader
        }
    }
}
