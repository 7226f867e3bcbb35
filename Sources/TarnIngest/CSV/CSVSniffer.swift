/// Guesses a CSV file's dialect from samples of its head, middle and tail.
///
/// Each candidate (delimiter × quote × escape) tokenizes the samples; the winner is the one
/// whose records agree best on one field count (more than one field preferred), after
/// skipping leading records whose count differs (a title or comment lines). Ties go to the
/// earlier delimiter in `CSVSniffer.delimiters` — except that `;` beats `,` when under `;`
/// a column holds decimal-comma numbers (`1,5;2,25`: European style). Samples from the
/// middle and tail start after their first line break; one that starts inside a quoted
/// field and fails to tokenize is ignored for that candidate (only the head counts errors).
public enum CSVSniffer {
    public struct Options: Sendable {
        /// A quote forced by the caller: a byte, or no quoting at all.
        public enum Quote: Sendable, Equatable { case byte(UInt8), unquoted }

        public var delimiter: UInt8?
        public var quote: Quote?
        public var escape: CSVDialect.Escape?
        public var hasHeader: Bool?
        public var skipRows: Int?
        /// Bytes read at each sampled place.
        public var sampleBytes: Int

        public init(delimiter: UInt8? = nil, quote: Quote? = nil, escape: CSVDialect.Escape? = nil,
                    hasHeader: Bool? = nil, skipRows: Int? = nil, sampleBytes: Int = 64 * 1024) {
            precondition(sampleBytes > 0)
            self.delimiter = delimiter
            self.quote = quote
            self.escape = escape
            self.hasHeader = hasHeader
            self.skipRows = skipRows
            self.sampleBytes = sampleBytes
        }
    }

    /// The delimiters tried, in order of preference on a tie.
    public static let delimiters: [UInt8] = [",", "\t", ";", "|", ":", "^", "~", " "].map { UInt8(ascii: $0) }

    /// Sniffs a file of `size` bytes through `read`, which returns the bytes of a range.
    public static func sniff(size: Int, options: Options = Options(), read: (Range<Int>) throws -> [UInt8]) rethrows -> CSVDialect {
        let sampleBytes = options.sampleBytes
        var head = try read(0 ..< min(size, sampleBytes))
        let hasBOM = head.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { head.removeFirst(3) }
        var samples = [Sample(bytes: head, isFinal: size <= sampleBytes, isHead: true)]
        if size > 3 * sampleBytes {
            samples.append(Sample(bytes: afterFirstLineBreak(try read(size / 2 ..< size / 2 + sampleBytes)), isFinal: false, isHead: false))
            samples.append(Sample(bytes: afterFirstLineBreak(try read(size - sampleBytes ..< size)), isFinal: true, isHead: false))
        } else if size > sampleBytes {
            samples.append(Sample(bytes: afterFirstLineBreak(try read(max(sampleBytes, size - sampleBytes) ..< size)), isFinal: true, isHead: false))
        }
        return choose(samples, hasBOM: hasBOM, options: options)
    }

    /// Sniffs a file held in memory.
    public static func sniff(_ bytes: [UInt8], options: Options = Options()) -> CSVDialect {
        sniff(size: bytes.count, options: options) { Array(bytes[$0]) }
    }

    struct Sample {
        var bytes: [UInt8]
        var isFinal: Bool
        var isHead: Bool
    }

    struct Candidate {
        var dialect: CSVDialect
        var failed: Bool
        var fieldCount: Int
        var consistent: Int
        var total: Int
        var skip: Int
        var priority: Int
    }

