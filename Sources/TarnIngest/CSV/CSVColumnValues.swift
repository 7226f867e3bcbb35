/// One column of a `CSVRecordBlock` as raw text values, for type inference and
/// `TextColumnBuilder`: value `i` is field `column` of record `records.lowerBound + i`.
///
/// A record with fewer fields than `column + 1` gives an empty unquoted value (so it reads
/// as null); ragged records are the caller's to report before converting.
public struct CSVColumnValues: RawTextValues {
    public let block: CSVRecordBlock
    public let chunk: UnsafeRawBufferPointer
    public let dialect: CSVDialect
    public let column: Int
    public let records: Range<Int>

    public init(block: CSVRecordBlock, chunk: UnsafeRawBufferPointer, dialect: CSVDialect, column: Int, records: Range<Int>? = nil) {
        self.block = block
        self.chunk = chunk
        self.dialect = dialect
        self.column = column
        self.records = records ?? 0..<block.recordCount
    }

    public var count: Int { records.count }

    public func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer, Bool) -> R) -> R {
        let fields = block.fields(ofRecord: records.lowerBound + i)
        guard column < fields.count else { return body(UnsafeRawBufferPointer(start: nil, count: 0), false) }
        let f = fields.lowerBound + column
        let flags = block.fieldFlags[f]
        let quoted = flags & CSVRecordBlock.quotedFlag != 0
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[block.fieldStarts[f]..<block.fieldEnds[f]])
        guard flags & CSVRecordBlock.escapedFlag != 0 else { return body(bytes, quoted) }
        // Escapes are rare; only those fields pay for a copy.
        var unescaped: [UInt8] = []
        CSVTokenizer.unescapeField(bytes, flags: flags, dialect: dialect, into: &unescaped)
        return unescaped.withUnsafeBytes { body($0, quoted) }
    }
}
