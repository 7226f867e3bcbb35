// GZIP as Parquet requires it: a gzip member (RFC 1952: 10-byte header, DEFLATE body
// per RFC 1951, CRC-32 and length trailer), made by zlib with windowBits 15 + 16.
// Readers accept a zlib stream too (windowBits 15 + 32 detects either), and further
// gzip members after the first, as RFC 1952 allows.
import CZlib

/// A zlib deflate stream set up once and reset per page. Not thread-safe: one per writer.
final class GzipCompressor {
    // zlib keeps a pointer back to the stream in its state and checks it on every call,
    // so the stream must live at a fixed address, not inside a Swift struct.
    private let stream: UnsafeMutablePointer<z_stream>
    let level: Int

    init(level: Int) throws(ParquetError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.level = level
        let rc = tarn_deflateInit2(stream, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        if rc != Z_OK {
            let error = Gzip.error(rc, stream, "start compressing")
            stream.deallocate()
            throw error
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    func compress(_ input: UnsafeRawBufferPointer, into out: inout ByteWriter) throws(ParquetError) {
        try Gzip.requireUInt32(input.count)
        try Gzip.check(deflateReset(stream), stream, "reset the compressor")
        let bound = Int(deflateBound(stream, uLong(input.count)))
        try out.appendBounded(maxCount: bound) { region throws(ParquetError) in
            try Gzip.requireUInt32(region.count)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.nonNullBase.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = region.nonNullBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(region.count)
            // With deflateBound's room, one Z_FINISH call completes the member.
            let rc = deflate(stream, Z_FINISH)
            defer { stream.pointee.next_in = nil; stream.pointee.next_out = nil }
            if rc != Z_STREAM_END {
                throw Gzip.error(rc == Z_OK ? Z_BUF_ERROR : rc, stream, "compress")
            }
            return region.count - Int(stream.pointee.avail_out)
        }
    }
}

/// A zlib inflate stream set up once and reset per page.
final class GzipDecompressor {
    private let stream: UnsafeMutablePointer<z_stream>

    init() throws(ParquetError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = tarn_inflateInit2(stream, 15 + 32)
        if rc != Z_OK {
            let error = Gzip.error(rc, stream, "start decompressing")
            stream.deallocate()
            throw error
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates into exactly `uncompressedSize` bytes. The output region has one spare
    /// byte, so data that runs past the page header's size is caught without trusting
    /// the gzip trailer's length.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, into out: inout ByteWriter) throws(ParquetError) {
        try Gzip.requireUInt32(input.count)
        try Gzip.requireUInt32(uncompressedSize + 1)
        try Gzip.check(inflateReset(stream), stream, "reset the decompressor")
        try out.appendBounded(maxCount: uncompressedSize + 1) { region throws(ParquetError) in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.nonNullBase.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(input.count)
            stream.pointee.next_out = region.nonNullBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(region.count)
            defer { stream.pointee.next_in = nil; stream.pointee.next_out = nil }
            while true {
                let rc = inflate(stream, Z_FINISH)
                if rc == Z_STREAM_END {
                    // Another gzip member may follow; anything else after the end is corrupt.
                    if stream.pointee.avail_in > 0 {
                        try Gzip.check(inflateReset(stream), stream, "reset the decompressor")
                        continue
                    }
                    break
                }
                if rc == Z_OK || rc == Z_BUF_ERROR {
                    if stream.pointee.avail_out == 0 {
                        throw ParquetError(.compression, "gzip data decompresses to more than the page header's \(uncompressedSize) bytes")
                    }
                    if stream.pointee.avail_in == 0 {
                        throw ParquetError(.compression, "gzip data ends before its stream does (truncated page?)")
                    }
                    if rc == Z_OK { continue }
                }
                throw Gzip.error(rc, stream, "decompress")
            }
            let written = region.count - Int(stream.pointee.avail_out)
            if written != uncompressedSize {
                throw ParquetError(.compression, "gzip data decompressed to \(written) bytes, the page header says \(uncompressedSize)")
            }
            return written
        }
    }
}

enum Gzip {
    /// The one place zlib return codes become errors, with zlib's `msg` (or `zError`).
    static func check(_ rc: Int32, _ stream: UnsafeMutablePointer<z_stream>, _ operation: String) throws(ParquetError) {
        if rc != Z_OK { throw error(rc, stream, operation) }
    }

    static func error(_ rc: Int32, _ stream: UnsafeMutablePointer<z_stream>, _ operation: String) -> ParquetError {
        let text = stream.pointee.msg.map { String(cString: $0) } ?? String(cString: zError(rc))
        return ParquetError(.compression, "zlib could not \(operation): \(text) (code \(rc))")
    }

    /// zlib counts in 32-bit `uInt`; Parquet pages are far smaller, so larger is misuse.
    static func requireUInt32(_ count: Int) throws(ParquetError) {
        if count > Int(UInt32.max) {
            throw ParquetError(.invalidInput, "gzip page of \(count) bytes exceeds zlib's 4 GiB limit")
        }
    }
}
