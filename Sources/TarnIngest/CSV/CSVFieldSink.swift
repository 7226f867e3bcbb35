/// Field offsets collected during one `CSVTokenizer.tokenize` call, in memory owned by
/// that call. Appending is a capacity compare and three stores: `Array.append` cost a
/// uniqueness check per array per field (~half the tokenizer's time on short fields).
/// The call copies the result into the block's arrays (a memcpy) and frees the memory.
struct CSVFieldSink {
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var flags: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
        flags = .allocate(capacity: self.capacity)
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

    /// Appends the fields to the block's arrays.
    func copy(into block: inout CSVRecordBlock) {
        block.fieldStarts.append(contentsOf: UnsafeBufferPointer(start: starts, count: count))
        block.fieldEnds.append(contentsOf: UnsafeBufferPointer(start: ends, count: count))
        block.fieldFlags.append(contentsOf: UnsafeBufferPointer(start: flags, count: count))
    }

    func deallocate() {
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }
}
