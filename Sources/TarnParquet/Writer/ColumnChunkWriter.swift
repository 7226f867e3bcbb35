import TarnCore

/// Builds one column chunk of the current row group: takes shredded leaf slices, cuts them
/// into data pages at row boundaries, encodes, compresses and keeps the finished pages in
/// memory until the row group ends (when the dictionary page, which must come first, is known).
///
/// One instance per leaf column; used by one thread at a time.
final class ColumnChunkWriter {
    let descriptor: ColumnDescriptor
    private let options: ParquetWriterOptions
    private let compression: Compression
    private var compressor: Compressor
    /// The encoding of pages that are not dictionary-encoded.
    private let valueEncoding: Encoding
    /// Present while pages are dictionary-encoded; `nil` after a fallback or when not used.
    private var dictionary: DictionaryBuilder?
    /// The dictionary that pages were encoded with before a fallback to PLAIN.
    private var finishedDictionary: DictionaryBuilder?
    private var dictionaryPagesWritten = 0
    private var checkedDictionaryWorth = false

    // The page being built.
    private var page = PageBuffer()
    private var definitionLevels: [UInt16] = []
    private var repetitionLevels: [UInt16] = []
    private var pageLevelCount = 0
    private var pageRowCount = 0
    private var pageNullCount = 0
    private var pageStatistics: StatisticsAccumulator

    // The chunk being built.
    private var chunkStatistics: StatisticsAccumulator
    private var dataPages = SegmentedBytes()
    private var pageLocations: [PageLocation] = []
    private var columnIndex = ColumnIndexBuilder()
    private var dataPageEncodingCounts: [Encoding: Int32] = [:]
    private var chunkLevelCount = 0
    private var chunkRowCount = 0
    private var uncompressedBytes = 0
    private var bloomHashes: Set<UInt64>?

    // The leaf of the batch being appended, and how far it has been consumed.
    private var leaf: ShreddedLeaf?
    private var rowStarts: [Int] = []
    private var levelCursor = 0
    private var valueCursor = 0

    // Reused scratch space.
    private var scratch = ByteWriter()
    private var compressed = ByteWriter()

    init(descriptor: ColumnDescriptor, options: ParquetWriterOptions, topLevelName: String) throws {
        self.descriptor = descriptor
        self.options = options
        let path = descriptor.dottedPath
        compression = options.compression(for: path, topLevel: topLevelName)
        compressor = try Compressor(compression)
        pageStatistics = StatisticsAccumulator(sortOrder: descriptor.sortOrder)
        chunkStatistics = StatisticsAccumulator(sortOrder: descriptor.sortOrder)
        let requested = options.encoding(for: path, topLevel: topLevelName)
        let (useDictionary, encoding) = try Self.resolve(requested, for: descriptor, version: options.dataPageVersion)
        valueEncoding = encoding
        if useDictionary { dictionary = DictionaryBuilder(for: descriptor) }
        if options.bloomFilterColumns.contains(path) || options.bloomFilterColumns.contains(topLevelName) { bloomHashes = [] }
    }

