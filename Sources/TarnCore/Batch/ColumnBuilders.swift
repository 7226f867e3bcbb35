/// Builders append values to contiguous buffers with no per-value allocation, then hand
/// the buffers to a `Column` without copying (`finish()` moves them out).
///
/// Nested builders hold only their own offsets and validity: the caller appends the child
/// values to child builders and passes the finished children to `finish`.

/// A validity bitmap that is allocated only when the first null arrives.
public struct ValidityBuilder: Sendable {
    public private(set) var bitmap: Bitmap?
    public private(set) var count = 0

    public init() {}

    @inline(__always)
    public mutating func appendValid() {
        bitmap?.append(true)
        count += 1
    }

    @inline(__always)
    public mutating func appendNull() {
        if bitmap == nil { bitmap = Bitmap(repeating: true, count: count) }
        bitmap!.append(false)
        count += 1
    }

    mutating func take() -> Bitmap? {
        defer { bitmap = nil; count = 0 }
        return bitmap
    }
}

/// A fixed-width element a column can store directly.
public protocol ColumnElement: BitwiseCopyable, Sendable {
    static var zero: Self { get }
    static func makeValues(_ values: [Self]) -> ColumnValues
}

extension Int32: ColumnElement { public static func makeValues(_ v: [Int32]) -> ColumnValues { .int32(v) } }
extension Int64: ColumnElement { public static func makeValues(_ v: [Int64]) -> ColumnValues { .int64(v) } }
extension Int128: ColumnElement { public static func makeValues(_ v: [Int128]) -> ColumnValues { .int128(v) } }
extension Float: ColumnElement { public static func makeValues(_ v: [Float]) -> ColumnValues { .float32(v) } }
extension Double: ColumnElement { public static func makeValues(_ v: [Double]) -> ColumnValues { .float64(v) } }

public struct FixedWidthColumnBuilder<Element: ColumnElement>: Sendable {
    public private(set) var values: [Element] = []
    public private(set) var validity = ValidityBuilder()

    public init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    public var count: Int { values.count }

    @inline(__always)
    public mutating func append(_ value: Element) {
        values.append(value)
        validity.appendValid()
    }

    @inline(__always)
    public mutating func appendNull() {
        values.append(.zero)
        validity.appendNull()
    }

    public mutating func append(_ value: Element?) {
        if let value { append(value) } else { appendNull() }
    }

    public mutating func finish() -> Column {
        let column = Column(values: Element.makeValues(values), validity: validity.take(), count: values.count)
        values = []
        return column
    }
}

public struct BooleanColumnBuilder: Sendable {
    public private(set) var values = Bitmap()
    public private(set) var validity = ValidityBuilder()

    public init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    public var count: Int { values.count }

    @inline(__always)
    public mutating func append(_ value: Bool) {
        values.append(value)
        validity.appendValid()
    }

    @inline(__always)
    public mutating func appendNull() {
        values.append(false)
        validity.appendNull()
    }

    public mutating func append(_ value: Bool?) {
        if let value { append(value) } else { appendNull() }
    }

    public mutating func finish() -> Column {
        let column = Column(values: .boolean(values), validity: validity.take(), count: values.count)
        values = Bitmap()
        return column
    }
}

/// Strings, binary and JSON text: one contiguous byte buffer plus offsets.
public struct BytesColumnBuilder: Sendable {
    public private(set) var offsets: [Int32] = [0]
    /// Bytes written so far are `storage[0..<byteCount]`; the rest is zeroed spare room.
    /// Writing through a pointer into spare room costs a tenth of `Array.append(contentsOf:)`
    /// per value (which was 5% of a CSV conversion's instructions).
    private var storage: [UInt8] = []
    private var byteCount = 0
    public private(set) var validity = ValidityBuilder()

    public init(capacity: Int = 0, byteCapacity: Int = 0) {
        offsets.reserveCapacity(capacity + 1)
        if byteCapacity > 0 { storage = [UInt8](repeating: 0, count: byteCapacity) }
    }

    public var count: Int { offsets.count - 1 }

    /// The bytes appended so far (a copy).
    public var data: [UInt8] { Array(storage[0..<byteCount]) }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        if n > 0, let source = bytes.baseAddress {
            let start = byteCount
            if storage.count &- start < n { grow(toHold: start &+ n) }
            storage.withUnsafeMutableBytes { target in
                (target.baseAddress! + start).copyMemory(from: source, byteCount: n)
            }
            byteCount = start &+ n
        }
        offsets.append(Int32(truncatingIfNeeded: byteCount))
        validity.appendValid()
    }

    public mutating func append<C: Collection>(bytes: C) where C.Element == UInt8 {
        let copied = Array(bytes)
        copied.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    public mutating func appendNull() {
        offsets.append(Int32(truncatingIfNeeded: byteCount))
        validity.appendNull()
    }

    /// Room for at least `total` bytes: doubling, so appends stay amortized O(1).
    @inline(never)
    private mutating func grow(toHold total: Int) {
        precondition(total <= Int(Int32.max), "a string column's bytes exceed 2 GiB")
        let target = Swift.max(total, storage.count &* 2, 256)
        storage.append(contentsOf: repeatElement(0, count: target &- storage.count))
    }

    public mutating func finish() -> Column {
        storage.removeSubrange(byteCount...)
        let column = Column(values: .bytes(offsets: offsets, data: storage), validity: validity.take(), count: count)
        offsets = [0]
        storage = []
        byteCount = 0
        return column
    }
}

