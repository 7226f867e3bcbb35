import CZlib
import TarnCore

/// Inflates a gzip stream (RFC 1952) pulled from another source; concatenated gzip
/// members, as `cat a.gz b.gz` makes, read as one stream, as `gzip -d` does.
public final class GzipByteSource: ByteSource {
    private var upstream: any ByteSource
    private let name: String?
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnd = false
    private var finished = false
    private var consumed = 0

    public init(_ upstream: any ByteSource, name: String? = nil, inputChunk: Int = 1 << 20) throws(IngestError) {
        self.upstream = upstream
        self.name = name
        input = .allocate(byteCount: inputChunk, alignment: 16)
        // 15 + 16: a gzip wrapper around a deflate stream with a 32 KiB window.
        guard tarn_inflateInit2(&stream, 15 + 16) == Z_OK else {
            input.deallocate()
            throw IngestError(.io, "zlib failed to start", location: SourceLocation(file: name))
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnd {
                let n = try upstream.read(into: input)
                if n == 0 { inputEnd = true } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(n)
                }
            }
            if stream.avail_in == 0 && inputEnd {
                // The input ended: fine between members, an error inside one.
                if stream.total_in > 0 || consumed == 0 {
                    throw IngestError(.io, "gzip data ends early (truncated file)", location: location)
                }
                finished = true
                break
            }
            let before = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            consumed += Int(before - stream.avail_in)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow; reset and go on, skipping zero padding.
                while stream.avail_in > 0 && stream.next_in.pointee == 0 { stream.next_in += 1; stream.avail_in -= 1 }
                inflateReset(&stream)
                stream.total_in = 0
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw IngestError(.io, "gzip data is corrupt: \(reason)", location: location)
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    private var location: SourceLocation { SourceLocation(file: name, byteOffset: consumed) }
}
