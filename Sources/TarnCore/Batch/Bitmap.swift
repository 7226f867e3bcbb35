/// A packed bit vector: bit `i` is bit `i % 64` of word `i / 64`.
///
/// Used for validity (set = value present) and for boolean values. Words past `count`
/// are kept zero so whole-word operations (popcount, encoding) need no masking.
public struct Bitmap: Hashable, Sendable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    public init() {
        words = []
        count = 0
    }

    public init(repeating value: Bool, count: Int) {
        let wordCount = (count + 63) >> 6
        words = Array(repeating: value ? ~0 : 0, count: wordCount)
        self.count = count
        if value, count & 63 != 0 { words[wordCount - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    public init<S: Sequence>(_ bits: S) where S.Element == Bool {
        self.init()
        for bit in bits { append(bit) }
    }

    /// Adopts packed words; bits at and past `count` are cleared.
    public init(words: [UInt64], count: Int) {
        precondition(count >= 0 && words.count >= (count + 63) >> 6, "too few words for \(count) bits")
        self.words = Array(words.prefix((count + 63) >> 6))
        self.count = count
        if count & 63 != 0 { self.words[self.words.count - 1] &= (1 << UInt64(count & 63)) - 1 }
    }

    /// Appends bits `range` of another packed bit vector.
    public mutating func append(words source: UnsafeBufferPointer<UInt64>, range: Range<Int>) {
        reserveCapacity(count + range.count)
        var i = range.lowerBound
        // Bit by bit up to a word boundary of the destination, then whole words.
        while i < range.upperBound && count & 63 != 0 {
            append(source[i >> 6] >> UInt64(i & 63) & 1 == 1)
            i += 1
        }
        while range.upperBound - i >= 64 {
            let shift = UInt64(i & 63)
            var word = source[i >> 6] >> shift
            if shift != 0 { word |= source[(i >> 6) + 1] << (64 - shift) }
            words.append(word)
            count += 64
            i += 64
        }
        while i < range.upperBound {
            append(source[i >> 6] >> UInt64(i & 63) & 1 == 1)
            i += 1
        }
    }

    public mutating func reserveCapacity(_ bits: Int) { words.reserveCapacity((bits + 63) >> 6) }

    @inline(__always)
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Appends `n` copies of `bit`.
    public mutating func append(_ bit: Bool, count n: Int) {
        // Simple and rare (used when a validity bitmap is first materialised).
        for _ in 0..<n { append(bit) }
    }

    @inline(__always)
    public subscript(index: Int) -> Bool {
        get {
            precondition(index >= 0 && index < count, "bit index out of range")
            return words[index >> 6] >> UInt64(index & 63) & 1 == 1
        }
        set {
            precondition(index >= 0 && index < count, "bit index out of range")
            let mask: UInt64 = 1 << UInt64(index & 63)
            if newValue { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
        }
    }

    /// Number of set bits.
    public var setCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        words.removeAll(keepingCapacity: keepingCapacity)
        count = 0
    }
}