    static func afterFirstLineBreak(_ bytes: [UInt8]) -> [UInt8] {
        guard let k = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [] }
        var start = k + 1
        if bytes[k] == 0x0D && start < bytes.count && bytes[start] == 0x0A { start += 1 }
        return Array(bytes[start...])
    }

    static func choose(_ samples: [Sample], hasBOM: Bool, options: Options) -> CSVDialect {
        let head = samples[0].bytes
        let delimiters = options.delimiter.map { [$0] } ?? CSVSniffer.delimiters
        let quotes: [UInt8?]
        switch options.quote {
        case .byte(let q)?: quotes = [q]
        case .unquoted?: quotes = [nil]
        case nil: quotes = [UInt8(ascii: "\""), UInt8(ascii: "'"), nil]
        }
        let hasBackslash = samples.contains { $0.bytes.contains(UInt8(ascii: "\\")) }
        let escapes: [CSVDialect.Escape] = options.escape.map { [$0] } ?? (hasBackslash ? [.doubledQuote, .backslash] : [.doubledQuote])

        var best: Candidate?
        var priority = 0
        for delimiter in delimiters {
            for quote in quotes where quote != delimiter {
                for escape in (quote == nil ? [CSVDialect.Escape.doubledQuote] : escapes) {
                    let dialect = CSVDialect(delimiter: delimiter, quote: quote, escape: escape)
                    let candidate = evaluate(dialect, samples: samples, forcedSkip: options.skipRows, priority: priority)
                    priority += 1
                    if best == nil || isBetter(candidate, than: best!, samples: samples) { best = candidate }
                }
            }
        }
        var dialect = best!.dialect
        dialect.skipRows = best!.skip
        dialect.hasBOM = hasBOM
        let records = values(of: head, dialect: dialect, isFinal: samples[0].isFinal, limit: dialect.skipRows + 51)
        let body = Array(records.dropFirst(min(dialect.skipRows, records.count)))
        dialect.hasHeader = options.hasHeader ?? detectHeader(body)
        dialect.lineEnding = lineEnding(head, dialect: dialect)
        return dialect
    }

    static func isBetter(_ a: Candidate, than b: Candidate, samples: [Sample]) -> Bool {
        if a.failed != b.failed { return !a.failed }
        if (a.fieldCount > 1) != (b.fieldCount > 1) { return a.fieldCount > 1 }
        // Compare consistent / total without division.
        let left = a.consistent * max(b.total, 1), right = b.consistent * max(a.total, 1)
        if left != right { return left > right }
        let semicolon = UInt8(ascii: ";"), comma = UInt8(ascii: ",")
        if a.dialect.delimiter == semicolon && b.dialect.delimiter == comma && a.fieldCount > 1
            && hasDecimalCommaColumn(samples[0], dialect: a.dialect) {
            return true
        }
        if b.dialect.delimiter == semicolon && a.dialect.delimiter == comma && b.fieldCount > 1
            && hasDecimalCommaColumn(samples[0], dialect: b.dialect) {
            return false
        }
        return a.priority < b.priority
    }

    static func evaluate(_ dialect: CSVDialect, samples: [Sample], forcedSkip: Int?, priority: Int) -> Candidate {
        var headCounts: [Int] = []
        var otherCounts: [Int] = []
        var failed = false
        for sample in samples {
            guard let counts = fieldCounts(sample.bytes, dialect: dialect, isFinal: sample.isFinal) else {
                if sample.isHead { failed = true }
                continue
            }
            if sample.isHead { headCounts = counts } else { otherCounts += counts }
        }
        // The field count most records agree on, leading head records aside.
        var tally: [Int: Int] = [:]
        for c in headCounts.dropFirst(min(headCounts.count, forcedSkip ?? 0)) { tally[c, default: 0] += 1 }
        for c in otherCounts { tally[c, default: 0] += 1 }
        let mode = tally.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
        var skip = forcedSkip ?? 0
        if forcedSkip == nil {
            while skip < min(headCounts.count - 1, 20) && headCounts[skip] != mode { skip += 1 }
        }
        let consistent = (headCounts.dropFirst(skip) + otherCounts).filter { $0 == mode }.count
        return Candidate(dialect: dialect, failed: failed, fieldCount: mode, consistent: consistent,
                         total: headCounts.count + otherCounts.count, skip: skip, priority: priority)
    }

    /// The field count of each record, blank lines left out; nil when the sample does not tokenize.
    static func fieldCounts(_ bytes: [UInt8], dialect: CSVDialect, isFinal: Bool) -> [Int]? {
        var tokenizer = CSVTokenizer(dialect: dialect, options: .init(maxRecordsPerBlock: Int.max >> 1), atStreamStart: false)
        var block = CSVRecordBlock()
        do {
            _ = try bytes.withUnsafeBytes { (chunk) throws(IngestError) -> Int in try tokenizer.tokenize(chunk, isFinal: isFinal, into: &block) }
        } catch {
            return nil
        }
        return (0 ..< block.recordCount).compactMap { block.isBlank(record: $0) ? nil : block.fieldCount(ofRecord: $0) }
    }

    /// The values of the first `limit` records, blank lines left out.
    static func values(of bytes: [UInt8], dialect: CSVDialect, isFinal: Bool, limit: Int) -> [[[UInt8]]] {
        var tokenizer = CSVTokenizer(dialect: dialect, options: .init(maxRecordsPerBlock: limit), atStreamStart: false)
        var block = CSVRecordBlock()
        return bytes.withUnsafeBytes { chunk in
            guard (try? tokenizer.tokenize(chunk, isFinal: isFinal, into: &block)) != nil else { return [] }
            return (0 ..< block.recordCount).compactMap { r in
                if block.isBlank(record: r) { return nil }
                return block.fields(ofRecord: r).map { f in
                    var value: [UInt8] = []
                    block.appendValue(ofField: f, in: chunk, dialect: dialect, to: &value)
                    return value
                }
            }
        }
    }

    static func hasDecimalCommaColumn(_ sample: Sample, dialect: CSVDialect) -> Bool {
        let records = values(of: sample.bytes, dialect: dialect, isFinal: sample.isFinal, limit: 50)
        guard records.count > 1, let width = records.dropFirst().first?.count else { return false }
        return (0 ..< width).contains { c in
            let column = records.dropFirst().compactMap { $0.count > c ? $0[c] : nil }.filter { !$0.isEmpty }
            return !column.isEmpty && column.allSatisfy { value in
                value.contains(UInt8(ascii: ",")) && kind(of: value) == .number
            }
        }
    }

    enum ValueKind { case empty, number, boolean, temporal, text }

    /// A coarse type, enough to tell a header from the rows below it.
    static func kind(of value: [UInt8]) -> ValueKind {
        if value.isEmpty { return .empty }
        let lower = value.map { $0 | 0x20 }
        if lower == Array("true".utf8) || lower == Array("false".utf8) { return .boolean }
        var digits = 0, separators = 0, signs = 0, exponent = 0, dateMarks = 0, other = 0
        for (k, b) in value.enumerated() {
            switch b {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ","): separators += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if k == 0 || value[k - 1] | 0x20 == UInt8(ascii: "e") { signs += 1 } else { dateMarks += 1 }
            case UInt8(ascii: "e"), UInt8(ascii: "E"): exponent += 1
            case UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "T"), UInt8(ascii: " "), UInt8(ascii: "Z"): dateMarks += 1
            default: other += 1
            }
        }
        if digits == 0 || other > 0 { return .text }
        if dateMarks > 0 { return exponent == 0 && separators <= 1 ? .temporal : .text }
        return separators <= 1 && exponent <= 1 ? .number : .text
    }

    /// A header when some column typed below (numbers, dates, booleans) has a first value
    /// of another kind; when every column is text, when the first row is distinct and
    /// non-empty.
    static func detectHeader(_ records: [[[UInt8]]]) -> Bool {
        guard let first = records.first else { return true }
        let rest = records.dropFirst()
        if rest.isEmpty { return first.allSatisfy { kind(of: $0) == .text } }
        var typedColumns = 0
        for c in first.indices {
            let kinds = Set(rest.compactMap { $0.count > c ? kind(of: $0[c]) : nil }.filter { $0 != .empty })
            guard kinds.count == 1, let columnKind = kinds.first, columnKind != .text else { continue }
            typedColumns += 1
            let firstKind = kind(of: first[c])
            if firstKind != .empty && firstKind != columnKind { return true }
        }
        if typedColumns > 0 { return false }
        return !first.contains { $0.isEmpty } && Set(first).count == first.count
    }

    static func lineEnding(_ bytes: [UInt8], dialect: CSVDialect) -> CSVDialect.LineEnding? {
        var tokenizer = CSVTokenizer(dialect: dialect, options: .init(maxRecordsPerBlock: 2), atStreamStart: false)
        var block = CSVRecordBlock()
        return bytes.withUnsafeBytes { chunk -> CSVDialect.LineEnding? in
            guard (try? tokenizer.tokenize(chunk, isFinal: false, into: &block)) != nil, block.recordCount > 1 else {
                // One record: its own terminator, if any.
                if bytes.last == 0x0A { return bytes.dropLast().last == 0x0D ? .crlf : .lf }
                return bytes.last == 0x0D ? .cr : nil
            }
            let end = block.recordStarts[1] - 1
            if chunk[end] == 0x0D { return .cr }
            return end > 0 && chunk[end - 1] == 0x0D ? .crlf : .lf
        }
    }
}
