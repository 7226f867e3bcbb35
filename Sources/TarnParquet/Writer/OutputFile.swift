import Foundation

/// The file a writer appends to: a POSIX descriptor, the running offset, and — when opened
/// on a path — a temporary name in the same folder that `commit()` renames into place, so
/// readers never see a half-written file.
final class OutputFile {
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    /// Final path and the temporary one written meanwhile (nil when writing to a handle).
    private let finalPath: String?
    private let temporaryPath: String?
    private(set) var offset: Int = 0
    private var finished = false

    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tarn-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ParquetError(.io, "cannot create a file in \(directory): \(String(cString: strerror(errno)))", path: path)
        }
        descriptor = fd
        ownsDescriptor = true
        finalPath = path
        temporaryPath = temporary
    }

    /// Writes to an already open descriptor (a pipe, or a file the caller manages); no rename.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        ownsDescriptor = false
        finalPath = nil
        temporaryPath = nil
    }

    var path: String? { finalPath }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "write failed: \(String(cString: strerror(errno)))", path: finalPath)
            }
            done += n
        }
        offset += bytes.count
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in try write(raw) }
    }

    /// Flushes to disk and moves the file to its final name.
    func commit() throws {
        guard !finished else { return }
        finished = true
        guard ownsDescriptor, let finalPath, let temporaryPath else { return }
        if fsync(descriptor) != 0 {
            let message = String(cString: strerror(errno))
            discard()
            throw ParquetError(.io, "fsync failed: \(message)", path: finalPath)
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, finalPath) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ParquetError(.io, "cannot rename the finished file into place: \(message)", path: finalPath)
        }
    }

    /// Removes the temporary file; the final path is left as it was.
    func discard() {
        finished = true
        if ownsDescriptor, descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if let temporaryPath { unlink(temporaryPath) }
    }

    deinit {
        if !finished { discard() }
    }
}
