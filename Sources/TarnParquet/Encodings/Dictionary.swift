// Dictionary builders for RLE_DICTIONARY (Encodings.md):
//
//   "The dictionary encoding builds a dictionary of values encountered in a given column. The
//    dictionary will be stored in a dictionary page per column chunk. [...] If the dictionary
//    grows too big, whether in size or number of distinct values, the encoding will fall back
//    to the plain encoding."
//   "Dictionary page format: the entries in the dictionary using the plain encoding."
//   "Data page format: the bit width used to encode the entry ids stored as 1 byte (max bit
//    width = 32), followed by the values encoded using the RLE/Bit-Packing" (see RLEHybrid).
//
// One builder per physical kind, each an open-addressing hash table (linear probing,
// power-of-two capacity, at most half full) over entries kept in insertion order, so an
// entry's index is its dictionary id. Fixed-width values are keyed by bit pattern: -0.0 and
// 0.0, and NaNs with different payloads, are distinct entries, as PLAIN keeps them apart.
// The writer checks `plainEncodedSizeBytes` after each page and falls back to PLAIN past its limit.

/// Mixing shared by the builders.
enum DictionaryHash {
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        // Fold high bits down (doubles differ mostly in their top bits), then a Fibonacci
        // multiply; the table takes the top bits of the result.
        (x ^ (x >> 29)) &* 0x9E37_79B9_7F4A_7C15
    }

    @inline(__always)
    static func foldedMultiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// A fast 64-bit hash of `count` bytes: eight-byte words through a folded 128-bit multiply;
    /// short tails read as overlapping loads, never past the end.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer?, count: Int) -> UInt64 {
        let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
        var h = k0 ^ UInt64(count) &* k1
        guard let p, count > 0 else { return foldedMultiply(h, k1) }
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                h = foldedMultiply(h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self), k1)
                i += 8
            }
            // The last eight bytes, overlapping the previous word when count is not a multiple.
            h = foldedMultiply(h ^ p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), k0)
        } else if count >= 4 {
            let a = UInt64(p.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let b = UInt64(p.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            h = foldedMultiply(h ^ (a << 32 | b), k0)
        } else {
            let a = UInt64(p.load(fromByteOffset: 0, as: UInt8.self))
            let b = UInt64(p.load(fromByteOffset: count / 2, as: UInt8.self))
            let c = UInt64(p.load(fromByteOffset: count - 1, as: UInt8.self))
            h = foldedMultiply(h ^ (a << 16 | b << 8 | c), k0)
        }
        return foldedMultiply(h, k1 ^ 0x5851_F42D_4C95_7F2D)
    }

    /// Smallest power-of-two capacity at least 16 that keeps `entries` at most half full.
    static func capacity(for entries: Int) -> Int {
        var c = 16
        while c < entries * 2 { c <<= 1 }
        return c
    }

    /// Values are inserted in chunks; before each, the table grows to fit the whole chunk, so
    /// the probe loop never reallocates.
    static let chunk = 1024
}

// MARK: - Fixed width (INT32, FLOAT, INT64, DOUBLE)

/// Dictionary of 32-bit values (INT32, or FLOAT by bit pattern).
typealias DictionaryBuilder32 = FixedWidthDictionaryBuilder<UInt32>
/// Dictionary of 64-bit values (INT64, or DOUBLE by bit pattern).
typealias DictionaryBuilder64 = FixedWidthDictionaryBuilder<UInt64>

struct FixedWidthDictionaryBuilder<Key: FixedWidthInteger & UnsignedInteger> {
    private struct Slot {
        var key: Key
        /// Entry index + 1; 0 marks an empty slot.
        var id: UInt32
    }

    /// Distinct values in id order.
    private(set) var entries: [Key] = []
    private var slots: [Slot]
    private var shift: UInt64

    init() {
        let capacity = DictionaryHash.capacity(for: 0)
        slots = [Slot](repeating: Slot(key: 0, id: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    var count: Int { entries.count }

    /// Size of the dictionary page body in PLAIN.
    var plainEncodedSizeBytes: Int { entries.count * MemoryLayout<Key>.size }

    /// Forgets every entry and keeps the table's capacity (for the next column chunk).
    mutating func reset() {
        entries.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot(key: 0, id: 0)) }
    }

    /// Adds the distinct values among `values` and appends one dictionary id per value to `indices`.
    mutating func insert(_ values: UnsafeBufferPointer<Key>, into indices: inout [UInt32]) {
        let n = values.count
        guard n > 0 else { return }
        let start = indices.count
        indices.append(contentsOf: repeatElement(0, count: n))
        var done = 0
        while done < n {
            let chunk = Swift.min(DictionaryHash.chunk, n - done)
            ensureCapacity(for: entries.count + chunk)
            entries.reserveCapacity(entries.count + chunk)
            let shift = self.shift
            let mask = slots.count - 1
            indices.withUnsafeMutableBufferPointer { out in
                slots.withUnsafeMutableBufferPointer { table in
                    for i in done..<(done + chunk) {
                        let key = values[i]
                        var s = Int(truncatingIfNeeded: DictionaryHash.mix(UInt64(key)) >> shift)
                        while true {
                            let slot = table[s]
                            if slot.id == 0 {
                                entries.append(key)
                                table[s] = Slot(key: key, id: UInt32(entries.count))
                                out[start + i] = UInt32(entries.count - 1)
                                break
                            }
                            if slot.key == key {
                                out[start + i] = slot.id - 1
                                break
                            }
                            s = (s + 1) & mask
                        }
                    }
                }
            }
            done += chunk
        }
    }

    private mutating func ensureCapacity(for entryCount: Int) {
        guard entryCount * 2 > slots.count else { return }
        let capacity = DictionaryHash.capacity(for: entryCount)
        slots = [Slot](repeating: Slot(key: 0, id: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        slots.withUnsafeMutableBufferPointer { table in
            for (i, key) in entries.enumerated() {
                var s = Int(truncatingIfNeeded: DictionaryHash.mix(UInt64(key)) >> shift)
                while table[s].id != 0 { s = (s + 1) & mask }
                table[s] = Slot(key: key, id: UInt32(i + 1))
            }
        }
    }

    /// The dictionary page body: the entries in PLAIN, in id order.
    func encodePlain(into out: inout ByteWriter) {
        entries.withUnsafeBytes { out.write($0) }
    }
}

extension FixedWidthDictionaryBuilder where Key == UInt32 {
    mutating func insert(_ values: UnsafeBufferPointer<Int32>, into indices: inout [UInt32]) {
        values.withMemoryRebound(to: UInt32.self) { insert($0, into: &indices) }
    }

    /// FLOAT values, keyed by bit pattern.
    mutating func insert(_ values: UnsafeBufferPointer<Float>, into indices: inout [UInt32]) {
        values.withMemoryRebound(to: UInt32.self) { insert($0, into: &indices) }
    }
}

extension FixedWidthDictionaryBuilder where Key == UInt64 {
    mutating func insert(_ values: UnsafeBufferPointer<Int64>, into indices: inout [UInt32]) {
        values.withMemoryRebound(to: UInt64.self) { insert($0, into: &indices) }
    }

    /// DOUBLE values, keyed by bit pattern.
    mutating func insert(_ values: UnsafeBufferPointer<Double>, into indices: inout [UInt32]) {
        values.withMemoryRebound(to: UInt64.self) { insert($0, into: &indices) }
    }
}
