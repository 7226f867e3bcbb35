// Views over the values the column writer hands to encoders, once per data page.
// They borrow the column's storage; nothing is copied.

// PLAIN, BYTE_STREAM_SPLIT and the bitmaps copy memory as is: Parquet is little endian, and so
// is every machine Tarn builds for.
#if _endian(big)
#error("TarnParquet's encodings assume a little-endian machine")
#endif

/// Variable-length values laid out Arrow-style: value i is `data[offsets[i] ..< offsets[i+1]]`
/// (`offsets.count == count + 1`; `offsets[0]` need not be 0). Offsets index into `data`
/// from its start, so a page is a slice of `offsets` over the column's whole byte buffer.
struct ByteArrayView {
    let offsets: UnsafeBufferPointer<Int32>
    let data: UnsafeRawBufferPointer
    var count: Int { offsets.count - 1 }

    init(offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer) {
        precondition(offsets.count >= 1, "ByteArrayView needs count + 1 offsets")
        self.offsets = offsets
        self.data = data
    }

    /// Bytes of value `i` (unchecked beyond a debug assertion).
    @inline(__always)
    func value(_ i: Int) -> UnsafeRawBufferPointer {
        let start = Int(offsets[i]), end = Int(offsets[i + 1])
        assert(start >= 0 && start <= end && end <= data.count)
        return UnsafeRawBufferPointer(start: data.baseAddress.map { $0 + start }, count: end - start)
    }
}

/// Fixed-length values: value i is `data[i*width ..< (i+1)*width]`.
struct FixedBytesView {
    let data: UnsafeRawBufferPointer
    let width: Int
    var count: Int

    init(data: UnsafeRawBufferPointer, width: Int, count: Int) {
        precondition(width >= 0 && count >= 0 && width * count <= data.count, "FixedBytesView out of bounds")
        self.data = data
        self.width = width
        self.count = count
    }

    init(data: UnsafeRawBufferPointer, width: Int) {
        precondition(width > 0 && data.count % width == 0, "FixedBytesView: byte count is not a multiple of width")
        self.init(data: data, width: width, count: data.count / width)
    }

    @inline(__always)
    func value(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: data.baseAddress.map { $0 + i * width }, count: width)
    }
}
