/// The tape's buffers and the bytes they index, as plain pointers for the per-value walks
/// of inference and batch building: no per-token precondition, no class-property access.
/// Valid only while the tape is not appended to and the bytes are alive.
struct JSONTapeView {
    let kinds: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int32>
    let ends: UnsafePointer<Int32>
    let base: UnsafePointer<UInt8>
    let bytes: UnsafeRawBufferPointer
    let tape: JSONTape

    static let objectStart = JSONTokenKind.objectStart.rawValue
    static let arrayStart = JSONTokenKind.arrayStart.rawValue
    static let key = JSONTokenKind.key.rawValue
    static let string = JSONTokenKind.string.rawValue
    static let number = JSONTokenKind.number.rawValue
    static let `true` = JSONTokenKind.true.rawValue
    static let `false` = JSONTokenKind.false.rawValue
    static let null = JSONTokenKind.null.rawValue

    /// An empty buffer's base address is nil; a one-byte stand-in keeps `base` non-nil.
    private static let emptyByte: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)

    init(_ tape: JSONTape, _ bytes: UnsafeRawBufferPointer) {
        self.tape = tape
        kinds = UnsafePointer(tape.kindBytes)
        starts = UnsafePointer(tape.startOffsets)
        ends = UnsafePointer(tape.endOffsets)
        self.bytes = bytes
        base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(Self.emptyByte)
    }

    @inline(__always) func kind(_ t: Int) -> UInt8 { kinds[t] & JSONTape.kindMask }
    @inline(__always) func start(_ t: Int) -> Int { Int(starts[t]) }
    @inline(__always) func end(_ t: Int) -> Int { Int(ends[t]) }
    @inline(__always) func isEscaped(_ t: Int) -> Bool { kinds[t] & JSONTape.escapedFlag != 0 }
    @inline(__always) func isInteger(_ t: Int) -> Bool { kinds[t] & JSONTape.fractionFlag == 0 }

    /// For a container start, the index of its closing token.
    @inline(__always) func closing(_ t: Int) -> Int { Int(ends[t]) }

    @inline(__always)
    func nextSibling(_ t: Int) -> Int {
        let k = kind(t)
        return k == Self.objectStart || k == Self.arrayStart ? Int(ends[t]) + 1 : t + 1
    }

    /// A scalar token's bytes (strings without quotes, escapes not decoded).
    @inline(__always)
    func slice(_ t: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start(t), count: end(t) - start(t))
    }

    /// The same bytes typed, for appending to a `[UInt8]` (the typed buffer takes the
    /// array's memcpy path; the raw one went element by element).
    @inline(__always)
    func typedSlice(_ t: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start(t), count: end(t) - start(t))
    }

    /// Whether an unescaped key token's bytes equal `name`. Keys are short: compared a
    /// word at a time inline (a `memcmp` call cost more than the comparison).
    @inline(__always)
    func keyEquals(_ t: Int, _ name: UnsafeRawBufferPointer) -> Bool {
        let s = start(t)
        let n = end(t) - s
        guard n == name.count else { return false }
        let a = UnsafeRawPointer(base + s)
        guard let b = name.baseAddress else { return true }
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// A string or key token's decoded bytes (the slow path for tokens with escapes).
    func decoded(_ t: Int) -> [UInt8] { tape.unescapedBytes(t, in: bytes) }

    /// An integer token's value, or nil beyond Int64 (the scanner has checked the grammar).
    @inline(__always)
    func int64(_ t: Int) -> Int64? {
        var i = start(t)
        let e = end(t)
        let negative = base[i] == 0x2D
        if negative { i += 1 }
        // Up to 18 digits cannot overflow: no checks in the loop.
        if e - i <= 18 {
            var value: Int64 = 0
            while i < e {
                value = value &* 10 &+ Int64(base[i] &- 0x30)
                i += 1
            }
            return negative ? -value : value
        }
        return tape.int64(t, in: bytes)
    }

    /// A number token as a Double; nil when it is too large for a finite one.
    @inline(__always)
    func double(_ t: Int) -> Double? {
        if let fast = JSONTape.fastDouble(bytes, start(t) ..< end(t)) { return fast }
        return tape.double(t, in: bytes)
    }

    /// The number of digits of an integer token (without its sign).
    @inline(__always)
    func digitCount(_ t: Int) -> Int {
        let s = start(t)
        return end(t) - s - (base[s] == 0x2D ? 1 : 0)
    }

    /// A token's text for messages: strings decoded, containers as compact JSON, at most
    /// `limit` bytes.
    func text(_ t: Int, limit: Int = 200) -> String {
        let k = kind(t)
        var out: [UInt8]
        if k == Self.string || k == Self.key {
            out = decoded(t)
        } else {
            out = []
            tape.appendCompactText(t, in: bytes, to: &out)
        }
        if out.count > limit { out.removeLast(out.count - limit) }
        return String(decoding: out, as: UTF8.self)
    }
}
