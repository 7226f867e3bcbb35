// Decodes the pages of one column chunk into levels and dense values (parquet.thrift,
// Encodings.md):
//
//   DATA_PAGE (v1):  body compressed as a whole =
//                    [repetition levels] [definition levels] values
//                    levels RLE (4-byte length prefix) or BIT_PACKED; absent when the
//                    column's maximum level is 0
//   DATA_PAGE_V2:    repetition levels, definition levels (RLE, no length prefix, never
//                    compressed; byte lengths in the header), then values, compressed
//                    unless `is_compressed` is false
//   DICTIONARY_PAGE: PLAIN values that PLAIN_DICTIONARY / RLE_DICTIONARY pages index
//   INDEX_PAGE and unknown page types are skipped.
//
// Page checksums are not verified (pyarrow does not by default either).

struct ColumnChunkDecoder {
    let plan: LeafPlan
    let metadata: ColumnMetaData
    private let decompressor: Decompressor
    private var dictionary: ValueBuffer?
    private(set) var data: LeafData
    /// Records begun so far (entries at repetition level 0).
    private(set) var recordsStarted = 0

    init(plan: LeafPlan, metadata: ColumnMetaData) throws(ParquetError) {
        self.plan = plan
        self.metadata = metadata
        guard metadata.type == plan.physicalType else {
            throw ParquetError(.malformed, "the column chunk's type \(metadata.type.name) differs from the schema's \(plan.physicalType.name)", column: plan.dottedPath)
        }
        do {
            decompressor = try Decompressor(try Compression(parquetCodec: metadata.codec.rawValue))
        } catch {
            throw ParquetError(error.kind, error.message, column: plan.dottedPath)
        }
        data = LeafData(plan: plan)
    }

    /// Reads pages until the chunk ends, or until `recordLimit` records are complete.
    /// `expectedRecords` (the row group's row count) bounds what the levels may claim.
    mutating func decode(from source: inout PageSource, recordLimit: Int?, expectedRecords: Int) throws(ParquetError) {
        do {
            // Stop once the chunk's values are all read: with legacy slack (PageSource) the
            // bytes after the last page belong to the next chunk.
            while data.levelCount < metadata.numValues, let page = try source.next() {
                try decode(page, expectedRecords: expectedRecords)
                if let limit = recordLimit {
                    // Without repetition a record is one entry; with it, the record is only
                    // known to be complete once the next one has begun.
                    if plan.maxRepetitionLevel == 0 ? recordsStarted >= limit : recordsStarted > limit { break }
                }
            }
        } catch {
            var error = error
            if error.column == nil { error.column = plan.dottedPath }
            throw error
        }
    }

    private mutating func decode(_ page: RawPage, expectedRecords: Int) throws(ParquetError) {
        let header = page.header
        switch header.type {
        case .dictionaryPage:
            guard let dictionaryHeader = header.dictionaryPageHeader else {
                throw ParquetError(.malformed, "dictionary page at offset \(page.offset) has no dictionary_page_header")
            }
            guard dictionary == nil, data.levelCount == 0 else {
                throw ParquetError(.malformed, "a second dictionary page, or one after data pages, at offset \(page.offset)")
            }
            let body = try decompress(page.body, uncompressedSize: Int(header.uncompressedPageSize))
            dictionary = try decodeDictionary(body, header: dictionaryHeader)
        case .dataPage:
            guard let v1 = header.dataPageHeader else {
                throw ParquetError(.malformed, "data page at offset \(page.offset) has no data_page_header")
            }
            let count = try checkedCount(v1.numValues, expectedRecords: expectedRecords, at: page.offset)
            let body = try decompress(page.body, uncompressedSize: Int(header.uncompressedPageSize))
            try body.withBytes { raw throws(ParquetError) in
                var reader = ByteReader(raw)
                let repetition = try decodeLevelsV1(&reader, encoding: v1.repetitionLevelEncoding,
                                                    maxLevel: plan.maxRepetitionLevel, count: count)
                let definition = try decodeLevelsV1(&reader, encoding: v1.definitionLevelEncoding,
                                                    maxLevel: plan.maxDefinitionLevel, count: count)
                try appendPage(repetition: repetition, definition: definition, count: count,
                               encoding: v1.encoding, values: &reader)
            }
        case .dataPageV2:
            guard let v2 = header.dataPageHeaderV2 else {
                throw ParquetError(.malformed, "data page v2 at offset \(page.offset) has no data_page_header_v2")
            }
            let count = try checkedCount(v2.numValues, expectedRecords: expectedRecords, at: page.offset)
            let repetitionBytes = Int(v2.repetitionLevelsByteLength), definitionBytes = Int(v2.definitionLevelsByteLength)
            let levelBytes = repetitionBytes + definitionBytes
            guard repetitionBytes >= 0, definitionBytes >= 0, levelBytes <= page.body.count,
                  levelBytes <= Int(header.uncompressedPageSize) else {
                throw ParquetError(.malformed, "data page v2 at offset \(page.offset): level lengths \(repetitionBytes) + \(definitionBytes) exceed the page")
            }
            let (repetition, definition) = try page.body.withBytes { raw throws(ParquetError) in
                (try RLEHybrid.decodeLevelsV2(UnsafeRawBufferPointer(rebasing: raw[0..<repetitionBytes]),
                                              maxLevel: plan.maxRepetitionLevel, count: count),
                 try RLEHybrid.decodeLevelsV2(UnsafeRawBufferPointer(rebasing: raw[repetitionBytes..<levelBytes]),
                                              maxLevel: plan.maxDefinitionLevel, count: count))
            }
            let stored = Array(page.body[levelBytes...])
            let valuesSize = Int(header.uncompressedPageSize) - levelBytes
            let values: [UInt8]
            if v2.isCompressed == false || valuesSize == 0 {
                values = valuesSize == 0 ? [] : stored
            } else {
                values = try decompress(stored, uncompressedSize: valuesSize)
            }
            try values.withBytes { raw throws(ParquetError) in
                var reader = ByteReader(raw)
                try appendPage(repetition: repetition, definition: definition, count: count,
                               encoding: v2.encoding, values: &reader)
            }
        default:
            break  // INDEX_PAGE, or a page type from a newer writer: nothing to decode.
        }
    }

