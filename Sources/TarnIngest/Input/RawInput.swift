import TarnCore

/// How a raw file is compressed, told by its first bytes (not its name).
public enum InputCompression: String, Sendable, Equatable {
    case none, gzip, zstd

    /// gzip starts 1F 8B; a zstd frame 28 B5 2F FD.
    public static func detect(_ head: [UInt8]) -> InputCompression {
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B { return .gzip }
        if head.count >= 4 && head[0] == 0x28 && head[1] == 0xB5 && head[2] == 0x2F && head[3] == 0xFD { return .zstd }
        return .none
    }
}

/// A raw input file opened for reading: its decompressed byte stream, how it was
/// compressed, and (for an uncompressed file) its size and random access for sampling.
public struct RawInput {
    public let path: String
    public let compression: InputCompression
    /// The file on disk (compressed bytes when `compression != .none`).
    public let file: FileByteSource

    public init(path: String) throws(IngestError) {
        self.path = path
        file = try FileByteSource(path: path)
        compression = InputCompression.detect(try file.read(at: 0, count: 4))
    }

    /// The size on disk.
    public var fileSize: Int { file.size }

    /// A fresh stream of the decompressed bytes from the start (each call reopens the file,
    /// so a reader can start over, as widening a column's type requires).
    public func open() throws(IngestError) -> any ByteSource {
        let raw = try FileByteSource(path: path)
        switch compression {
        case .none: return raw
        case .gzip: return try GzipByteSource(raw, name: path)
        case .zstd: return try ZstdByteSource(raw, name: path)
        }
    }

    /// Up to `count` decompressed bytes from the start of the file.
    public func head(_ count: Int) throws(IngestError) -> [UInt8] {
        if compression == .none { return try file.read(at: 0, count: count) }
        var source = try open()
        var out: [UInt8]
        var done = 0
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
        defer { storage.deallocate() }
        while done < count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[done...]))
            if n == 0 { break }
            done += n
        }
        out = Array(storage.prefix(done))
        return out
    }
}
