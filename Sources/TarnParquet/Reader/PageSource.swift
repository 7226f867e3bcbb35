// The pages of one column chunk, read from the file one at a time:
//
//   column chunk := [dictionary page] data page...      page := PageHeader (Thrift) body
//
// The chunk starts at the dictionary page offset when there is one (some writers put 0
// there to mean "none", dict-page-offset-zero.parquet), else at the first data page, and
// spans `total_compressed_size` bytes. A whole chunk is read at once; a preview of the
// first rows reads page by page, so it touches only the first pages.
//
// parquet-mr 1.2.8 and older left the dictionary page header out of the chunk's size
// (PARQUET-816, IMPALA-694); as Arrow does, such files get up to 100 bytes of slack.

/// One page: its header and its stored (possibly compressed) body.
struct RawPage {
    var header: PageHeader
    var body: [UInt8]
    /// File offset of the header, for error messages.
    var offset: Int
}

struct PageSource {
    private let file: ReadOnlyFile
    private(set) var position: Int
    let end: Int
    /// The chunk's bytes from `start`, when it was read at once.
    private var chunk: [UInt8]?
    private let start: Int

    /// A page header is read through a window of this many bytes first (grown if the
    /// header has large statistics).
    static let headerWindowBytes = 16 << 10

    /// Bytes of slack for files from writers with the PARQUET-816 bug.
    static let legacyDictionaryHeaderSlack = 100

    /// `readWhole`: read the chunk in one call (to decode all of it) rather than page by page.
    init(file: ReadOnlyFile, chunk: ColumnMetaData, path: String, legacySizes: Bool, readWhole: Bool) throws(ParquetError) {
        var start = chunk.dataPageOffset
        if let dictionary = chunk.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        let length = chunk.totalCompressedSize
        // The chunk lies between the leading magic and the footer.
        guard start >= 4, length >= 0, start <= Int64(file.size), length <= Int64(file.size) - start else {
            throw ParquetError(.malformed, "column chunk at offset \(start) with \(length) bytes lies outside the \(file.size)-byte file", column: path)
        }
        self.file = file
        position = Int(start)
        var end = Int(start + length)
        if legacySizes { end += Swift.min(Self.legacyDictionaryHeaderSlack, Swift.max(0, file.size - 8 - end)) }
        self.end = end
        self.start = Int(start)
        if readWhole { self.chunk = try file.read(count: end - position, at: position) }
    }

    /// The next page, or nil at the end of the chunk.
    mutating func next() throws(ParquetError) -> RawPage? {
        guard position < end else { return nil }
        let offset = position
        let decoded = try readHeader()
        let header = decoded.value
        position += decoded.byteCount
        let size = Int(header.compressedPageSize)
        guard size >= 0, size <= end - position else {
            throw ParquetError(.malformed, "page at offset \(offset) claims \(header.compressedPageSize) bytes, \(end - position) are left in the column chunk")
        }
        guard header.uncompressedPageSize >= 0 else {
            throw ParquetError(.malformed, "page at offset \(offset) has a negative uncompressed size \(header.uncompressedPageSize)")
        }
        let body: [UInt8]
        if let chunk = self.chunk {
            body = Array(chunk[(position - start)..<(position - start + size)])
        } else {
            body = try file.read(count: size, at: position)
        }
        position += size
        return RawPage(header: header, body: body, offset: offset)
    }
}

extension PageSource {
    /// Decodes the page header at `position` (without moving past it).
    private func readHeader() throws(ParquetError) -> (value: PageHeader, byteCount: Int) {
        if let chunk {
            do {
                return try chunk.withBytes { raw throws(ParquetError) in
                    try PageHeader.decodePrefix(of: UnsafeRawBufferPointer(rebasing: raw[(position - start)...]))
                }
            } catch {
                throw ParquetError(.malformed, "corrupt page header at offset \(position): \(error.message)")
            }
        }
        var window = Swift.min(Self.headerWindowBytes, end - position)
        while true {
            let bytes = try file.read(count: window, at: position)
            do {
                return try bytes.withBytes { raw throws(ParquetError) in try PageHeader.decodePrefix(of: raw) }
            } catch {
                // A header cut off by the window: read more, up to the end of the chunk.
                guard window < end - position else {
                    throw ParquetError(.malformed, "corrupt page header at offset \(position): \(error.message)")
                }
                window = Swift.min(window * 4, end - position)
            }
        }
    }
}

extension FileMetaData {
    /// Whether the writer is parquet-mr before 1.2.9, whose column chunk sizes leave out the
    /// dictionary page header (PARQUET-816). A `created_by` without a version counts as old.
    var hasLegacyChunkSizes: Bool {
        guard let createdBy, createdBy.hasPrefix("parquet-mr") else { return false }
        guard let range = createdBy.firstRange(of: "version ") else { return true }
        let numbers = createdBy[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            .split(separator: ".").map { Int($0) ?? 0 }
        let version = numbers + [0, 0, 0]
        return (version[0], version[1], version[2]) < (1, 2, 9)
    }
}
