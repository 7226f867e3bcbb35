// Zstandard as Parquet uses it: one or more zstd frames (RFC 8878), no extra framing.
import CZstd

/// A zstd compression context and level, reused for every page of a column chunk so that
/// no context is allocated per page. Not thread-safe: one per writer.
final class ZstdCompressor {
    private let context: OpaquePointer
    let level: Int32

    init(level: Int) throws(ParquetError) {
        guard let context = ZSTD_createCCtx() else {
            throw ParquetError(.compression, "zstd could not allocate a compression context")
        }
        self.context = context
        self.level = Int32(clamping: level)
    }

    deinit { ZSTD_freeCCtx(context) }

    func compress(_ input: UnsafeRawBufferPointer, into out: inout ByteWriter) throws(ParquetError) {
        let bound = ZSTD_compressBound(input.count)
        try out.appendBounded(maxCount: bound) { region throws(ParquetError) in
            try Zstd.check(ZSTD_compressCCtx(context, region.nonNullBase, region.count, input.nonNullBase, input.count, level), "compress")
        }
    }
}

/// A zstd decompression context, reused across pages.
final class ZstdDecompressor {
    private let context: OpaquePointer

    init() throws(ParquetError) {
        guard let context = ZSTD_createDCtx() else {
            throw ParquetError(.compression, "zstd could not allocate a decompression context")
        }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    /// Decompresses frames into exactly `uncompressedSize` bytes. The output buffer is the
    /// page header's size, never the frame's stated content size, so a corrupt frame
    /// fails with "Destination buffer is too small" instead of allocating.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, into out: inout ByteWriter) throws(ParquetError) {
        try out.appendBounded(maxCount: uncompressedSize) { region throws(ParquetError) in
            let written = try Zstd.check(
                ZSTD_decompressDCtx(context, region.nonNullBase, region.count, input.nonNullBase, input.count),
                "decompress", expected: uncompressedSize)
            if written != uncompressedSize {
                throw ParquetError(.compression, "zstd data decompressed to \(written) bytes, the page header says \(uncompressedSize)")
            }
            return written
        }
    }
}

enum Zstd {
    /// The one place zstd results become errors, with `ZSTD_getErrorName`'s text.
    @discardableResult
    static func check(_ result: Int, _ operation: String, expected: Int? = nil) throws(ParquetError) -> Int {
        if ZSTD_isError(result) == 0 { return result }
        let name = String(cString: ZSTD_getErrorName(result))
        var message = "zstd could not \(operation): \(name)"
        if let expected { message += " (the page header says \(expected) bytes uncompressed)" }
        throw ParquetError(.compression, message)
    }
}
