/// The writer's side of the encodings: one dictionary type over the physical kinds, and the
/// page-body encoders chosen by `Encoding`. A `switch` per page, never per value.

/// A dictionary for the column's physical type. Floats and doubles are keyed by bit pattern,
/// so -0.0 / +0.0 and NaN payloads stay distinct, as they must to round-trip exactly.
/// Exactly one of the typed builders is set.
struct DictionaryBuilder {
    private var bits32: FixedWidthDictionaryBuilder<UInt32>?
    private var bits64: FixedWidthDictionaryBuilder<UInt64>?
    private var byteArrays: ByteArrayDictionaryBuilder?
    private var fixed: FixedBytesDictionaryBuilder?

    init(for column: ColumnDescriptor) {
        switch column.physicalType {
        case .int32, .float: bits32 = FixedWidthDictionaryBuilder()
        case .int64, .double: bits64 = FixedWidthDictionaryBuilder()
        case .fixedLenByteArray: fixed = FixedBytesDictionaryBuilder(width: column.typeLength ?? 0)
        default: byteArrays = ByteArrayDictionaryBuilder()
        }
    }

    var count: Int { bits32?.count ?? bits64?.count ?? byteArrays?.count ?? fixed?.count ?? 0 }

    var plainEncodedSizeBytes: Int {
        bits32?.plainEncodedSizeBytes ?? bits64?.plainEncodedSizeBytes ?? byteArrays?.plainEncodedSizeBytes ?? fixed?.plainEncodedSizeBytes ?? 0
    }

    func encodePlain(into out: inout ByteWriter) {
        bits32?.encodePlain(into: &out)
        bits64?.encodePlain(into: &out)
        byteArrays?.encodePlain(into: &out)
        fixed?.encodePlain(into: &out)
    }

    /// Appends one dictionary index per value of `slice`.
    mutating func insert(_ slice: PhysicalSlice, into indices: inout [UInt32]) {
        switch slice {
        case .int32(let v): bits32!.insert(v, into: &indices)
        case .float(let v): bits32!.insert(v, into: &indices)
        case .int64(let v): bits64!.insert(v, into: &indices)
        case .double(let v): bits64!.insert(v, into: &indices)
        case .byteArray(let v): byteArrays!.insert(v, into: &indices)
        case .fixed(let v): fixed!.insert(v, into: &indices)
        case .boolean: preconditionFailure("booleans are never dictionary-encoded")
        }
    }
}

extension PhysicalSlice {
    /// Bytes these values take in PLAIN encoding.
    var plainSizeBytes: Int {
        switch self {
        case .boolean(_, let range): return (range.count + 7) / 8
        case .int32(let v): return 4 * v.count
        case .int64(let v): return 8 * v.count
        case .float(let v): return 4 * v.count
        case .double(let v): return 8 * v.count
        case .byteArray(let v): return Int(v.offsets[v.count] - v.offsets[0]) + 4 * v.count
        case .fixed(let v): return v.width * v.count
        }
    }
}

/// Page bodies in every non-dictionary encoding.
enum ValueEncoding {
    static func encode(_ page: PageBuffer, as encoding: Encoding, physicalType: PhysicalType, typeLength: Int,
                       into out: inout ByteWriter) throws(ParquetError) {
        switch (encoding, physicalType) {
        case (.plain, .boolean):
            page.booleans.words.withUnsafeBufferPointer { PlainEncoding.encodeBooleans(words: $0, count: page.booleans.count, into: &out) }
        case (.rle, .boolean):
            page.booleans.words.withUnsafeBufferPointer { RLEHybrid.encodeBooleans(words: $0, count: page.booleans.count, into: &out) }
        case (.plain, .int32): page.int32.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        case (.plain, .int64): page.int64.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        case (.plain, .float): page.float.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        case (.plain, .double): page.double.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        case (.plain, .byteArray): page.withByteArrays { PlainEncoding.encode($0, into: &out) }
        case (.plain, .fixedLenByteArray): page.withFixedBytes(width: typeLength) { PlainEncoding.encode($0, into: &out) }
        case (.deltaBinaryPacked, .int32): page.int32.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        case (.deltaBinaryPacked, .int64): page.int64.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        case (.deltaLengthByteArray, .byteArray): page.withByteArrays { DeltaLengthByteArray.encode($0, into: &out) }
        case (.deltaByteArray, .byteArray): page.withByteArrays { DeltaByteArray.encode($0, into: &out) }
        case (.deltaByteArray, .fixedLenByteArray): page.withFixedBytes(width: typeLength) { DeltaByteArray.encode($0, into: &out) }
        case (.byteStreamSplit, .float): page.float.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) }
        case (.byteStreamSplit, .double): page.double.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) }
        case (.byteStreamSplit, .int32): page.int32.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) }
        case (.byteStreamSplit, .int64): page.int64.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &out) }
        case (.byteStreamSplit, .fixedLenByteArray): page.withFixedBytes(width: typeLength) { ByteStreamSplit.encode($0, into: &out) }
        default:
            throw ParquetError(.invalidInput, "encoding \(encoding.name) cannot encode \(physicalType.name) values")
        }
    }
}

extension PageBuffer {
    func withByteArrays<R>(_ body: (ByteArrayView) -> R) -> R {
        offsets.withUnsafeBufferPointer { o in bytes.withUnsafeBytes { d in body(ByteArrayView(offsets: o, data: d)) } }
    }

    func withFixedBytes<R>(width: Int, _ body: (FixedBytesView) -> R) -> R {
        bytes.withUnsafeBytes { d in body(FixedBytesView(data: d, width: width, count: count)) }
    }
}


/// Bloom filter hashes of a slice's values: xxHash64 of each value's PLAIN bytes (without
/// the length prefix for BYTE_ARRAY), as BloomFilter.md defines. Booleans get no filter.
enum BloomFilterHashing {
    static func insertHashes(of slice: PhysicalSlice, into hashes: inout Set<UInt64>) {
        switch slice {
        case .boolean: break
        case .int32(let v): for x in v { hashes.insert(SplitBlockBloomFilter.hash(x)) }
        case .int64(let v): for x in v { hashes.insert(SplitBlockBloomFilter.hash(x)) }
        case .float(let v): for x in v { hashes.insert(SplitBlockBloomFilter.hash(x)) }
        case .double(let v): for x in v { hashes.insert(SplitBlockBloomFilter.hash(x)) }
        case .byteArray(let v):
            for i in 0..<v.count { hashes.insert(SplitBlockBloomFilter.hash(bytes: v.value(i))) }
        case .fixed(let v):
            for i in 0..<v.count { hashes.insert(SplitBlockBloomFilter.hash(bytes: v.value(i))) }
        }
    }
}
