/// One column of a `CSVRecordBlock` as raw text values, for type inference and
/// `TextColumnBuilder`: value `i` is field `column` of record `records.lowerBound + i`.
///
/// Holds raw pointers into the block's arrays (`CSVRecordBlock.withView`), so reading a
/// value costs no reference counting: this is the innermost loop of CSV conversion.
/// A record with fewer fields than `column + 1` gives an empty unquoted value (so it reads
/// as null); ragged records are the caller's to report before converting.
public struct CSVColumnValues: RawTextValues {
    public let view: CSVRecordBlock.View
    public let chunk: UnsafeRawBufferPointer
    public let dialect: CSVDialect
    public let column: Int
    public let records: Range<Int>

    public init(view: CSVRecordBlock.View, chunk: UnsafeRawBufferPointer, dialect: CSVDialect, column: Int, records: Range<Int>) {
        self.view = view
        self.chunk = chunk
        self.dialect = dialect
        self.column = column
        self.records = records
    }

    public var count: Int { records.count }

    @inline(__always)
    public func withValue<R>(_ i: Int, _ body: (UnsafeRawBufferPointer, Bool) -> R) -> R {
        let r = records.lowerBound &+ i
        let first = r == 0 ? 0 : view.recordFieldEnds[r &- 1]
        let f = first &+ column
        guard f < view.recordFieldEnds[r] else { return body(UnsafeRawBufferPointer(start: nil, count: 0), false) }
        let flags = view.fieldFlags[f]
        let quoted = flags & CSVRecordBlock.quotedFlag != 0
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[view.fieldStarts[f]..<view.fieldEnds[f]])
        guard flags & CSVRecordBlock.escapedFlag != 0 else { return body(bytes, quoted) }
        // Escapes are rare; only those fields pay for a copy.
        var unescaped: [UInt8] = []
        CSVTokenizer.unescapeField(bytes, flags: flags, dialect: dialect, into: &unescaped)
        return unescaped.withUnsafeBytes { body($0, quoted) }
    }
}

extension CSVRecordBlock {
    /// The block's arrays as raw buffers, valid inside `withView`.
    public struct View {
        public let fieldStarts: UnsafeBufferPointer<Int>
        public let fieldEnds: UnsafeBufferPointer<Int>
        public let fieldFlags: UnsafeBufferPointer<UInt8>
        public let recordFieldEnds: UnsafeBufferPointer<Int>
    }

    public func withView<R>(_ body: (View) throws -> R) rethrows -> R {
        try fieldStarts.withUnsafeBufferPointer { starts in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try fieldFlags.withUnsafeBufferPointer { flags in
                    try recordFieldEnds.withUnsafeBufferPointer { records in
                        try body(View(fieldStarts: starts, fieldEnds: ends, fieldFlags: flags, recordFieldEnds: records))
                    }
                }
            }
        }
    }
}