    /// The page's entry count, checked against what the chunk and row group allow.
    private func checkedCount(_ numValues: Int32, expectedRecords: Int, at offset: Int) throws(ParquetError) -> Int {
        let count = Int(numValues)
        let allowed = Int(clamping: metadata.numValues) - data.levelCount
        guard count >= 0, count <= allowed else {
            throw ParquetError(.malformed, "page at offset \(offset) holds \(numValues) values, more than the \(Swift.max(allowed, 0)) left of the column chunk's num_values \(metadata.numValues)")
        }
        if plan.maxRepetitionLevel == 0, count > expectedRecords - data.levelCount {
            throw ParquetError(.malformed, "page at offset \(offset) holds \(numValues) values, more than the row group's \(expectedRecords) rows allow")
        }
        return count
    }

    private func decompress(_ body: [UInt8], uncompressedSize: Int) throws(ParquetError) -> [UInt8] {
        if uncompressedSize == 0 { return [] }
        // DEFLATE expands at most 1032:1 (RFC 1951 limits): a header claiming more is
        // corrupt, and is refused before the output buffer is allocated.
        if case .gzip = decompressor.compression, uncompressedSize / 1032 > body.count + 64 {
            throw ParquetError(.malformed, "a gzip page of \(body.count) bytes cannot hold the \(uncompressedSize) bytes its header claims")
        }
        if decompressor.compression == .uncompressed {
            guard body.count == uncompressedSize else {
                throw ParquetError(.malformed, "uncompressed page has \(body.count) bytes, its header says \(uncompressedSize)")
            }
            return body
        }
        var out = ByteWriter(capacity: uncompressedSize)
        try decompressor.decompress(body, uncompressedSize: uncompressedSize, into: &out)
        return out.bytes
    }

    private func decodeLevelsV1(_ reader: inout ByteReader, encoding: Encoding, maxLevel: Int, count: Int) throws(ParquetError) -> [UInt16] {
        guard maxLevel > 0 else { return [] }
        switch encoding {
        case .rle: return try RLEHybrid.decodeLevelsV1(&reader, maxLevel: maxLevel, count: count)
        case .bitPacked: return try BitPackedLevels.decode(&reader, maxLevel: maxLevel, count: count)
        default: throw ParquetError(.unsupported, "level encoding \(encoding.name) is not supported (RLE or BIT_PACKED)")
        }
    }

    /// Appends one data page's levels and values.
    private mutating func appendPage(repetition: [UInt16], definition: [UInt16], count: Int,
                                     encoding: Encoding, values reader: inout ByteReader) throws(ParquetError) {
        var present = count
        if plan.maxDefinitionLevel > 0 {
            let maximum = UInt16(plan.maxDefinitionLevel)
            present = definition.reduce(0) { $0 + ($1 == maximum ? 1 : 0) }
        }
        if plan.maxRepetitionLevel > 0 {
            if data.levelCount == 0, let first = repetition.first, first != 0 {
                throw ParquetError(.malformed, "the column chunk must start with repetition level 0 (a new record), not \(first)")
            }
            recordsStarted += repetition.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        } else {
            recordsStarted += count
        }
        if present > 0 { try decodeValues(&reader, encoding: encoding, count: present) }
        if plan.maxDefinitionLevel > 0 { data.definitionLevels.append(contentsOf: definition) }
        if plan.maxRepetitionLevel > 0 { data.repetitionLevels.append(contentsOf: repetition) }
        data.levelCount += count
    }

