/// Finds the next structural byte (delimiter, quote, CR, LF, escape) of a chunk, 64 bytes
/// at a time: four `SIMD16` compares make a 64-bit mask, and each call pops its lowest set
/// bit. Ordinary bytes between structural ones cost nothing per byte; SWIFT-NOTES measured
/// SIMD16 compares at ~25 GB/s against ~0.9 GB/s for a branchy byte loop.
struct CSVStructuralScanner {
    private let delimiter: SIMD16<UInt8>
    private let quote: SIMD16<UInt8>
    private let escape: SIMD16<UInt8>
    // Kept as stored vectors: built inside the loop, `SIMD16(repeating:)` and a static
    // constant were not folded (a lane-by-lane loop and a `swift_once` per window).
    private let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
    private let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
    private let weights = SIMD16<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)
    private let delimiterByte: UInt8
    private let quoteByte: UInt8
    private let escapeByte: UInt8
    /// The offset of the window `mask` describes, and its structural bits not yet popped.
    private var base = Int.min / 2
    private var mask: UInt64 = 0

    init(dialect: CSVDialect) {
        delimiterByte = dialect.delimiter
        // A missing quote or escape repeats the delimiter, which adds no stops.
        quoteByte = dialect.quote ?? dialect.delimiter
        escapeByte = dialect.escape == .backslash ? UInt8(ascii: "\\") : dialect.delimiter
        delimiter = SIMD16(repeating: delimiterByte)
        quote = SIMD16(repeating: quoteByte)
        escape = SIMD16(repeating: escapeByte)
    }

    /// The offset of the first structural byte at or after `i`, or `count` when none is left.
    @inline(__always)
    mutating func next(from i: Int, in p: UnsafePointer<UInt8>, count: Int) -> Int {
        let shift = i &- base
        if shift >= 0 && shift < 64 {
            mask &= ~0 << UInt64(shift)
        } else {
            base = i
            mask = window(at: i, p, count)
        }
        while mask == 0 {
            base &+= 64
            if base >= count { return count }
            mask = window(at: base, p, count)
        }
        return base &+ mask.trailingZeroBitCount
    }

    // Out of line: once per 64 bytes, and it keeps `next` small enough to inline.
    @inline(never)
    private func window(at start: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        if start &+ 64 <= count {
            let raw = UnsafeRawPointer(p + start)
            return lanes(raw.loadUnaligned(as: SIMD16<UInt8>.self))
                | lanes(raw.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)) << 16
                | lanes(raw.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self)) << 32
                | lanes(raw.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self)) << 48
        }
        // The last partial window of a chunk: once per chunk, so a plain loop.
        var bits: UInt64 = 0
        var k = 0
        while start &+ k < count {
            let b = p[start &+ k]
            if b == delimiterByte || b == quoteByte || b == escapeByte || b == 0x0A || b == 0x0D {
                bits |= 1 << UInt64(k)
            }
            k &+= 1
        }
        return bits
    }

    @inline(__always)
    private func lanes(_ v: SIMD16<UInt8>) -> UInt64 {
        let hit = (v .== delimiter) .| (v .== quote) .| (v .== escape)
            .| (v .== lineFeed) .| (v .== carriageReturn)
        // Lane k keeps bit k % 8; the sum of each half of eight lanes is then its bit mask.
        let weighted = unsafeBitCast(hit, to: SIMD16<UInt8>.self) & weights
        return UInt64(weighted.lowHalf.wrappedSum()) | UInt64(weighted.highHalf.wrappedSum()) << 8
    }
}
