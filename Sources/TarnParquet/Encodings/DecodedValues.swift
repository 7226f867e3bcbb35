// Owned results of the decoders (used by readers and by round-trip tests).

/// Byte arrays decoded from a page: value i is `data[offsets[i] ..< offsets[i+1]]`, offsets from 0.
struct DecodedByteArrays: Equatable {
    var offsets: [Int32]
    var data: [UInt8]

    init() {
        offsets = [0]
        data = []
    }

    init(offsets: [Int32], data: [UInt8]) {
        self.offsets = offsets
        self.data = data
    }

    var count: Int { offsets.count - 1 }

    subscript(i: Int) -> ArraySlice<UInt8> { data[Int(offsets[i]) ..< Int(offsets[i + 1])] }

    /// Calls `body` with a borrowed view of these values.
    func withView<R>(_ body: (ByteArrayView) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { o in
            try data.withUnsafeBytes { d in try body(ByteArrayView(offsets: o, data: d)) }
        }
    }
}

/// A deprecated INT96 value (PLAIN: 12 bytes little endian), kept as its two little-endian
/// halves; in practice nanoseconds of the day then the Julian day.
struct Int96: Equatable, Hashable {
    var low: UInt64
    var high: UInt32
}
