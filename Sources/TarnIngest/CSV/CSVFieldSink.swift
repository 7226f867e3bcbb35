/// Field offsets collected during one `CSVTokenizer.tokenize` call, in raw memory the
/// tokenizer keeps between calls (`CSVFieldStorage`). Appending is a capacity compare and
/// three stores: `Array.append` cost a uniqueness check per array per field (~half the
/// tokenizer's time on short fields). The call copies the result into the block's arrays
/// (a memcpy) and hands the memory back for the next call: allocating it afresh per call
/// made half of a CSV conversion's page faults.
struct CSVFieldSink {
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var flags: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    /// Writes into `storage`'s memory; `finish(into:)` gives it back (grown, if it grew).
    init(reusing storage: CSVFieldStorage) {
        starts = storage.starts
        ends = storage.ends
        flags = storage.flags
        capacity = storage.capacity
    }

    @inline(__always)
    mutating func append(_ start: Int, _ end: Int, _ flag: UInt8) {
        if count == capacity { grow() }
        // In bounds: count < capacity after grow.
        starts[count] = start
        ends[count] = end
        flags[count] = flag
        count &+= 1
    }

    @inline(never)
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStarts.moveInitialize(from: starts, count: count)
        newEnds.moveInitialize(from: ends, count: count)
        newFlags.moveInitialize(from: flags, count: count)
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
        starts = newStarts
        ends = newEnds
        flags = newFlags
        capacity = newCapacity
    }

    /// Drops fields from `index` on.
    mutating func truncate(to index: Int) { count = min(count, index) }

    /// Appends the fields to the block's arrays and returns the memory to `storage`.
    func finish(into block: inout CSVRecordBlock, storage: CSVFieldStorage) {
        block.fieldStarts.append(contentsOf: UnsafeBufferPointer(start: starts, count: count))
        block.fieldEnds.append(contentsOf: UnsafeBufferPointer(start: ends, count: count))
        block.fieldFlags.append(contentsOf: UnsafeBufferPointer(start: flags, count: count))
        storage.starts = starts
        storage.ends = ends
        storage.flags = flags
        storage.capacity = capacity
    }
}

/// The memory `CSVFieldSink` writes into, owned by one tokenizer and freed with it. A
/// tokenizer copied from another gets its own before its first write (see `CSVTokenizer`),
/// so no two threads ever write one storage: hence `@unchecked Sendable`.
final class CSVFieldStorage: @unchecked Sendable {
    fileprivate(set) var starts: UnsafeMutablePointer<Int>
    fileprivate(set) var ends: UnsafeMutablePointer<Int>
    fileprivate(set) var flags: UnsafeMutablePointer<UInt8>
    fileprivate(set) var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
        flags = .allocate(capacity: self.capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }
}
