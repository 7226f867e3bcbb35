#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TarnCore

/// A stream of raw bytes: a file, or a decompressor over one. Readers pull from it into
/// their own buffer (`StreamBuffer`), so nothing is read twice and memory stays bounded.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; 0 only at the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int
}

/// The bytes of a file, read with `read(2)` from an owned descriptor.
public final class FileByteSource: ByteSource {
    public let path: String
    private let fd: Int32

    public init(path: String) throws(IngestError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestError(.io, "cannot open: \(String(cString: strerror(errno)))", location: SourceLocation(file: path)) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IngestError(.io, "is a folder, not a file", location: SourceLocation(file: path))
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// The file's size in bytes.
    public var size: Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IngestError(.io, "read failed: \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
    }

    /// Reads `count` bytes at `offset` without moving the stream position (for sampling).
    public func read(at offset: Int, count: Int) throws(IngestError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError(.io, "read failed: \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
            }
            if n == 0 { break }
            done += n
        }
        out.removeLast(count - done)
        return out
    }
}

/// Bytes already in memory (tests, samples).
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
        position += n
        return n
    }
}

/// Bytes borrowed from memory the caller keeps alive and unchanged while the source is read
/// (a window part read to its end within one call): no copy.
struct BorrowedByteSource: ByteSource {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        let n = min(buffer.count, bytes.count - position)
        guard n > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: n)
        position += n
        return n
    }
}
