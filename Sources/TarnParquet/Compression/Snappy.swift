// Snappy framing as Parquet uses it: one raw Snappy block (no stream framing), which is
// a varint of the uncompressed length followed by literal and copy elements.
// https://github.com/google/snappy/blob/main/format_description.txt
import CSnappy

/// Snappy through libsnappy's C API. Stateless, so there is nothing to reuse.
enum Snappy {
    static func compress(_ input: UnsafeRawBufferPointer, into out: inout ByteWriter) throws(ParquetError) {
        let bound = snappy_max_compressed_length(input.count)
        try out.appendBounded(maxCount: bound) { region throws(ParquetError) in
            var length = region.count
            let status = snappy_compress(
                input.nonNullBase.assumingMemoryBound(to: CChar.self), input.count,
                region.nonNullBase.assumingMemoryBound(to: CChar.self), &length)
            try check(status, "compress")
            return length
        }
    }

    /// Decompresses one block whose length must be exactly `uncompressedSize`.
    ///
    /// The block's own length varint is compared with the page header's before any
    /// output is allocated, so a corrupt varint cannot ask for gigabytes.
    static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, into out: inout ByteWriter) throws(ParquetError) {
        let source = input.nonNullBase.assumingMemoryBound(to: CChar.self)
        var stated = 0
        try check(snappy_uncompressed_length(source, input.count, &stated), "read the block length of")
        if stated != uncompressedSize {
            throw ParquetError(.compression, "snappy block says \(stated) bytes uncompressed, the page header \(uncompressedSize)")
        }
        try out.appendBounded(maxCount: uncompressedSize) { region throws(ParquetError) in
            var length = region.count
            try check(snappy_uncompress(source, input.count, region.nonNullBase.assumingMemoryBound(to: CChar.self), &length), "decompress")
            return length
        }
    }

    /// The one place snappy statuses become errors, in snappy-c.h's words.
    static func check(_ status: snappy_status, _ operation: String) throws(ParquetError) {
        switch status {
        case SNAPPY_OK: return
        case SNAPPY_INVALID_INPUT: throw ParquetError(.compression, "snappy could not \(operation) the data: invalid input")
        case SNAPPY_BUFFER_TOO_SMALL: throw ParquetError(.compression, "snappy could not \(operation) the data: buffer too small")
        default: throw ParquetError(.compression, "snappy could not \(operation) the data: status \(status.rawValue)")
        }
    }
}
