import CZstd
import TarnCore

/// Decompresses a zstd stream (one or more frames) pulled from another source.
public final class ZstdByteSource: ByteSource {
    private var upstream: any ByteSource
    private let name: String?
    private let context: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var inBuffer = ZSTD_inBuffer()
    private var inputEnd = false
    /// Whether the last call ended exactly at a frame's end (so the input may stop there).
    private var atFrameEnd = true
    private var consumed = 0

    public init(_ upstream: any ByteSource, name: String? = nil) throws(IngestError) {
        self.upstream = upstream
        self.name = name
        guard let context = ZSTD_createDCtx() else { throw IngestError(.io, "zstd failed to start", location: SourceLocation(file: name)) }
        self.context = context
        input = .allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
        inBuffer = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress), size: 0, pos: 0)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var out = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        while out.pos < out.size {
            if inBuffer.pos == inBuffer.size && !inputEnd {
                let n = try upstream.read(into: input)
                if n == 0 { inputEnd = true } else { inBuffer = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress), size: n, pos: 0) }
            }
            if inBuffer.pos == inBuffer.size && inputEnd {
                if !atFrameEnd { throw IngestError(.io, "zstd data ends early (truncated file)", location: location) }
                break
            }
            let before = inBuffer.pos
            let hint = ZSTD_decompressStream(context, &out, &inBuffer)
            consumed += inBuffer.pos - before
            if ZSTD_isError(hint) != 0 {
                throw IngestError(.io, "zstd data is corrupt: \(String(cString: ZSTD_getErrorName(hint)))", location: location)
            }
            atFrameEnd = hint == 0
        }
        return out.pos
    }

    private var location: SourceLocation { SourceLocation(file: name, byteOffset: consumed) }
}
