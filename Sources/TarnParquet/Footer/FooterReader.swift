// Reads the footer of a Parquet file:
//
//   file   := "PAR1" column-chunks... FileMetaData footer-length(4, LE) "PAR1"
//
// A file with an encrypted footer ends in "PARE" instead (and begins with it); Tarn
// does not decrypt, so such files, and plaintext-footer files with encrypted columns,
// are rejected as unsupported. Only the first 4 bytes and the tail are read.
import Foundation

/// Reads and decodes Parquet file footers.
public enum ParquetFooter {
    static let magic: [UInt8] = Array("PAR1".utf8)
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)
    /// Leading magic + footer length + trailing magic.
    static let minimumFileSize = 12

    /// Reads the footer of the file at `path`.
    ///
    /// Throws `.io` if the file cannot be read, `.malformed` for a file that is not
    /// Parquet or whose footer is corrupt, and `.unsupported` for an encrypted file.
    public static func read(path: String) throws(ParquetError) -> FileMetaData {
        do {
            let file = try ReadOnlyFile(path: path)
            return try read(from: file)
        } catch {
            throw error.at(path: path)
        }
    }

    /// Reads the footer of the file at `path` and builds its schema tree, which checks
    /// the `num_children` counts and that each row group has one chunk per leaf.
    public static func readValidated(path: String) throws(ParquetError) -> (metadata: FileMetaData, schema: ParquetSchema) {
        let metadata = try read(path: path)
        do {
            let schema = try ParquetSchema(metadata.schema)
            try schema.validate(metadata)
            return (metadata, schema)
        } catch {
            throw error.at(path: path)
        }
    }

    static func read(from file: ReadOnlyFile) throws(ParquetError) -> FileMetaData {
        let size = file.size
        guard size >= minimumFileSize else {
            throw ParquetError(.malformed, "not a Parquet file: \(size) bytes is shorter than the 12-byte minimum")
        }
        let tail = try file.read(count: 8, at: size - 8)
        let trailingMagic = Array(tail[4..<8])
        if trailingMagic == encryptedMagic {
            throw ParquetError(.unsupported, "the file has an encrypted footer (magic PARE); Tarn does not read encrypted Parquet")
        }
        guard trailingMagic == magic else {
            throw ParquetError(.malformed, "not a Parquet file: it does not end with the magic bytes PAR1")
        }
        let head = try file.read(count: 4, at: 0)
        guard head == magic else {
            throw ParquetError(.malformed, "not a Parquet file: it does not begin with the magic bytes PAR1")
        }
        let footerLength = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        // Checked before the footer buffer is allocated.
        guard footerLength <= size - minimumFileSize else {
            throw ParquetError(.malformed, "footer length \(footerLength) exceeds the \(size - minimumFileSize) bytes between the magic numbers")
        }
        let footer = try file.read(count: footerLength, at: size - 8 - footerLength)
        let metadata = try decode(footer: footer)
        if let algorithm = metadata.encryptionAlgorithm {
            throw ParquetError(.unsupported, "the file has encrypted columns (\(algorithm.name), plaintext footer); Tarn does not read encrypted Parquet")
        }
        return metadata
    }

    /// Decodes a serialized `FileMetaData` (the footer bytes without length and magic).
    public static func decode(footer: [UInt8]) throws(ParquetError) -> FileMetaData {
        do {
            return try FileMetaData(decoding: footer)
        } catch {
            var error = error
            error.message = "corrupt footer: " + error.message
            throw error
        }
    }
}

/// An open file read with `pread`; closed in `deinit`.
final class ReadOnlyFile {
    let descriptor: Int32
    let size: Int

    init(path: String) throws(ParquetError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, "cannot stat: \(message)", path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ParquetError(.io, "is a directory, not a file", path: path)
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads exactly `count` bytes at `offset`; the caller keeps the range inside the file.
    func read(count: Int, at offset: Int) throws(ParquetError) -> [UInt8] {
        precondition(count >= 0 && offset >= 0 && offset <= size - count, "read outside the file")
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: String?
        bytes.withUnsafeMutableBytes { buffer in
            while done < count {
                let n = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n > 0 {
                    done += n
                } else if n == 0 {
                    failure = "file ended early (truncated while reading?)"
                    return
                } else if errno != EINTR {
                    failure = String(cString: strerror(errno))
                    return
                }
            }
        }
        if let failure { throw ParquetError(.io, "read failed: \(failure)") }
        return bytes
    }
}