/// Fixed-length binary values (UUIDs).
public struct FixedBytesColumnBuilder: Sendable {
    public let width: Int
    /// Values so far are `storage[0..<byteCount]`; the rest is spare room (see
    /// `BytesColumnBuilder`: writing there beats `append(contentsOf:)` per value).
    private var storage: [UInt8] = []
    private var byteCount = 0
    public private(set) var validity = ValidityBuilder()

    public init(width: Int, capacity: Int = 0) {
        precondition(width > 0, "fixed width must be positive")
        self.width = width
        if capacity > 0 { storage = [UInt8](repeating: 0, count: width * capacity) }
    }

    public var count: Int { byteCount / width }

    /// The values appended so far, back to back (a copy).
    public var data: [UInt8] { Array(storage[0..<byteCount]) }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == width, "value has \(bytes.count) bytes, the column \(width)")
        _ = append { $0.copyMemory(from: bytes); return true }
    }

    public mutating func append(bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    /// Appends a value that `write` stores straight into the column (`width` bytes); when it
    /// returns false nothing is appended and the caller reports the value.
    @inline(__always)
    public mutating func append(writing write: (UnsafeMutableRawBufferPointer) -> Bool) -> Bool {
        let start = byteCount, width = self.width
        if storage.count &- start < width { grow() }
        let ok = storage.withUnsafeMutableBytes { all in
            write(UnsafeMutableRawBufferPointer(rebasing: all[start..<(start &+ width)]))
        }
        guard ok else { return false }
        byteCount = start &+ width
        validity.appendValid()
        return true
    }

    public mutating func appendNull() {
        let start = byteCount, width = self.width
        if storage.count &- start < width { grow() }
        _ = storage.withUnsafeMutableBytes { all in
            UnsafeMutableRawBufferPointer(rebasing: all[start..<(start &+ width)]).initializeMemory(as: UInt8.self, repeating: 0)
        }
        byteCount = start &+ width
        validity.appendNull()
    }

    @inline(never)
    private mutating func grow() {
        let target = Swift.max(storage.count &* 2, width &* 64)
        storage.append(contentsOf: repeatElement(0, count: target &- storage.count))
    }

    public mutating func finish() -> Column {
        storage.removeSubrange(byteCount...)
        let column = Column(values: .fixedBytes(width: width, data: storage), validity: validity.take(), count: count)
        storage = []
        byteCount = 0
        return column
    }
}

/// Offsets and validity of a list or map column; elements go to a separate child builder.
public struct ListColumnBuilder: Sendable {
    public private(set) var offsets: [Int32] = [0]
    public private(set) var validity = ValidityBuilder()

    public init(capacity: Int = 0) { offsets.reserveCapacity(capacity + 1) }

    public var count: Int { offsets.count - 1 }

    /// Ends a row holding the `length` child values appended since the previous row.
    @inline(__always)
    public mutating func appendList(length: Int) {
        offsets.append(offsets[offsets.count - 1] + Int32(length))
        validity.appendValid()
    }

    @inline(__always)
    public mutating func appendNull() {
        offsets.append(offsets[offsets.count - 1])
        validity.appendNull()
    }

    public mutating func finish(element: Column) -> Column {
        precondition(Int(offsets.last!) == element.count, "list offsets end at \(offsets.last!), the element column has \(element.count) rows")
        let column = Column(values: .list(offsets: offsets, element: element), validity: validity.take(), count: count)
        offsets = [0]
        return column
    }

    public mutating func finish(keys: Column, values: Column) -> Column {
        precondition(Int(offsets.last!) == keys.count && keys.count == values.count, "map offsets do not match its entries")
        let column = Column(values: .map(offsets: offsets, keys: keys, values: values), validity: validity.take(), count: count)
        offsets = [0]
        return column
    }
}

/// Validity of a struct column; each child column holds one row per struct row.
public struct StructColumnBuilder: Sendable {
    public private(set) var validity = ValidityBuilder()

    public init() {}

    public var count: Int { validity.count }

    @inline(__always) public mutating func appendValid() { validity.appendValid() }
    @inline(__always) public mutating func appendNull() { validity.appendNull() }

    public mutating func finish(children: [Column]) -> Column {
        let rows = validity.count
        precondition(children.allSatisfy { $0.count == rows }, "struct children must have \(rows) rows")
        return Column(values: .structure(children), validity: validity.take(), count: rows)
    }
}
