/// A `parquet.thrift` struct that encodes itself with the compact protocol.
///
/// `encode(to:)` writes the whole struct, stop byte included; `init(from:)` reads one and
/// throws `.malformed` when a required field is missing. Unknown fields are skipped.
protocol ThriftStruct {
    func encode(to writer: inout CompactWriter)
    init(from reader: inout CompactReader) throws(ParquetError)
}

extension ThriftStruct {
    /// The compact-protocol bytes of this struct.
    func serialized() -> [UInt8] {
        var writer = CompactWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Decodes one struct from the start of `bytes`; trailing bytes are ignored.
    init(decoding bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var reader = CompactReader(bytes)
        self = try Self(from: &reader)
    }

    /// Decodes one struct from the start of `bytes` and says how many bytes it took
    /// (a page header is followed by its page).
    static func decodePrefix(of bytes: UnsafeRawBufferPointer) throws(ParquetError) -> (value: Self, byteCount: Int) {
        var reader = CompactReader(bytes)
        let value = try Self(from: &reader)
        return (value, reader.position)
    }

    /// Decodes one struct from an array (convenience for tests and small buffers).
    init(decoding bytes: [UInt8]) throws(ParquetError) {
        var result: Result<Self, ParquetError>!
        bytes.withUnsafeBytes { raw in
            result = Result { () throws(ParquetError) -> Self in try Self(decoding: raw) }
        }
        self = try result.get()
    }
}

/// A Thrift enum: an open set of i32 values, so values from newer writers pass through.
protocol ThriftEnum: RawRepresentable, Hashable, Sendable, CustomStringConvertible where RawValue == Int32 {
    init(rawValue: Int32)
    /// The spec's spelling (`PLAIN`, `INT64`), or `TypeName(n)` for an unknown value.
    var name: String { get }
}


/// Throws the error for a required field the struct did not contain.
func requireField<T>(_ value: T?, _ name: String, in structName: String, _ reader: CompactReader) throws(ParquetError) -> T {
    guard let value else { throw reader.malformed("\(structName) lacks required field \(name)") }
    return value
}
