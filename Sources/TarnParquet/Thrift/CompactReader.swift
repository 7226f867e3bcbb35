// Thrift compact protocol reader (grammar in CompactWriter.swift), hardened for
// untrusted files: every length is checked against the bytes left before anything is
// allocated, list sizes are bounded by the bytes left (every element takes at least one
// byte), nesting is limited to `maxDepth`, and all failures throw `ParquetError`
// (kind `.malformed`) instead of trapping.

/// One field header read from a struct.
struct CompactField {
    var id: Int16
    var type: CompactType
}

/// Reads Thrift compact-protocol values from a byte buffer that may be corrupt.
struct CompactReader {
    /// Structs and lists nested deeper than this are rejected (parquet.thrift needs < 10).
    static let maxDepth = 64

    var input: ByteReader
    private var lastFieldId: Int16 = 0
    private var enclosingFieldIds: [Int16] = []
    private var depth = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        input = ByteReader(buffer)
    }

    /// Byte offset of the next read.
    var position: Int { input.position }

    func malformed(_ message: String) -> ParquetError {
        ParquetError(.malformed, "Thrift: \(message) (at byte \(input.position))")
    }

    // MARK: Structs and fields

    mutating func readStructBegin() throws(ParquetError) {
        try enter()
        enclosingFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    mutating func readStructEnd() {
        if let saved = enclosingFieldIds.popLast() { lastFieldId = saved }
        leave()
    }

    /// The next field header, or nil at the struct's stop byte.
    mutating func readFieldHeader() throws(ParquetError) -> CompactField? {
        let byte = try input.readByte()
        if byte == 0 { return nil }
        let type = try compactType(byte & 0x0F)
        let delta = byte >> 4
        let id: Int16
        if delta != 0 {
            let next = Int(lastFieldId) + Int(delta)
            guard next <= Int(Int16.max) else { throw malformed("field id overflows i16") }
            id = Int16(next)
        } else {
            id = try readI16()
        }
        lastFieldId = id
        return CompactField(id: id, type: type)
    }

    private func compactType(_ nibble: UInt8) throws(ParquetError) -> CompactType {
        guard let type = CompactType(rawValue: nibble) else { throw malformed("unknown type code \(nibble)") }
        return type
    }

    private mutating func enter() throws(ParquetError) {
        depth += 1
        if depth > Self.maxDepth { throw malformed("nesting deeper than \(Self.maxDepth)") }
    }

    private mutating func leave() {
        depth = Swift.max(0, depth - 1)
    }

    // MARK: Bare values

    mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try input.readByte())
    }

    mutating func readI16() throws(ParquetError) -> Int16 {
        let value = try input.readZigZag()
        guard let narrow = Int16(exactly: value) else { throw malformed("i16 value \(value) out of range") }
        return narrow
    }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let value = try input.readZigZag()
        guard let narrow = Int32(exactly: value) else { throw malformed("i32 value \(value) out of range") }
        return narrow
    }

    mutating func readI64() throws(ParquetError) -> Int64 {
        try input.readZigZag()
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        try input.readDouble()
    }

    /// A length prefix, checked against the bytes left.
    private mutating func readLength() throws(ParquetError) -> Int {
        let length = try input.readVarint()
        guard length <= UInt64(input.remaining) else {
            throw malformed("length \(length) exceeds the \(input.remaining) bytes left")
        }
        return Int(length)
    }

    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try readLength()
        return Array(try input.readBytes(length))
    }

    /// A Thrift string; invalid UTF-8 is replaced with U+FFFD rather than rejected.
    mutating func readString() throws(ParquetError) -> String {
        let length = try readLength()
        return String(decoding: try input.readBytes(length), as: UTF8.self)
    }

    /// A bool list element: 1 is true; 2 (and 0, from old writers) is false.
    mutating func readBoolElement() throws(ParquetError) -> Bool {
        switch try input.readByte() {
        case 1: return true
        case 0, 2: return false
        case let other: throw malformed("bool element byte \(other)")
        }
    }

    /// A list or set header; the count is at most the bytes left.
    mutating func readListHeader() throws(ParquetError) -> (elementType: CompactType, count: Int) {
        let byte = try input.readByte()
        let elementType = try compactType(byte & 0x0F)
        var count = Int(byte >> 4)
        if count == 15 {
            let long = try input.readVarint()
            guard long <= UInt64(input.remaining) else {
                throw malformed("list of \(long) elements exceeds the \(input.remaining) bytes left")
            }
            count = Int(long)
        } else if count > input.remaining {
            throw malformed("list of \(count) elements exceeds the \(input.remaining) bytes left")
        }
        return (elementType, count)
    }

    // MARK: Skipping unknown fields

    /// Skips a value of `type`, so fields added by newer writers are ignored.
    mutating func skip(_ type: CompactType) throws(ParquetError) {
        switch type {
        case .booleanTrue, .booleanFalse:
            return  // the value was in the field header
        case .i8:
            try input.skip(1)
        case .i16, .i32, .i64:
            _ = try input.readVarint()
        case .double:
            try input.skip(8)
        case .binary:
            try input.skip(try readLength())
        case .struct:
            try readStructBegin()
            while let field = try readFieldHeader() { try skip(field.type) }
            readStructEnd()
        case .list, .set:
            try enter()
            let (elementType, count) = try readListHeader()
            for _ in 0..<count { try skipElement(elementType) }
            leave()
        case .map:
            try enter()
            let count = try input.readVarint()
            if count > 0 {
                guard count <= UInt64(input.remaining) else { throw malformed("map of \(count) entries exceeds the bytes left") }
                let types = try input.readByte()
                let keyType = try compactType(types >> 4)
                let valueType = try compactType(types & 0x0F)
                for _ in 0..<Int(count) {
                    try skipElement(keyType)
                    try skipElement(valueType)
                }
            }
            leave()
        }
    }

    /// Skips a container element: unlike a field, a bool element has its own byte.
    private mutating func skipElement(_ type: CompactType) throws(ParquetError) {
        if type.isBool { _ = try readBoolElement() } else { try skip(type) }
    }

    // MARK: Typed field reads
    //
    // Each checks the header's type first. On a mismatch the value is skipped and nil
    // returned, as Thrift's generated readers do: some writers used other types for a
    // field id (e.g. a list at ColumnMetaData field 15), and a required field that ends
    // up missing is still reported by the struct.

    /// Skips `field` unless it has `type`; returns whether it matched.
    private mutating func matches(_ field: CompactField, _ type: CompactType) throws(ParquetError) -> Bool {
        if field.type == type { return true }
        try skip(field.type)
        return false
    }

    mutating func readBool(_ field: CompactField) throws(ParquetError) -> Bool? {
        guard field.type.isBool else { try skip(field.type); return nil }
        return field.type == .booleanTrue
    }

    mutating func readI8(_ field: CompactField) throws(ParquetError) -> Int8? {
        try matches(field, .i8) ? try readI8() : nil
    }

    mutating func readI16(_ field: CompactField) throws(ParquetError) -> Int16? {
        try matches(field, .i16) ? try readI16() : nil
    }

    mutating func readI32(_ field: CompactField) throws(ParquetError) -> Int32? {
        try matches(field, .i32) ? try readI32() : nil
    }

    mutating func readI64(_ field: CompactField) throws(ParquetError) -> Int64? {
        try matches(field, .i64) ? try readI64() : nil
    }

    mutating func readDouble(_ field: CompactField) throws(ParquetError) -> Double? {
        try matches(field, .double) ? try readDouble() : nil
    }

    mutating func readBinary(_ field: CompactField) throws(ParquetError) -> [UInt8]? {
        try matches(field, .binary) ? try readBinary() : nil
    }

    mutating func readString(_ field: CompactField) throws(ParquetError) -> String? {
        try matches(field, .binary) ? try readString() : nil
    }

    mutating func readEnum<E: ThriftEnum>(_ field: CompactField, as type: E.Type = E.self) throws(ParquetError) -> E? {
        try readI32(field).map { E(rawValue: $0) }
    }

    mutating func readStruct<S: ThriftStruct>(_ field: CompactField, as type: S.Type = S.self) throws(ParquetError) -> S? {
        try matches(field, .struct) ? try S(from: &self) : nil
    }

    // MARK: Typed list reads

    /// Reads a list header and returns its count, or nil after skipping a field that is
    /// not a list of `elements`. Integer lists accept i16, i32 and i64 elements alike
    /// (all are zigzag varints; values are range-checked when read).
    private mutating func readListHeader(_ field: CompactField, elements: CompactType) throws(ParquetError) -> Int? {
        guard field.type == .list || field.type == .set else {
            try skip(field.type)
            return nil
        }
        try enter()
        defer { leave() }
        let (elementType, count) = try readListHeader()
        let integers: Set<CompactType> = [.i16, .i32, .i64]
        let matches = elements.isBool ? elementType.isBool
            : integers.contains(elements) ? integers.contains(elementType)
            : elementType == elements
        // An empty list's element type is not always meaningful; accept it.
        if !matches && count > 0 {
            for _ in 0..<count { try skipElement(elementType) }
            return nil
        }
        return count
    }

    mutating func readList<S: ThriftStruct>(_ field: CompactField, of type: S.Type = S.self) throws(ParquetError) -> [S]? {
        guard let count = try readListHeader(field, elements: .struct) else { return nil }
        try enter()
        defer { leave() }
        var values: [S] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try S(from: &self)) }
        return values
    }

    mutating func readEnumList<E: ThriftEnum>(_ field: CompactField, of type: E.Type = E.self) throws(ParquetError) -> [E]? {
        try readI32List(field).map { $0.map { E(rawValue: $0) } }
    }

    mutating func readI32List(_ field: CompactField) throws(ParquetError) -> [Int32]? {
        guard let count = try readListHeader(field, elements: .i32) else { return nil }
        var values: [Int32] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readI32()) }
        return values
    }

    mutating func readI64List(_ field: CompactField) throws(ParquetError) -> [Int64]? {
        guard let count = try readListHeader(field, elements: .i64) else { return nil }
        var values: [Int64] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readI64()) }
        return values
    }

    mutating func readBoolList(_ field: CompactField) throws(ParquetError) -> [Bool]? {
        guard let count = try readListHeader(field, elements: .booleanTrue) else { return nil }
        var values: [Bool] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readBoolElement()) }
        return values
    }

    mutating func readBinaryList(_ field: CompactField) throws(ParquetError) -> [[UInt8]]? {
        guard let count = try readListHeader(field, elements: .binary) else { return nil }
        var values: [[UInt8]] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readBinary()) }
        return values
    }

    mutating func readStringList(_ field: CompactField) throws(ParquetError) -> [String]? {
        guard let count = try readListHeader(field, elements: .binary) else { return nil }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString()) }
        return values
    }

    // MARK: Unions of empty structs

    /// Reads a union whose members are all empty structs (or structs whose content the
    /// caller ignores) and returns the id of the member that is set.
    mutating func readUnionOfEmptyStructs(_ field: CompactField, union name: String) throws(ParquetError) -> Int16 {
        guard field.type == .struct else {
            throw malformed("field \(field.id) has type \(field.type.name), expected the \(name) union")
        }
        try readStructBegin()
        var member: Int16?
        while let inner = try readFieldHeader() {
            if member == nil { member = inner.id }
            try skip(inner.type)
        }
        readStructEnd()
        guard let member else { throw malformed("\(name) union has no member set") }
        return member
    }
}
