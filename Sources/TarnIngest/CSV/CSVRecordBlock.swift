/// The fields of a block of CSV records, as byte offsets into the chunk they were
/// tokenized from. Reused from block to block (`removeAll` keeps the capacity), so
/// tokenizing allocates nothing once the arrays have grown.
///
/// Field `f` is `chunk[fieldStarts[f] ..< fieldEnds[f]]`: the bytes between the quotes for a
/// quoted field. When `fieldFlags[f]` has `escapedFlag`, the bytes hold doubled quotes or
/// backslash escapes: pass them through `CSVTokenizer.unescapeField`.
public struct CSVRecordBlock: Sendable {
    /// The field was enclosed in quotes (so an empty quoted field differs from a missing one).
    public static let quotedFlag: UInt8 = 1
    /// The field holds escapes (`""`, `\x`) that must be removed to get its value.
    public static let escapedFlag: UInt8 = 2

    public internal(set) var fieldStarts: [Int] = []
    public internal(set) var fieldEnds: [Int] = []
    public internal(set) var fieldFlags: [UInt8] = []
    /// Record `r` holds fields `recordFieldEnds[r - 1] ..< recordFieldEnds[r]` (from 0 for r = 0).
    public internal(set) var recordFieldEnds: [Int] = []
    /// The offset in the chunk of each record's first byte.
    public internal(set) var recordStarts: [Int] = []
    /// The 1-based physical line each record starts on (a quoted newline advances lines).
    public internal(set) var recordLines: [Int] = []
    /// The offset in the whole stream of the chunk's first byte.
    public internal(set) var chunkOffset: Int = 0

    public init() {}

    public var recordCount: Int { recordFieldEnds.count }

    /// The indices into the field arrays of record `r`'s fields.
    public func fields(ofRecord r: Int) -> Range<Int> {
        (r == 0 ? 0 : recordFieldEnds[r - 1]) ..< recordFieldEnds[r]
    }

    public func fieldCount(ofRecord r: Int) -> Int { fields(ofRecord: r).count }

    /// Whether record `r` is an empty line (one empty unquoted field). RFC 4180 makes that a
    /// record of one empty field; callers that skip blank lines test this.
    public func isBlank(record r: Int) -> Bool {
        let range = fields(ofRecord: r)
        return range.count == 1 && fieldStarts[range.lowerBound] == fieldEnds[range.lowerBound]
            && fieldFlags[range.lowerBound] & CSVRecordBlock.quotedFlag == 0
    }

    /// Appends field `f`'s value (unescaped when needed) to `out`.
    public func appendValue(ofField f: Int, in chunk: UnsafeRawBufferPointer, dialect: CSVDialect, to out: inout [UInt8]) {
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[fieldStarts[f] ..< fieldEnds[f]])
        if fieldFlags[f] & CSVRecordBlock.escapedFlag != 0 {
            CSVTokenizer.unescapeField(bytes, flags: fieldFlags[f], dialect: dialect, into: &out)
        } else {
            out.append(contentsOf: bytes)
        }
    }

    public mutating func removeAll() {
        fieldStarts.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldFlags.removeAll(keepingCapacity: true)
        recordFieldEnds.removeAll(keepingCapacity: true)
        recordStarts.removeAll(keepingCapacity: true)
        recordLines.removeAll(keepingCapacity: true)
    }
}
