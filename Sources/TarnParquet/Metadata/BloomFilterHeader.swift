/// The header before a column chunk's bloom filter bitset (thrift struct
/// `BloomFilterHeader`, BloomFilter.md). Each of the three unions has one member today.
struct BloomFilterHeader: Hashable, Sendable {
    enum Algorithm: Hashable, Sendable {
        case splitBlock                       // 1: SplitBlockAlgorithm BLOCK
        case unrecognized(fieldId: Int16)
    }

    enum Hash: Hashable, Sendable {
        case xxHash                           // 1: XxHash XXHASH (64-bit, seed 0)
        case unrecognized(fieldId: Int16)
    }

    enum Compression: Hashable, Sendable {
        case uncompressed                     // 1: Uncompressed UNCOMPRESSED
        case unrecognized(fieldId: Int16)
    }

    /// Size of the bitset in bytes.
    var numBytes: Int32                               // 1: required i32 numBytes
    var algorithm: Algorithm = .splitBlock            // 2: required BloomFilterAlgorithm algorithm
    var hash: Hash = .xxHash                          // 3: required BloomFilterHash hash
    var compression: Compression = .uncompressed      // 4: required BloomFilterCompression compression
}

extension BloomFilterHeader: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, i32: numBytes)
        writer.writeFieldHeader(.struct, id: 2)
        writer.writeStructBegin()
        switch algorithm {
        case .splitBlock: writer.writeEmptyStructField(1)
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
        writer.writeFieldHeader(.struct, id: 3)
        writer.writeStructBegin()
        switch hash {
        case .xxHash: writer.writeEmptyStructField(1)
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
        writer.writeFieldHeader(.struct, id: 4)
        writer.writeStructBegin()
        switch compression {
        case .uncompressed: writer.writeEmptyStructField(1)
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var numBytes: Int32?, algorithm: Algorithm?, hash: Hash?, compression: Compression?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: numBytes = try reader.readI32(field)
            case 2:
                let id = try reader.readUnionOfEmptyStructs(field, union: "BloomFilterAlgorithm")
                algorithm = id == 1 ? .splitBlock : .unrecognized(fieldId: id)
            case 3:
                let id = try reader.readUnionOfEmptyStructs(field, union: "BloomFilterHash")
                hash = id == 1 ? .xxHash : .unrecognized(fieldId: id)
            case 4:
                let id = try reader.readUnionOfEmptyStructs(field, union: "BloomFilterCompression")
                compression = id == 1 ? .uncompressed : .unrecognized(fieldId: id)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        let name = "BloomFilterHeader"
        self.init(numBytes: try requireField(numBytes, "numBytes", in: name, reader),
                  algorithm: try requireField(algorithm, "algorithm", in: name, reader),
                  hash: try requireField(hash, "hash", in: name, reader),
                  compression: try requireField(compression, "compression", in: name, reader))
    }
}