    private mutating func decodeValues(_ reader: inout ByteReader, encoding: Encoding, count: Int) throws(ParquetError) {
        let physical = plan.physicalType
        let before = data.values.count
        func unsupported() -> ParquetError {
            ParquetError(.unsupported, "encoding \(encoding.name) is not supported for \(physical.name) values")
        }
        switch encoding {
        case .plain:
            try Self.decodePlain(&reader, physical: physical, width: plan.typeLength, count: count, into: &data.values)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetError(.malformed, "a \(encoding.name) page comes without a dictionary page")
            }
            let indices = try RLEHybrid.decodeDictionaryIndices(&reader, count: count)
            try data.values.append(from: dictionary, indices: indices)
        case .rle:
            guard physical == .boolean else { throw unsupported() }
            let words = try RLEHybrid.decodeBooleans(&reader, count: count)
            data.values.append(booleanWords: words, count: count)
        case .deltaBinaryPacked:
            switch physical {
            case .int32: data.values.int32s.append(contentsOf: try DeltaBinaryPacked.decodeInt32(&reader, maxCount: count))
            case .int64: data.values.int64s.append(contentsOf: try DeltaBinaryPacked.decodeInt64(&reader, maxCount: count))
            default: throw unsupported()
            }
        case .deltaLengthByteArray:
            guard physical == .byteArray else { throw unsupported() }
            try data.values.append(try DeltaLengthByteArray.decode(&reader, maxCount: count))
        case .deltaByteArray:
            switch physical {
            case .byteArray: try data.values.append(try DeltaByteArray.decode(&reader, maxCount: count))
            case .fixedLenByteArray:
                data.values.append(fixedBytes: try DeltaByteArray.decodeFixedBytes(&reader, width: plan.typeLength, maxCount: count))
            default: throw unsupported()
            }
        case .byteStreamSplit:
            switch physical {
            case .float: data.values.floats.append(contentsOf: try ByteStreamSplit.decodeFloat(&reader, count: count))
            case .double: data.values.doubles.append(contentsOf: try ByteStreamSplit.decodeDouble(&reader, count: count))
            case .int32: data.values.int32s.append(contentsOf: try ByteStreamSplit.decodeInt32(&reader, count: count))
            case .int64: data.values.int64s.append(contentsOf: try ByteStreamSplit.decodeInt64(&reader, count: count))
            case .fixedLenByteArray:
                data.values.append(fixedBytes: try ByteStreamSplit.decode(&reader, width: plan.typeLength, count: count))
            default: throw unsupported()
            }
        default:
            throw unsupported()
        }
        let decoded = data.values.count - before
        guard decoded == count else {
            throw ParquetError(.malformed, "a \(encoding.name) page holds \(decoded) values where its levels need \(count)")
        }
    }

    static func decodePlain(_ reader: inout ByteReader, physical: PhysicalType, width: Int, count: Int,
                            into values: inout ValueBuffer) throws(ParquetError) {
        switch physical {
        case .boolean: values.append(booleanWords: try PlainEncoding.decodeBooleans(&reader, count: count), count: count)
        case .int32: values.int32s.append(contentsOf: try PlainEncoding.decodeInt32(&reader, count: count))
        case .int64: values.int64s.append(contentsOf: try PlainEncoding.decodeInt64(&reader, count: count))
        case .int96: values.append(int96: try PlainEncoding.decodeInt96(&reader, count: count))
        case .float: values.floats.append(contentsOf: try PlainEncoding.decodeFloat(&reader, count: count))
        case .double: values.doubles.append(contentsOf: try PlainEncoding.decodeDouble(&reader, count: count))
        case .byteArray: try values.append(try PlainEncoding.decodeByteArrays(&reader, count: count))
        default: values.append(fixedBytes: try PlainEncoding.decodeFixedBytes(&reader, width: width, count: count))
        }
    }

    private func decodeDictionary(_ body: [UInt8], header: DictionaryPageHeader) throws(ParquetError) -> ValueBuffer {
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoding \(header.encoding.name) is not supported (PLAIN)")
        }
        guard header.numValues >= 0 else {
            throw ParquetError(.malformed, "dictionary page has \(header.numValues) values")
        }
        var values = ValueBuffer(physicalType: plan.physicalType, typeLength: plan.typeLength)
        try body.withBytes { raw throws(ParquetError) in
            var reader = ByteReader(raw)
            try Self.decodePlain(&reader, physical: plan.physicalType, width: plan.typeLength,
                                 count: Int(header.numValues), into: &values)
        }
        return values
    }
}
