// The options every command reading raw CSV / JSON shares.
import TarnIngest

enum RawInputOptions {
    static let help = """
          --format F           auto (default), csv, jsonl or json
          --delimiter C        CSV field delimiter: a character, or tab
          --quote C            CSV quote character, or none
          --escape C           CSV escape inside quotes: " (doubled quote) or \\ (backslash)
          --header, --no-header
                               whether the first CSV record names the columns
          --skip N             CSV records to skip before the header
          --null TOKEN         a text that means null (repeatable; replaces the defaults:
                               empty, NULL, null, NA, N/A, \\N)
          --date-format F      a date layout besides ISO 8601, strptime style: %d/%m/%Y
          --timestamp-format F a timestamp layout besides ISO 8601: %d/%m/%Y %H:%M:%S%z
                               (%Y %y %m %b %d %H %I %p %M %S %f %z; see the README)
          --sample-bytes N     infer types from this much input (default 1MB; 0: all of it)
        """

    /// Reads the options above out of `arguments`.
    static func parse(_ arguments: inout Arguments) throws -> RawTableOptions {
        var options = RawTableOptions()
        switch try arguments.value("--format") {
        case nil, "auto": break
        case "csv", "tsv": options.format = .csv
        case "json", "jsonl", "ndjson": options.format = .json
        case let other?: throw UsageError("--format must be auto, csv, jsonl or json, not '\(other)'")
        }
        if let text = try arguments.value("--delimiter") {
            options.csv.delimiter = try byte(text, option: "--delimiter")
            if options.csv.delimiter == 0x0A || options.csv.delimiter == 0x0D { throw UsageError("--delimiter cannot be a line break") }
        }
        if let text = try arguments.value("--quote") {
            options.csv.quote = text.lowercased() == "none" || text.isEmpty ? .unquoted : .byte(try byte(text, option: "--quote"))
        }
        if let text = try arguments.value("--escape") {
            switch text {
            case "\"", "double", "doubled": options.csv.escape = .doubledQuote
            case "\\", "backslash": options.csv.escape = .backslash
            default: throw UsageError("--escape must be \" (doubled quote) or \\ (backslash), not '\(text)'")
            }
        }
        let header = arguments.flag("--header"), noHeader = arguments.flag("--no-header")
        if header && noHeader { throw UsageError("--header and --no-header contradict each other") }
        if header || noHeader { options.csv.hasHeader = header }
        if let skip = try arguments.integer("--skip") { options.csv.skipRows = skip }
        let nulls = try arguments.values("--null")
        if !nulls.isEmpty { options.nullTokens = NullTokens(nulls) }
        do {
            if let format = try arguments.value("--date-format") { options.formats.date = try TemporalFormat(format) }
            if let format = try arguments.value("--timestamp-format") { options.formats.timestamp = try TemporalFormat(format) }
        } catch let error as IngestError {
            throw UsageError(error.message)
        }
        if let sample = try arguments.byteCountOrZero("--sample-bytes") { options.sampleBytes = sample == 0 ? nil : sample }
        return options
    }

    private static func byte(_ text: String, option: String) throws -> UInt8 {
        switch text.lowercased() {
        case "tab", "\\t", "\t": return 0x09
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        case "pipe": return UInt8(ascii: "|")
        case "space": return UInt8(ascii: " ")
        default:
            guard text.utf8.count == 1 else { throw UsageError("\(option) must be one ASCII character (or tab), not '\(text)'") }
            return text.utf8.first!
        }
    }
}

extension Arguments {
    /// `byteCount`, allowing 0.
    mutating func byteCountOrZero(_ name: String) throws -> Int? {
        guard let text = try value(name) else { return nil }
        if text == "0" { return 0 }
        var copy = Arguments([name, text])
        return try copy.byteCount(name)
    }
}
