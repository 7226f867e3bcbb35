/// Compresses page bodies with one codec, keeping the library's context between pages.
///
/// A column writer owns one; it is not thread-safe. Output is appended to a `ByteWriter`.
final class Compressor {
    let compression: Compression
    private let backend: Backend

    private enum Backend {
        case copy
        case snappy
        case gzip(GzipCompressor)
        case zstd(ZstdCompressor)
    }

    init(_ compression: Compression) throws(ParquetError) {
        try compression.validate()
        self.compression = compression
        switch compression {
        case .uncompressed: backend = .copy
        case .snappy: backend = .snappy
        case .gzip(let level): backend = .gzip(try GzipCompressor(level: level))
        case .zstd(let level): backend = .zstd(try ZstdCompressor(level: level))
        }
    }

    /// Appends the compressed form of `input` to `out`.
    func compress(_ input: UnsafeRawBufferPointer, into out: inout ByteWriter) throws(ParquetError) {
        switch backend {
        case .copy: out.write(input)
        case .snappy: try Snappy.compress(input, into: &out)
        case .gzip(let gzip): try gzip.compress(input, into: &out)
        case .zstd(let zstd): try zstd.compress(input, into: &out)
        }
    }

    func compress(_ input: [UInt8], into out: inout ByteWriter) throws(ParquetError) {
        try withBytes(input) { bytes throws(ParquetError) in try compress(bytes, into: &out) }
    }
}

/// Decompresses page bodies of one codec, keeping the library's context between pages.
final class Decompressor {
    let compression: Compression
    private let backend: Backend

    private enum Backend {
        case copy
        case snappy
        case gzip(GzipDecompressor)
        case zstd(ZstdDecompressor)
    }

    init(_ compression: Compression) throws(ParquetError) {
        self.compression = compression
        switch compression {
        case .uncompressed: backend = .copy
        case .snappy: backend = .snappy
        case .gzip: backend = .gzip(try GzipDecompressor())
        case .zstd: backend = .zstd(try ZstdDecompressor())
        }
    }

    /// Appends exactly `uncompressedSize` bytes (the page header's value) decoded from
    /// `input`, or throws; a size stated inside the compressed data is never trusted.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, into out: inout ByteWriter) throws(ParquetError) {
        if uncompressedSize < 0 {
            throw ParquetError(.malformed, "negative uncompressed page size \(uncompressedSize)")
        }
        switch backend {
        case .copy:
            if input.count != uncompressedSize {
                throw ParquetError(.malformed, "uncompressed page has \(input.count) bytes, the page header says \(uncompressedSize)")
            }
            out.write(input)
        case .snappy: try Snappy.decompress(input, uncompressedSize: uncompressedSize, into: &out)
        case .gzip(let gzip): try gzip.decompress(input, uncompressedSize: uncompressedSize, into: &out)
        case .zstd(let zstd): try zstd.decompress(input, uncompressedSize: uncompressedSize, into: &out)
        }
    }

    func decompress(_ input: [UInt8], uncompressedSize: Int, into out: inout ByteWriter) throws(ParquetError) {
        try withBytes(input) { bytes throws(ParquetError) in try decompress(bytes, uncompressedSize: uncompressedSize, into: &out) }
    }
}

/// `Array.withUnsafeBytes` with a typed error.
@inline(__always)
private func withBytes(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Void) throws(ParquetError) {
    let result: Result<Void, ParquetError> = array.withUnsafeBytes { bytes in
        do throws(ParquetError) { try body(bytes); return .success(()) } catch { return .failure(error) }
    }
    try result.get()
}
