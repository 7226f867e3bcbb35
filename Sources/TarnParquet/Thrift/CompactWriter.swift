// Thrift compact protocol writer, the subset Parquet uses (no messages, maps or sets).
//
//   struct      := field* stop
//   field       := header value
//   header      := (delta << 4 | type)               when 1 <= delta <= 15
//                | type, zigzag-varint(field id)      otherwise (long form)
//   stop        := 0x00
//   bool field  := the value is the header type: 1 = true, 2 = false, no value byte
//   i8          := one byte
//   i16/i32/i64 := zigzag varint
//   double      := 8 bytes little-endian
//   binary      := varint(length) bytes
//   list        := (size << 4 | elemType) when size < 15, else (0xF0 | elemType) varint(size); elements
//
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

/// Appends Thrift compact-protocol values to a byte buffer.
///
/// Field ids are written as deltas from the previous field of the same struct, so
/// callers bracket each struct with `writeStructBegin()` / `writeStructEnd()` and
/// write fields in increasing id order (the ids in `parquet.thrift`).
struct CompactWriter {
    var output: ByteWriter
    /// The last field id written in the current struct.
    private var lastFieldId: Int16 = 0
    /// Saved `lastFieldId` of each enclosing struct.
    private var enclosingFieldIds: [Int16] = []

    init(capacity: Int = 256) {
        output = ByteWriter(capacity: capacity)
    }

    /// The bytes written so far.
    var bytes: [UInt8] { output.bytes }

    // MARK: Structs and fields

    mutating func writeStructBegin() {
        enclosingFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    /// Writes the field stop byte and returns to the enclosing struct.
    mutating func writeStructEnd() {
        output.write(UInt8(0))
        precondition(!enclosingFieldIds.isEmpty, "writeStructEnd without writeStructBegin")
        lastFieldId = enclosingFieldIds.removeLast()
    }

    mutating func writeFieldHeader(_ type: CompactType, id: Int16) {
        let delta = Int(id) - Int(lastFieldId)
        if delta >= 1 && delta <= 15 {
            output.write(UInt8(delta) << 4 | type.rawValue)
        } else {
            output.write(type.rawValue)
            output.writeZigZag(Int64(id))
        }
        lastFieldId = id
    }

    // MARK: Bare values (list elements, or after a field header)

    mutating func writeI8(_ value: Int8) { output.write(UInt8(bitPattern: value)) }
    mutating func writeI16(_ value: Int16) { output.writeZigZag(Int64(value)) }
    mutating func writeI32(_ value: Int32) { output.writeZigZag(Int64(value)) }
    mutating func writeI64(_ value: Int64) { output.writeZigZag(value) }
    mutating func writeDouble(_ value: Double) { output.write(value) }

    mutating func writeBinary(_ value: [UInt8]) {
        output.writeVarint(UInt64(value.count))
        output.write(value)
    }

    mutating func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            output.writeVarint(UInt64(utf8.count))
            output.write(UnsafeRawBufferPointer(utf8))
        }
    }

    /// A bool outside a field header (a list element): one byte, 1 = true, 2 = false.
    mutating func writeBoolElement(_ value: Bool) {
        output.write(value ? CompactType.booleanTrue.rawValue : CompactType.booleanFalse.rawValue)
    }

    mutating func writeListHeader(_ elementType: CompactType, count: Int) {
        precondition(count >= 0)
        if count < 15 {
            output.write(UInt8(count) << 4 | elementType.rawValue)
        } else {
            output.write(0xF0 | elementType.rawValue)
            output.writeVarint(UInt64(count))
        }
    }

    // MARK: Fields (header + value)

    mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(value ? .booleanTrue : .booleanFalse, id: id)
    }

    mutating func writeField(_ id: Int16, i8 value: Int8) {
        writeFieldHeader(.i8, id: id)
        writeI8(value)
    }

    mutating func writeField(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(.i16, id: id)
        writeI16(value)
    }

    mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(.i32, id: id)
        writeI32(value)
    }

    mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(.i64, id: id)
        writeI64(value)
    }

    mutating func writeField(_ id: Int16, double value: Double) {
        writeFieldHeader(.double, id: id)
        writeDouble(value)
    }

    mutating func writeField(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(.binary, id: id)
        writeBinary(value)
    }

    mutating func writeField(_ id: Int16, string value: String) {
        writeFieldHeader(.binary, id: id)
        writeString(value)
    }

    /// A Thrift enum: an i32 field.
    mutating func writeField<E: ThriftEnum>(_ id: Int16, enum value: E) {
        writeField(id, i32: value.rawValue)
    }

    mutating func writeField<S: ThriftStruct>(_ id: Int16, struct value: S) {
        writeFieldHeader(.struct, id: id)
        value.encode(to: &self)
    }

    /// A union member whose value is an empty struct (`ParquetTimeUnit`, `TypeDefinedOrder`...).
    mutating func writeEmptyStructField(_ id: Int16) {
        writeFieldHeader(.struct, id: id)
        writeStructBegin()
        writeStructEnd()
    }

    // MARK: List fields

    mutating func writeField<S: ThriftStruct>(_ id: Int16, list values: [S]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.struct, count: values.count)
        for value in values { value.encode(to: &self) }
    }

    mutating func writeField<E: ThriftEnum>(_ id: Int16, enumList values: [E]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.i32, count: values.count)
        for value in values { writeI32(value.rawValue) }
    }

    mutating func writeField(_ id: Int16, i32List values: [Int32]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.i32, count: values.count)
        for value in values { writeI32(value) }
    }

    mutating func writeField(_ id: Int16, i64List values: [Int64]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.i64, count: values.count)
        for value in values { writeI64(value) }
    }

    mutating func writeField(_ id: Int16, boolList values: [Bool]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.booleanTrue, count: values.count)
        for value in values { writeBoolElement(value) }
    }

    mutating func writeField(_ id: Int16, binaryList values: [[UInt8]]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.binary, count: values.count)
        for value in values { writeBinary(value) }
    }

    mutating func writeField(_ id: Int16, stringList values: [String]) {
        writeFieldHeader(.list, id: id)
        writeListHeader(.binary, count: values.count)
        for value in values { writeString(value) }
    }
}
