import Foundation

/// The file a writer appends to: a POSIX descriptor, the running offset, and — when opened
/// on a path — a temporary name in the same folder that `commit()` renames into place, so
/// readers never see a half-written file.
///
/// Writes happen in order on a background queue: the caller goes on encoding the next row
/// group while the kernel copies the last one (writing a 60 MB row group took ~130 ms of
/// one core, during which the other core ran out of parsed batches). At most
/// `maxPendingBytes` wait at a time; a failed write fails the next call. A file this
/// writer creates is written with direct I/O where the file system allows it
/// (`DirectFileSink`).
final class OutputFile {
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    /// Final path and the temporary one written meanwhile (nil when writing to a handle).
    private let finalPath: String?
    private let temporaryPath: String?
    /// Bytes handed to `write` so far, written or still queued: where the next write lands.
    private(set) var offset: Int = 0
    private var finished = false

    private let queue = DispatchQueue(label: "tarn.parquet.output")
    private let pending = NSCondition()
    private var pendingBytes = 0
    private var failure: ParquetError?
    private let maxPendingBytes = 128 << 20
    /// Touched on `queue` only.
    private var direct: DirectFileSink?
    private var unsyncedBytes = 0
    private let syncEveryBytes = 32 << 20

    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tarn-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        var fd: Int32 = -1
        if let directFlag = DirectFileSink.openFlag {
            fd = open(temporary, flags | directFlag, 0o644)
            if fd >= 0 { direct = DirectFileSink(descriptor: fd) }
        }
        if fd < 0 { fd = open(temporary, flags, 0o644) }   // no direct I/O here (tmpfs says EINVAL)
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

    /// Queues `bytes` to be written after everything before it.
    func write(_ bytes: [UInt8]) throws(ParquetError) {
        guard !bytes.isEmpty else { return }
        pending.lock()
        while failure == nil && pendingBytes > 0 && pendingBytes + bytes.count > maxPendingBytes { pending.wait() }
        if let failure {
            pending.unlock()
            throw failure
        }
        pendingBytes += bytes.count
        pending.unlock()
        offset += bytes.count
        let descriptor = self.descriptor
        queue.async { [self] in
            // After a failed write nothing more is written (to a descriptor the caller
            // handed in, that would put later bytes after a gap).
            let failedBefore = pending.withLock { failure != nil }
            var error = failedBefore ? nil : bytes.withUnsafeBytes { raw in
                direct.map { $0.append(raw) } ?? DirectFileSink.writeAll(raw, to: descriptor)
            }
            // Buffered, flush to disk as we go, on this queue: the fsync in `commit()` then
            // waits for the last few megabytes only, not the whole file (0.1–0.3 s with idle
            // cores). Direct writes are on the device already.
            unsyncedBytes += bytes.count
            if !failedBefore, error == nil, ownsDescriptor, direct?.isDirect != true, unsyncedBytes >= syncEveryBytes {
                if fdatasync(descriptor) != 0 { error = "fdatasync failed: " + String(cString: strerror(errno)) }
                unsyncedBytes = 0
            }
            pending.lock()
            pendingBytes -= bytes.count
            if let error, failure == nil { failure = ParquetError(.io, "write failed: \(error)", path: finalPath) }
            pending.broadcast()
            pending.unlock()
        }
    }

    /// Waits for the queued writes; the first failure among them, if any.
    private func drain() -> ParquetError? {
        queue.sync {}
        return pending.withLock { failure }
    }

    /// Writes the direct sink's staged tail, after everything queued.
    private func finishDirectWrites() -> ParquetError? {
        let error = queue.sync { direct?.finish() }
        return error.map { ParquetError(.io, "write failed: \($0)", path: finalPath) }
    }

    /// Flushes to disk and moves the file to its final name.
    func commit() throws {
        guard !finished else { return }
        finished = true
        if let failure = drain() ?? finishDirectWrites() {
            discard()
            throw failure
        }
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
        _ = drain()   // no queued write may reach a closed (or reused) descriptor
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
