import Testing
@testable import TarnParquet

@Suite("parquet.thrift structs round-trip")
struct MetadataRoundTripTests {
    func roundTrip<T: ThriftStruct & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = value.serialized()
        #expect(try T(decoding: bytes) == value, sourceLocation: sourceLocation)
        let (decoded, count) = try bytes.withUnsafeBytes { raw throws(ParquetError) in try T.decodePrefix(of: raw) }
        #expect(decoded == value, sourceLocation: sourceLocation)
        #expect(count == bytes.count, sourceLocation: sourceLocation)
    }

    @Test("every LogicalType member")
    func logicalTypes() throws {
        let all: [LogicalType] = [
            .string, .map, .list, .enum, .decimal(scale: 2, precision: 10), .date,
            .time(isAdjustedToUTC: true, unit: .millis), .time(isAdjustedToUTC: false, unit: .nanos),
            .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .nanos),
            .integer(bitWidth: 8, isSigned: false), .integer(bitWidth: 64, isSigned: true),
            .unknown, .json, .bson, .uuid, .float16, .variant(specificationVersion: 1),
            .geometry(crs: "OGC:CRS84"), .geography(crs: nil, algorithm: 2), .unrecognized(fieldId: 40),
        ]
        for type in all { try roundTrip(type) }
        // TIMESTAMP(isAdjustedToUTC=true, MICROS): union field 8 { 1: true, 2: { 2: {} } }.
        #expect(LogicalType.timestamp(isAdjustedToUTC: true, unit: .micros).serialized()
                == [0x8C, 0x11, 0x1C, 0x2C, 0x00, 0x00, 0x00, 0x00])
    }

    @Test("a full footer with every optional field")
    func fileMetaData() throws {
        var stats = Statistics()
        stats.max = [9]; stats.min = [1]; stats.nullCount = 0; stats.distinctCount = 5
        stats.maxValue = [1, 2]; stats.minValue = []; stats.isMaxValueExact = true; stats.isMinValueExact = false
        stats.nanCount = 3
        var size = SizeStatistics()
        size.unencodedByteArrayDataBytes = 77; size.repetitionLevelHistogram = [1, 2]; size.definitionLevelHistogram = []
        var column = ColumnMetaData(type: .byteArray, encodings: [.plain, .rleDictionary, .rle], pathInSchema: ["a", "b"],
                                    codec: .zstd, numValues: 10, totalUncompressedSize: 100, totalCompressedSize: 50,
                                    dataPageOffset: 4)
        column.keyValueMetadata = [KeyValue(key: "k")]
        column.indexPageOffset = 1; column.dictionaryPageOffset = 2; column.statistics = stats
        column.encodingStats = [PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1)]
        column.bloomFilterOffset = 200; column.bloomFilterLength = 32; column.sizeStatistics = size
        var chunk = ColumnChunk(metaData: column)
        chunk.filePath = "x"; chunk.offsetIndexOffset = 300; chunk.offsetIndexLength = 20
        chunk.columnIndexOffset = 320; chunk.columnIndexLength = 30
        var group = RowGroup(columns: [chunk], totalByteSize: 100, numRows: 10)
        group.sortingColumns = [SortingColumn(columnIdx: 0, descending: true, nullsFirst: false)]
        group.fileOffset = 4; group.totalCompressedSize = 50; group.ordinal = 0
        var root = SchemaElement(name: "schema"); root.numChildren = 1
        var a = SchemaElement(name: "a"); a.repetitionType = .optional; a.numChildren = 1
        var b = SchemaElement(name: "b")
        b.type = .byteArray; b.repetitionType = .required; b.convertedType = .decimal; b.scale = 2; b.precision = 9
        b.fieldId = 7; b.logicalType = .decimal(scale: 2, precision: 9); b.typeLength = 0
        var metadata = FileMetaData(version: 2, schema: [root, a, b], numRows: 10, rowGroups: [group, group])
        metadata.keyValueMetadata = [KeyValue(key: "ARROW:schema", value: "...")]
        metadata.createdBy = "tarn 0.1"
        metadata.columnOrders = [.typeDefinedOrder, .ieee754TotalOrder]
        try roundTrip(metadata)
        let schema = try metadata.schemaTree()
        #expect(schema.numColumns == 1)
        #expect(schema.leaves.map(\.path) == [["a", "b"]])
        #expect(schema.leaves[0].maxDefinitionLevel == 1)
    }

    @Test("page headers, page index, bloom filter header")
    func pageStructs() throws {
        var stats = Statistics(); stats.nullCount = 1
        try roundTrip(PageHeader(type: .dataPage, uncompressedPageSize: 10, compressedPageSize: 8, crc: -5,
                                 dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain, definitionLevelEncoding: .rle,
                                                                repetitionLevelEncoding: .rle, statistics: stats)))
        try roundTrip(PageHeader(type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 8,
                                 dataPageHeaderV2: DataPageHeaderV2(numValues: 3, numNulls: 1, numRows: 3, encoding: .deltaBinaryPacked,
                                                                    definitionLevelsByteLength: 2, repetitionLevelsByteLength: 0,
                                                                    isCompressed: false, statistics: stats)))
        try roundTrip(PageHeader(type: .dictionaryPage, uncompressedPageSize: 10, compressedPageSize: 10,
                                 dictionaryPageHeader: DictionaryPageHeader(numValues: 2, encoding: .plain, isSorted: true)))
        try roundTrip(ColumnIndex(nullPages: Array(repeating: false, count: 20) + [true], minValues: Array(repeating: [1], count: 21),
                                  maxValues: Array(repeating: [2, 3], count: 21), boundaryOrder: .ascending,
                                  nullCounts: [0, 1], repetitionLevelHistograms: [1], definitionLevelHistograms: [2], nanCounts: [0]))
        try roundTrip(OffsetIndex(pageLocations: [PageLocation(offset: 4, compressedPageSize: 100, firstRowIndex: 0),
                                                  PageLocation(offset: 104, compressedPageSize: 90, firstRowIndex: 1000)],
                                  unencodedByteArrayDataBytes: [5, 6]))
        try roundTrip(BloomFilterHeader(numBytes: 1024))
        // The bloom filter header's fixed bytes: numBytes=32, BLOCK, XXHASH, UNCOMPRESSED.
        #expect(BloomFilterHeader(numBytes: 32).serialized() == [0x15, 0x40, 0x1C, 0x1C, 0, 0, 0x1C, 0x1C, 0, 0, 0x1C, 0x1C, 0, 0, 0])
    }

    @Test("unknown enum values pass through with a readable name")
    func openEnums() throws {
        #expect(Encoding(rawValue: 42).name == "Encoding(42)")
        #expect(Encoding.rleDictionary.name == "RLE_DICTIONARY")
        #expect(CompressionCodec.snappy.name == "SNAPPY")
        #expect(PhysicalType.int64.name == "INT64")
        #expect(ConvertedType.timestampMicros.name == "TIMESTAMP_MICROS")
        let stats = PageEncodingStats(pageType: PageType(rawValue: 9), encoding: Encoding(rawValue: 42), count: 1)
        try roundTrip(stats)
    }

    @Test("schema trees with bad num_children are rejected")
    func badSchemas() {
        func leaf(_ name: String) -> SchemaElement {
            var e = SchemaElement(name: name); e.type = .int32; e.repetitionType = .required; return e
        }
        func group(_ name: String, _ children: Int32, root: Bool = false) -> SchemaElement {
            var e = SchemaElement(name: name); e.numChildren = children
            if !root { e.repetitionType = .optional }
            return e
        }
        let bad: [[SchemaElement]] = [
            [],
            [leaf("root")],
            [group("r", 2, root: true), leaf("a")],
            [group("r", 1, root: true), leaf("a"), leaf("b")],
            [group("r", -1, root: true)],
            [group("r", 1, root: true), group("g", 5)],
            [group("r", Int32.max, root: true), leaf("a")],
            [group("r", 1, root: true), SchemaElement(name: "neither")],
        ]
        for elements in bad {
            #expect(throws: ParquetError.self, "\(elements.map(\.name))") { _ = try ParquetSchema(elements) }
        }
        // Deep nesting is rejected without exhausting the stack.
        let deep = [group("r", 1, root: true)] + Array(repeating: group("g", 1), count: 10_000) + [leaf("x")]
        #expect(throws: ParquetError.self) { _ = try ParquetSchema(deep) }
    }
}
