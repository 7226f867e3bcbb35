import TarnCore

/// Where a CSV file's data starts and what its columns are called: the sniffed (or forced)
/// dialect, the header's names (or `column0`, `column1`, … without a header), and the
/// stream offset and line of the first data record (after the BOM, skipped rows and header).
public struct CSVLayout: Sendable, Equatable {
    public var dialect: CSVDialect
    public var columnNames: [String]
    public var dataOffset: Int
    public var dataLine: Int

    public init(dialect: CSVDialect, columnNames: [String], dataOffset: Int, dataLine: Int) {
        self.dialect = dialect
        self.columnNames = columnNames
        self.dataOffset = dataOffset
        self.dataLine = dataLine
    }

    /// Sniffs the dialect (forced parts taken from `options`) and reads the header.
    public static func detect(_ input: RawInput, options: CSVSniffer.Options = CSVSniffer.Options()) throws(IngestError) -> CSVLayout {
        let dialect: CSVDialect
        if input.compression == .none {
            let file = input.file
            dialect = try typedIngest {
                try CSVSniffer.sniff(size: input.fileSize, options: options) { range in try file.read(at: range.lowerBound, count: range.count) }
            }
        } else {
            dialect = CSVSniffer.sniff(try input.head(options.sampleBytes), options: options)
        }
        return try locate(input, dialect: dialect)
    }

    /// Reads the skipped rows and the header under a known dialect.
    public static func locate(_ input: RawInput, dialect: CSVDialect) throws(IngestError) -> CSVLayout {
        let wanted = dialect.skipRows + 1
        var size = 64 << 10
        while true {
            let head = try input.head(size)
            let isFinal = head.count < size
            var tokenizer = CSVTokenizer(dialect: dialect, options: .init(maxRecordsPerBlock: wanted, fileName: input.path))
            var block = CSVRecordBlock()
            let consumed = try typedIngest {
                try head.withUnsafeBytes { chunk in try tokenizer.tokenize(chunk, isFinal: isFinal, into: &block) }
            }
            if block.recordCount >= wanted || isFinal {
                let names: [String]
                var dataOffset = consumed
                var dataLine = tokenizer.nextLine
                let headerRecord = dialect.skipRows
                if headerRecord < block.recordCount {
                    let values = head.withUnsafeBytes { chunk in
                        block.fields(ofRecord: headerRecord).map { f -> String in
                            var out: [UInt8] = []
                            block.appendValue(ofField: f, in: chunk, dialect: dialect, to: &out)
                            return String(decoding: out, as: UTF8.self)
                        }
                    }
                    if dialect.hasHeader {
                        names = uniqueNames(values)
                    } else {
                        names = values.indices.map { "column\($0)" }
                        // No header: the record read is data; start at it.
                        dataOffset = block.recordStarts[headerRecord]
                        dataLine = block.recordLines[headerRecord]
                    }
                } else {
                    names = []   // an empty file (or only skipped rows): no columns
                }
                return CSVLayout(dialect: dialect, columnNames: names, dataOffset: dataOffset, dataLine: dataLine)
            }
            size *= 4
        }
    }

    /// Header names made usable as column names: trimmed, empty ones named by position,
    /// repeats suffixed (`a`, `a_1`).
    static func uniqueNames(_ raw: [String]) -> [String] {
        var seen: Set<String> = []
        return raw.enumerated().map { index, name in
            var base = name.trimmingSpaces
            if base.isEmpty { base = "column\(index)" }
            var candidate = base
            var k = 1
            while seen.contains(candidate) { candidate = "\(base)_\(k)"; k += 1 }
            seen.insert(candidate)
            return candidate
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
