// DELTA_LENGTH_BYTE_ARRAY (= 6), Encodings.md:
//
//   <Delta Encoded Lengths> <Byte Array Data>
//
//   "we will take all the byte array lengths and encode them using delta encoding
//    (DELTA_BINARY_PACKED). The byte array data follows all of the length data just
//    concatenated back to back."
//
//   "Hello", "World", "Foobar", "ABCDEF" → DeltaEncoding(5, 5, 6, 6) "HelloWorldFoobarABCDEF"
//
// With Arrow-style offsets the lengths come straight from the offsets and the data is one copy.

enum DeltaLengthByteArray {
    static func encode(_ values: ByteArrayView, into out: inout ByteWriter) {
        DeltaBinaryPacked.encode(LengthDeltaSource(offsets: values.offsets), into: &out)
        let n = values.count
        guard n > 0 else { return }
        let start = Int(values.offsets[0]), end = Int(values.offsets[n])
        precondition(start <= end, "ByteArrayView offsets decrease")
        if end > start { out.write(UnsafeRawBufferPointer(rebasing: values.data[start..<end])) }
    }

    /// Decodes a stream of at most `maxCount` values.
    static func decode(_ reader: inout ByteReader, maxCount: Int) throws(ParquetError) -> DecodedByteArrays {
        let lengths = try DeltaBinaryPacked.decodeInt32(&reader, maxCount: maxCount)
        return try readData(&reader, lengths: lengths, encoding: "DELTA_LENGTH_BYTE_ARRAY")
    }

    /// Reads the concatenated bytes for `lengths`, checking each length and their sum.
    static func readData(_ reader: inout ByteReader, lengths: [Int32], encoding: String) throws(ParquetError) -> DecodedByteArrays {
        var offsets: [Int32] = []
        offsets.reserveCapacity(lengths.count + 1)
        offsets.append(0)
        var total = 0
        for (i, length) in lengths.enumerated() {
            guard length >= 0 else { throw ParquetError(.malformed, "\(encoding): value \(i) has negative length \(length)") }
            total += Int(length)
            guard total <= reader.remaining else {
                throw ParquetError(.malformed, "\(encoding): lengths add up to more than the \(reader.remaining) bytes left at offset \(reader.position)")
            }
            offsets.append(Int32(total))
        }
        return DecodedByteArrays(offsets: offsets, data: Array(try reader.readBytes(total)))
    }
}