    /// The dictionary choice and the plain (or fallback) encoding for a requested encoding.
    static func resolve(_ requested: ColumnEncoding, for column: ColumnDescriptor, version: DataPageVersion) throws -> (Bool, Encoding) {
        let type = column.physicalType
        func unsupported() -> ParquetError {
            ParquetError(.invalidInput, "encoding \(requested.rawValue) cannot encode \(type.name) values", column: column.dottedPath)
        }
        switch requested {
        case .automatic:
            // Dictionary first. When it does not pay, integers (ids, timestamps, counters)
            // fall back to DELTA_BINARY_PACKED, which every reader takes and which stores
            // sorted or clustered values in a few bits; other types fall back to PLAIN.
            if type == .boolean { return (false, version == .v2 ? .rle : .plain) }
            if type == .int32 || type == .int64 { return (true, .deltaBinaryPacked) }
            return (true, .plain)
        case .dictionary:
            if type == .boolean { throw unsupported() }
            return (true, .plain)
        case .plain: return (false, .plain)
        case .rle:
            guard type == .boolean else { throw unsupported() }
            return (false, .rle)
        case .deltaBinaryPacked:
            guard type == .int32 || type == .int64 else { throw unsupported() }
            return (false, .deltaBinaryPacked)
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw unsupported() }
            return (false, .deltaLengthByteArray)
        case .deltaByteArray:
            guard type == .byteArray || type == .fixedLenByteArray else { throw unsupported() }
            return (false, .deltaByteArray)
        case .byteStreamSplit:
            guard [.float, .double, .int32, .int64, .fixedLenByteArray].contains(type) else { throw unsupported() }
            return (false, .byteStreamSplit)
        }
    }

    // MARK: Appending

    /// Starts consuming a new batch's leaf; rows are then appended in order with `append(rows:)`.
    func begin(_ leaf: ShreddedLeaf) {
        self.leaf = leaf
        levelCursor = 0
        valueCursor = 0
        rowStarts.removeAll(keepingCapacity: true)
        if descriptor.maxRepetitionLevel > 0 {
            // Level index where each row starts (repetition level 0), plus the end.
            for (i, level) in leaf.repetitionLevels.enumerated() where level == 0 { rowStarts.append(i) }
            rowStarts.append(leaf.levelCount)
        }
    }

    /// Bytes of the current batch's leaf not yet appended (the cost of what is left to do).
    var pendingSizeBytes: Int {
        guard let leaf else { return 0 }
        let rows = Swift.max(1, leaf.levelCount)
        return Column(values: leaf.values, count: leaf.valueCount).estimatedSizeBytes * (rows - levelCursor) / rows
    }

    /// Estimated encoded bytes of the chunk so far (pages written plus the open page).
    var estimatedSizeBytes: Int { dataPages.count + pageEstimateBytes + (dictionary?.plainEncodedSizeBytes ?? 0) }

    private var pageEstimateBytes: Int {
        let values: Int
        if dictionary != nil {
            values = page.count * RLEHybrid.bitWidth(forMaxValue: Swift.max(1, dictionary!.count)) / 8
        } else {
            values = page.plainSizeBytes
        }
        return values + (definitionLevels.count + repetitionLevels.count) / 4
    }

    /// Appends rows `rows` of the current leaf (row numbers within the batch).
    func append(rows: Range<Int>) throws {
        var row = rows.lowerBound
        while row < rows.upperBound {
            var take = Swift.min(rows.upperBound - row, Swift.max(1, options.dataPageMaxRows - pageRowCount))
            if pageRowCount > 0 {
                let perRow = Swift.max(1, pageEstimateBytes / pageRowCount)
                take = Swift.min(take, Swift.max(1, (options.dataPageSizeBytes - pageEstimateBytes) / perRow))
            } else {
                take = Swift.min(take, 4096)
            }
            try appendSlice(rows: row..<(row + take))
            row += take
            if pageRowCount >= options.dataPageMaxRows || pageEstimateBytes >= options.dataPageSizeBytes {
                try flushPage()
            }
        }
    }

    private func appendSlice(rows: Range<Int>) throws {
        guard let leaf else { preconditionFailure("append before begin") }
        let levels = descriptor.maxRepetitionLevel > 0 ? rowStarts[rows.lowerBound]..<rowStarts[rows.upperBound] : rows
        precondition(levels.lowerBound == levelCursor, "rows appended out of order")
        levelCursor = levels.upperBound

        var valueCount = levels.count
        let maxDefinition = UInt16(descriptor.maxDefinitionLevel)
        if maxDefinition > 0 {
            if leaf.definitionLevels.isEmpty {
                definitionLevels.append(contentsOf: repeatElement(maxDefinition, count: levels.count))
            } else {
                valueCount = 0
                leaf.definitionLevels.withUnsafeBufferPointer { all in
                    let slice = UnsafeBufferPointer(rebasing: all[levels])
                    definitionLevels.append(contentsOf: slice)
                    for level in slice { valueCount &+= level == maxDefinition ? 1 : 0 }
                }
            }
        }
        if descriptor.maxRepetitionLevel > 0 {
            repetitionLevels.append(contentsOf: leaf.repetitionLevels[levels])
        }
        pageLevelCount += levels.count
        pageRowCount += rows.count
        pageNullCount += levels.count - valueCount
        pageStatistics.nullCount += levels.count - valueCount

        let values = valueCursor..<(valueCursor + valueCount)
        valueCursor += valueCount
        guard valueCount > 0 else { return }
        try descriptor.withPhysicalSlice(of: leaf.values, range: values, validateUTF8: options.validateUTF8) { slice in
            if options.writeStatistics || options.writePageIndex { pageStatistics.update(slice) }
            if bloomHashes != nil { BloomFilterHashing.insertHashes(of: slice, into: &bloomHashes!) }
            if dictionary != nil {
                dictionary!.insert(slice, into: &page.indices)
                page.count += slice.count
                page.plainSizeBytes += slice.plainSizeBytes
            } else {
                page.append(slice)
            }
        }
    }

    // MARK: Pages

    /// Encodes, compresses and stores the open page, if it holds any level.
    private func flushPage() throws {
        guard pageLevelCount > 0 else { return }
        let v2 = options.dataPageVersion == .v2
        scratch.removeAll()

        if descriptor.maxRepetitionLevel > 0 {
            repetitionLevels.withUnsafeBufferPointer { encodeLevels($0, maxLevel: descriptor.maxRepetitionLevel, v2: v2) }
        }
        let repetitionBytes = scratch.count
        if descriptor.maxDefinitionLevel > 0 {
            definitionLevels.withUnsafeBufferPointer { encodeLevels($0, maxLevel: descriptor.maxDefinitionLevel, v2: v2) }
        }
        let levelBytes = scratch.count
        let encoding = try encodeValues(into: &scratch)
        let uncompressedSize = scratch.count

        compressed.removeAll()
        try scratch.bytes.withUnsafeBytes { raw in
            if v2 {
                compressed.write(UnsafeRawBufferPointer(rebasing: raw[0..<levelBytes]))
                try compressor.compress(UnsafeRawBufferPointer(rebasing: raw[levelBytes...]), into: &compressed)
            } else {
                try compressor.compress(raw, into: &compressed)
            }
        }

        let statistics = options.writeStatistics ? pageStatistics.encoded(for: descriptor, truncateTo: options.statisticsTruncateLengthBytes) : nil
        var header = PageHeader(type: v2 ? .dataPageV2 : .dataPage,
                                uncompressedPageSize: Int32(uncompressedSize),
                                compressedPageSize: Int32(compressed.count))
        if options.writePageChecksums { header.crc = compressed.bytes.withUnsafeBytes { Int32(bitPattern: CRC32.checksum($0)) } }
        if v2 {
            header.dataPageHeaderV2 = DataPageHeaderV2(
                numValues: Int32(pageLevelCount), numNulls: Int32(pageNullCount), numRows: Int32(pageRowCount),
                encoding: encoding, definitionLevelsByteLength: Int32(levelBytes - repetitionBytes),
                repetitionLevelsByteLength: Int32(repetitionBytes), isCompressed: compression != .uncompressed,
                statistics: statistics)
        } else {
            header.dataPageHeader = DataPageHeader(numValues: Int32(pageLevelCount), encoding: encoding,
                                                   definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle,
                                                   statistics: statistics)
        }
        let headerBytes = header.serialized()
        pageLocations.append(PageLocation(offset: Int64(dataPages.count),
                                          compressedPageSize: Int32(headerBytes.count + compressed.count),
                                          firstRowIndex: Int64(chunkRowCount)))
        dataPages.append(headerBytes)
        dataPages.append(compressed.bytes)
        uncompressedBytes += headerBytes.count + uncompressedSize

        columnIndex.addPage(pageStatistics, descriptor: descriptor, truncateTo: options.statisticsTruncateLengthBytes)
        chunkStatistics.merge(pageStatistics)
        dataPageEncodingCounts[encoding, default: 0] += 1
        chunkLevelCount += pageLevelCount
        chunkRowCount += pageRowCount

        page.removeAll()
        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        pageLevelCount = 0
        pageRowCount = 0
        pageNullCount = 0
        pageStatistics.reset()
    }

    /// Levels are the RLE / bit-packed hybrid: length-prefixed in data page v1, bare in v2
    /// (whose header carries the lengths).
    private func encodeLevels(_ levels: UnsafeBufferPointer<UInt16>, maxLevel: Int, v2: Bool) {
        if v2 {
            RLEHybrid.encodeLevelsV2(levels, maxLevel: maxLevel, into: &scratch)
        } else {
            RLEHybrid.encodeLevelsV1(levels, maxLevel: maxLevel, into: &scratch)
        }
    }

    /// Writes the page's values in its encoding and returns that encoding.
    private func encodeValues(into out: inout ByteWriter) throws -> Encoding {
        if page.count == 0 {
            // No value (all null): an empty PLAIN body needs no dictionary page.
            return .plain
        }
        if let dictionary {
            let start = out.count
            page.indices.withUnsafeBufferPointer { RLEHybrid.encodeDictionaryIndices($0, dictionaryCount: dictionary.count, into: &out) }
            dictionaryPagesWritten += 1
            // Give up the dictionary when it outgrows its limit, or when the first page
            // shows it does not pay (as many distinct values as values).
            let tooBig = dictionary.plainEncodedSizeBytes > options.dictionaryPageSizeLimitBytes
            var worthless = false
            if !checkedDictionaryWorth {
                checkedDictionaryWorth = true
                worthless = out.count - start + dictionary.plainEncodedSizeBytes >= page.plainSizeBytes
            }
            if tooBig || worthless {
                finishedDictionary = dictionary
                self.dictionary = nil
            }
            return .rleDictionary
        }
        try ValueEncoding.encode(page, as: valueEncoding, physicalType: descriptor.physicalType,
                                 typeLength: descriptor.typeLength ?? 0, into: &out)
        return valueEncoding
    }

    // MARK: Finishing

    /// Ends the chunk: returns its bytes (dictionary page, then data pages) and metadata with
    /// offsets relative to the chunk's first byte, and resets for the next row group.
    func finish() throws -> FinishedColumnChunk {
        try flushPage()
        // The dictionary page (when any page used it) goes before the data pages; the two
        // are handed over separately so the data pages are never copied again.
        var dictionaryPage = ByteWriter()
        var dictionaryPageOffset: Int64?
        var encodingStats: [PageEncodingStats] = []
        var encodings: [Encoding] = []
        if let usedDictionary = dictionary ?? finishedDictionary, dictionaryPagesWritten > 0 {
            scratch.removeAll()
            usedDictionary.encodePlain(into: &scratch)
            compressed.removeAll()
            try scratch.bytes.withUnsafeBytes { raw in try compressor.compress(raw, into: &compressed) }
            var header = PageHeader(type: .dictionaryPage, uncompressedPageSize: Int32(scratch.count),
                                    compressedPageSize: Int32(compressed.count))
            header.dictionaryPageHeader = DictionaryPageHeader(numValues: Int32(usedDictionary.count), encoding: .plain, isSorted: false)
            if options.writePageChecksums { header.crc = compressed.bytes.withUnsafeBytes { Int32(bitPattern: CRC32.checksum($0)) } }
            let headerBytes = header.serialized()
            dictionaryPageOffset = 0
            dictionaryPage.write(headerBytes)
            dictionaryPage.write(compressed.bytes)
            uncompressedBytes += headerBytes.count + scratch.count
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodings.append(.plain)
        }
        let dataPageOffset = Int64(dictionaryPage.count)
        for (encoding, count) in dataPageEncodingCounts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: encoding, count: count))
            if !encodings.contains(encoding) { encodings.append(encoding) }
        }
        if descriptor.maxDefinitionLevel > 0 || descriptor.maxRepetitionLevel > 0, !encodings.contains(.rle) {
            encodings.append(.rle)
        }
        var metadata = ColumnMetaData(type: descriptor.physicalType, encodings: encodings, pathInSchema: descriptor.path,
                                      codec: CompressionCodec(rawValue: compression.parquetCodec), numValues: Int64(chunkLevelCount),
                                      totalUncompressedSize: Int64(uncompressedBytes), totalCompressedSize: Int64(dictionaryPage.count + dataPages.count),
                                      dataPageOffset: dataPageOffset)
        metadata.dictionaryPageOffset = dictionaryPageOffset
        metadata.encodingStats = encodingStats
        if options.writeStatistics { metadata.statistics = chunkStatistics.encoded(for: descriptor, truncateTo: options.statisticsTruncateLengthBytes) }
        let locations = pageLocations.map {
            PageLocation(offset: $0.offset + dataPageOffset, compressedPageSize: $0.compressedPageSize, firstRowIndex: $0.firstRowIndex)
        }
        var bloomFilter: SplitBlockBloomFilter?
        if let hashes = bloomHashes {
            var filter = SplitBlockBloomFilter(distinctValues: hashes.count, falsePositiveProbability: options.bloomFilterFalsePositiveProbability)
            for hash in hashes { filter.insert(hash: hash) }
            bloomFilter = filter
        }
        let finished = FinishedColumnChunk(dictionaryPage: dictionaryPage.bytes, dataPages: dataPages.segments, metadata: metadata, pageLocations: locations,
                                           columnIndex: columnIndex.build(), bloomFilter: bloomFilter)
        resetChunk()
        return finished
    }

    private func resetChunk() {
        chunkStatistics.reset()
        // The finished chunk took the pages' segments.
        dataPages = SegmentedBytes()
        pageLocations.removeAll()
        columnIndex = ColumnIndexBuilder()
        dataPageEncodingCounts.removeAll()
        chunkLevelCount = 0
        chunkRowCount = 0
        uncompressedBytes = 0
        if bloomHashes != nil { bloomHashes = [] }
        // A new row group starts a new dictionary, and tries it again after a fallback.
        if dictionary != nil || finishedDictionary != nil { dictionary = DictionaryBuilder(for: descriptor) }
        finishedDictionary = nil
        dictionaryPagesWritten = 0
        checkedDictionaryWorth = false
    }
}

/// A column chunk ready to be written: offsets in `metadata` and `pageLocations` count from
/// the chunk's first byte; the file writer adds the chunk's file offset.
struct FinishedColumnChunk {
    var dictionaryPage: [UInt8]
    /// The data pages back to back, in segments (`SegmentedBytes`).
    var dataPages: [[UInt8]]
    var metadata: ColumnMetaData
    var pageLocations: [PageLocation]
    var columnIndex: ColumnIndex?
    var bloomFilter: SplitBlockBloomFilter?
}
