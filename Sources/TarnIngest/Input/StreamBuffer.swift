/// A window over a `ByteSource` for readers that parse whole records: parse what is in
/// `window`, `consume` the bytes of the complete records, `refill` to move the rest of the
/// partial record to the front and read more. The buffer grows only when one record is
/// larger than it, so memory is bounded by the chunk size, not the file.
public struct StreamBuffer {
    public private(set) var source: any ByteSource
    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// The stream offset of `window`'s first byte.
    public private(set) var offset = 0
    /// Whether the source has ended: `window` holds all that is left.
    public private(set) var isAtEnd = false

    /// - Parameter startOffset: the stream offset of the source's first byte (a source that
    ///   is a part of a larger stream).
    public init(source: any ByteSource, capacity: Int = 8 << 20, startOffset: Int = 0) {
        self.source = source
        offset = startOffset
        storage = .allocate(byteCount: max(capacity, 64), alignment: 64)
    }

    /// Frees the storage; the buffer must not be used afterwards.
    public mutating func deallocate() { storage.deallocate() }

    /// The unconsumed bytes read so far.
    public var window: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

    public mutating func consume(_ count: Int) {
        precondition(count >= 0 && start + count <= end)
        start += count
        offset += count
    }

    /// Moves the unconsumed bytes to the front and reads until the buffer is full or the
    /// source ends; when the unconsumed bytes already fill the buffer, doubles it first.
    /// Returns false when nothing new was read (the source had ended).
    @discardableResult
    public mutating func refill() throws(IngestError) -> Bool {
        if isAtEnd { return false }
        let pending = end - start
        if pending == storage.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 64)
            bigger.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending)
            storage.deallocate()
            storage = bigger
        } else if start > 0 && pending > 0 {
            storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: pending)
        }
        start = 0
        end = pending
        let before = end
        while end < storage.count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
            if n == 0 { isAtEnd = true; break }
            end += n
        }
        return end > before
    }
}
