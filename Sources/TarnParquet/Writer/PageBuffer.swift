import TarnCore

/// The values of the data page being built, in physical form, before encoding. Exactly one
/// of the typed buffers is in use, chosen by the column's physical type; dictionary-encoded
/// pages hold `indices` instead.
struct PageBuffer {
    var booleans = Bitmap()
    var int32: [Int32] = []
    var int64: [Int64] = []
    var float: [Float] = []
    var double: [Double] = []
    /// BYTE_ARRAY: offsets (starting at 0) into `bytes`. FIXED_LEN_BYTE_ARRAY: `bytes` only.
    var offsets: [Int32] = [0]
    var bytes: [UInt8] = []
    /// Dictionary indices of the page's values.
    var indices: [UInt32] = []
    /// Number of values buffered (in whichever buffer).
    var count = 0
    /// Bytes the values take in PLAIN encoding, the basis of the page-size estimate.
    var plainSizeBytes = 0

    mutating func removeAll() {
        booleans.removeAll(keepingCapacity: true)
        int32.removeAll(keepingCapacity: true)
        int64.removeAll(keepingCapacity: true)
        float.removeAll(keepingCapacity: true)
        double.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        bytes.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        count = 0
        plainSizeBytes = 0
    }

    /// Appends the slice's values as they are (for every encoding but dictionary).
    mutating func append(_ slice: PhysicalSlice) {
        count += slice.count
        switch slice {
        case .boolean(let words, let range):
            booleans.append(words: words, range: range)
            plainSizeBytes = (booleans.count + 7) / 8
        case .int32(let v): int32.append(contentsOf: v); plainSizeBytes += 4 * v.count
        case .int64(let v): int64.append(contentsOf: v); plainSizeBytes += 8 * v.count
        case .float(let v): float.append(contentsOf: v); plainSizeBytes += 4 * v.count
        case .double(let v): double.append(contentsOf: v); plainSizeBytes += 8 * v.count
        case .byteArray(let view):
            let start = Int(view.offsets[0]), end = Int(view.offsets[view.count])
            let shift = Int32(bytes.count) - Int32(start)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: view.data[start..<end]))
            offsets.reserveCapacity(offsets.count + view.count)
            for i in 1...view.count { offsets.append(view.offsets[i] + shift) }
            plainSizeBytes += (end - start) + 4 * view.count
        case .fixed(let view):
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: view.data[0..<(view.count * view.width)]))
            plainSizeBytes += view.count * view.width
        }
    }
}

