// Dictionary builders for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY (the scheme is described in
// Dictionary.swift). Entries live in one contiguous byte buffer with offsets; a slot keeps
// 32 bits of the entry's hash so most mismatches never touch the bytes.

private struct ByteSlot {
    /// Low 32 bits of the entry's hash.
    var hash: UInt32
    /// Entry index + 1; 0 marks an empty slot.
    var id: UInt32
}

/// The table both builders share: entries are found through `equal(id, value)`.
private struct ByteSlotTable {
    var slots: [ByteSlot]
    var shift: UInt64
    /// Full hashes of the entries in id order, for growing without rehashing bytes.
    var hashes: [UInt64] = []

    init() {
        let capacity = DictionaryHash.capacity(for: 0)
        slots = [ByteSlot](repeating: ByteSlot(hash: 0, id: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    mutating func reset() {
        hashes.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: ByteSlot(hash: 0, id: 0)) }
    }

    mutating func ensureCapacity(for entryCount: Int) {
        guard entryCount * 2 > slots.count else { return }
        let capacity = DictionaryHash.capacity(for: entryCount)
        slots = [ByteSlot](repeating: ByteSlot(hash: 0, id: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        let shift = self.shift
        slots.withUnsafeMutableBufferPointer { table in
            for (i, h) in hashes.enumerated() {
                var s = Int(truncatingIfNeeded: h >> shift)
                while table[s].id != 0 { s = (s + 1) & mask }
                table[s] = ByteSlot(hash: UInt32(truncatingIfNeeded: h), id: UInt32(i + 1))
            }
        }
    }

    /// Returns the id of the entry equal to the value hashed `h`, or adds it through `add`.
    @inline(__always)
    mutating func findOrAdd(hash h: UInt64, equal: (Int) -> Bool, add: () -> Void) -> UInt32 {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h >> shift)
        let tag = UInt32(truncatingIfNeeded: h)
        while true {
            let slot = slots[s]
            if slot.id == 0 {
                add()
                hashes.append(h)
                slots[s] = ByteSlot(hash: tag, id: UInt32(hashes.count))
                return UInt32(hashes.count - 1)
            }
            if slot.hash == tag && equal(Int(slot.id) - 1) { return slot.id - 1 }
            s = (s + 1) & mask
        }
    }
}

@inline(__always)
private func bytesEqual(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, count: Int) -> Bool {
    guard count > 0, let a, let b else { return true }
    var i = 0
    while i + 8 <= count {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < count {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// Dictionary of BYTE_ARRAY values.
struct ByteArrayDictionaryBuilder {
    /// Entry i is `entryData[entryOffsets[i] ..< entryOffsets[i+1]]`.
    private(set) var entryData: [UInt8] = []
    private(set) var entryOffsets: [Int] = [0]
    private var table = ByteSlotTable()

    init() {}

    var count: Int { entryOffsets.count - 1 }

    /// Size of the dictionary page body in PLAIN: a 4-byte length and the bytes per entry.
    var plainEncodedSizeBytes: Int { entryData.count + 4 * count }

    /// Bytes of entry `id`.
    func entry(_ id: Int) -> ArraySlice<UInt8> { entryData[entryOffsets[id] ..< entryOffsets[id + 1]] }

    mutating func reset() {
        entryData.removeAll(keepingCapacity: true)
        entryOffsets.removeAll(keepingCapacity: true)
        entryOffsets.append(0)
        table.reset()
    }

    /// Adds the distinct values among `values` and appends one dictionary id per value to `indices`.
    mutating func insert(_ values: ByteArrayView, into indices: inout [UInt32]) {
        let n = values.count
        guard n > 0 else { return }
        let start = indices.count
        indices.append(contentsOf: repeatElement(0, count: n))
        var done = 0
        while done < n {
            let chunk = Swift.min(DictionaryHash.chunk, n - done)
            table.ensureCapacity(for: count + chunk)
            let mask = table.slots.count - 1
            let shift = table.shift
            indices.withUnsafeMutableBufferPointer { out in
                for i in done..<(done + chunk) {
                    let value = values.value(i)
                    let h = DictionaryHash.hash(value.baseAddress, count: value.count)
                    let tag = UInt32(truncatingIfNeeded: h)
                    var s = Int(truncatingIfNeeded: h >> shift)
                    while true {
                        let slot = table.slots[s]
                        if slot.id == 0 {
                            entryData.append(contentsOf: value)
                            entryOffsets.append(entryData.count)
                            table.hashes.append(h)
                            table.slots[s] = ByteSlot(hash: tag, id: UInt32(table.hashes.count))
                            out[start + i] = UInt32(table.hashes.count - 1)
                            break
                        }
                        if slot.hash == tag {
                            let id = Int(slot.id) - 1
                            let entryStart = entryOffsets[id]
                            if entryOffsets[id + 1] - entryStart == value.count
                                && entryData.withUnsafeBytes({ bytesEqual($0.baseAddress.map { $0 + entryStart }, value.baseAddress, count: value.count) }) {
                                out[start + i] = slot.id - 1
                                break
                            }
                        }
                        s = (s + 1) & mask
                    }
                }
            }
            done += chunk
        }
    }

    /// The dictionary page body: each entry as a 4-byte length and its bytes, in id order.
    func encodePlain(into out: inout ByteWriter) {
        let n = count
        guard n > 0 else { return }
        entryData.withUnsafeBytes { data in
            entryOffsets.withUnsafeBufferPointer { offsets in
                out.appendUninitialized(count: plainEncodedSizeBytes) { p in
                    var o = 0
                    for i in 0..<n {
                        let start = offsets[i], length = offsets[i + 1] - start
                        p.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: o, as: UInt32.self)
                        copyBytes(from: data.baseAddress.map { $0 + start }, to: p + o + 4, count: length)
                        o += 4 + length
                    }
                }
            }
        }
    }
}

/// Dictionary of FIXED_LEN_BYTE_ARRAY values of one width.
struct FixedBytesDictionaryBuilder {
    let width: Int
    /// Entry i is `entryData[i*width ..< (i+1)*width]`.
    private(set) var entryData: [UInt8] = []
    private var table = ByteSlotTable()

    /// `width` may be 0 (every value is the empty string: one entry).
    init(width: Int) {
        precondition(width >= 0, "FIXED_LEN_BYTE_ARRAY width must not be negative")
        self.width = width
    }

    var count: Int { table.hashes.count }

    /// Size of the dictionary page body in PLAIN: the entries back to back.
    var plainEncodedSizeBytes: Int { entryData.count }

    mutating func reset() {
        entryData.removeAll(keepingCapacity: true)
        table.reset()
    }

    /// Adds the distinct values among `values` and appends one dictionary id per value to `indices`.
    mutating func insert(_ values: FixedBytesView, into indices: inout [UInt32]) {
        precondition(values.width == width, "FixedBytesView width \(values.width) differs from the dictionary's \(width)")
        let n = values.count
        guard n > 0 else { return }
        indices.reserveCapacity(indices.count + n)
        let width = self.width
        var done = 0
        while done < n {
            let chunk = Swift.min(DictionaryHash.chunk, n - done)
            table.ensureCapacity(for: count + chunk)
            for i in done..<(done + chunk) {
                let value = values.value(i)
                let h = DictionaryHash.hash(value.baseAddress, count: width)
                let id = table.findOrAdd(hash: h, equal: { id in
                    entryData.withUnsafeBytes { bytesEqual($0.baseAddress.map { $0 + id * width }, value.baseAddress, count: width) }
                }, add: {
                    entryData.append(contentsOf: value)
                })
                indices.append(id)
            }
            done += chunk
        }
    }

    /// The dictionary page body: the entries back to back, in id order.
    func encodePlain(into out: inout ByteWriter) {
        out.write(entryData)
    }
}
