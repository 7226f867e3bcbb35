// The flat token "tape" a JSON document is scanned into.
//
// One token per value, key and container bracket, in document order, stored as parallel
// arrays (kind, start, end) so that scanning appends three scalars per token and a consumer
// walks the tape without pointer chasing. Byte positions are offsets into the buffer that
// was scanned; nothing is copied out of it.

/// What a tape token is.
public enum JSONTokenKind: UInt8, Sendable {
    case objectStart = 1
    case objectEnd
    case arrayStart
    case arrayEnd
    /// An object member's name (a string).
    case key
    case string
    case number
    case `true`
    case `false`
    case null
}

/// The tokens of one or more JSON documents, in document order.
///
/// For a string or key, `start..<end` is the bytes between the quotes (escapes not yet
/// decoded: see `hasEscapes`); for a number or literal, its bytes. For a container token,
/// `start` is the offset of the bracket and `end` is the *index of the matching token*, so
/// a consumer skips a whole subtree in O(1) (`nextSibling(of:)`).
///
/// A class because it owns manually managed buffers (grown by the scanner without per-token
/// capacity checks on Swift arrays); `removeAll()` keeps them for the next batch.
public final class JSONTape {
    // `@exclusivity(unchecked)`: these are read or written a few times per record (by the
    // parser's TapeWriter and the record consumers), never across an overlapping access; the
    // runtime check on each class-property access cost about 10% of reading JSON lines.
    /// Kind in the low 6 bits (`JSONTokenKind`), plus the flag bits below.
    @exclusivity(unchecked) @usableFromInline var kindBytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var startOffsets: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) @usableFromInline var endOffsets: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    /// The number of tokens.
    @exclusivity(unchecked) public internal(set) var count: Int = 0

    /// Set on a string or key whose bytes contain a backslash escape.
    static let escapedFlag: UInt8 = 0x40
    /// Set on a number with a fraction or an exponent.
    static let fractionFlag: UInt8 = 0x80
    static let kindMask: UInt8 = 0x3F

    public init(capacity: Int = 4096) {
        let capacity = max(capacity, 16)
        self.capacity = capacity
        kindBytes = .allocate(capacity: capacity)
        startOffsets = .allocate(capacity: capacity)
        endOffsets = .allocate(capacity: capacity)
    }

    deinit {
        kindBytes.deallocate()
        startOffsets.deallocate()
        endOffsets.deallocate()
    }

    /// Forgets every token, keeping the storage.
    public func removeAll() { count = 0 }

    /// Drops the tokens from `newCount` on (used to undo a document that ran out of input).
    func truncate(to newCount: Int) { count = min(count, newCount) }

    @inlinable public func kind(_ index: Int) -> JSONTokenKind {
        precondition(index >= 0 && index < count, "token index out of range")
        return JSONTokenKind(rawValue: kindBytes[index] & 0x3F)!
    }

    /// The first byte of the token (for a container, the bracket).
    @inlinable public func start(_ index: Int) -> Int {
        precondition(index >= 0 && index < count, "token index out of range")
        return Int(startOffsets[index])
    }

    /// The end of a scalar token's bytes (exclusive). Not meaningful for containers.
    @inlinable public func end(_ index: Int) -> Int {
        precondition(index >= 0 && index < count, "token index out of range")
        return Int(endOffsets[index])
    }

    /// The bytes of a string, key, number or literal token (strings without their quotes).
    public func byteRange(_ index: Int) -> Range<Int> {
        switch kind(index) {
        case .objectStart, .arrayStart:
            return start(index) ..< start(matchingIndex(index)) + 1
        case .objectEnd, .arrayEnd:
            return start(matchingIndex(index)) ..< start(index) + 1
        default:
            return start(index) ..< end(index)
        }
    }

    /// For a container start (end) token, the index of its end (start) token.
    @inlinable public func matchingIndex(_ index: Int) -> Int {
        let k = kind(index)
        precondition(k == .objectStart || k == .objectEnd || k == .arrayStart || k == .arrayEnd,
                     "matchingIndex on a scalar token")
        return Int(endOffsets[index])
    }

    /// The index just past the value that starts at `index` (a scalar, or a whole container).
    @inlinable public func nextSibling(of index: Int) -> Int {
        let k = kind(index)
        if k == .objectStart || k == .arrayStart { return Int(endOffsets[index]) + 1 }
        return index + 1
    }

    /// Whether a string or key token contains escapes (decode it with `unescapedBytes`).
    @inlinable public func hasEscapes(_ index: Int) -> Bool {
        precondition(index >= 0 && index < count, "token index out of range")
        return kindBytes[index] & 0x40 != 0
    }

    /// Whether a number token is an integer (no fraction, no exponent).
    @inlinable public func isInteger(_ index: Int) -> Bool {
        precondition(index >= 0 && index < count, "token index out of range")
        return kindBytes[index] & 0x80 == 0
    }

    /// The raw kind bytes (kind in the low 6 bits, 0x40 = escaped string, 0x80 = fraction).
    public var rawKinds: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: kindBytes, count: count) }
    public var rawStarts: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: startOffsets, count: count) }
    public var rawEnds: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: endOffsets, count: count) }
}

/// The scanner's view of a tape: plain pointers in a local struct, so appending a token
/// has no class-property exclusivity checks. `finish` hands the (maybe regrown) storage
/// back to the tape; it must run on every exit, errors included.
struct TapeWriter {
    var kinds: UnsafeMutablePointer<UInt8>
    var starts: UnsafeMutablePointer<Int32>
    var ends: UnsafeMutablePointer<Int32>
    var capacity: Int
    var count: Int

    init(_ tape: JSONTape) {
        kinds = tape.kindBytes
        starts = tape.startOffsets
        ends = tape.endOffsets
        capacity = tape.capacity
        count = tape.count
    }

    func finish(into tape: JSONTape) {
        tape.kindBytes = kinds
        tape.startOffsets = starts
        tape.endOffsets = ends
        tape.capacity = capacity
        tape.count = count
    }

    @inline(__always)
    mutating func append(_ kind: UInt8, _ start: Int, _ end: Int32) {
        if count == capacity { grow() }
        kinds[count] = kind
        starts[count] = Int32(truncatingIfNeeded: start)
        ends[count] = end
        count += 1
    }

    @inline(never)
    mutating func grow() {
        let newCapacity = capacity * 2
        kinds = Self.regrow(kinds, from: capacity, to: newCapacity)
        starts = Self.regrow(starts, from: capacity, to: newCapacity)
        ends = Self.regrow(ends, from: capacity, to: newCapacity)
        capacity = newCapacity
    }

    static func regrow<T>(_ old: UnsafeMutablePointer<T>, from: Int, to: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: to)
        new.moveInitialize(from: old, count: from)
        old.deallocate()
        return new
    }
}
