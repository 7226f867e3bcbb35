extension ByteWriter {
    /// Appends the bytes `body` writes into a region of `maxCount` bytes; `body` returns
    /// how many it wrote (at most `maxCount`). Compressors know only a bound on their
    /// output, so the region is trimmed afterwards; on error nothing is appended.
    mutating func appendBounded(
        maxCount: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(ParquetError) -> Int
    ) throws(ParquetError) {
        precondition(maxCount >= 0)
        let start = bytes.count
        reserve(additional: maxCount)
        appendZeros(maxCount)
        let result: Result<Int, ParquetError> = bytes.withUnsafeMutableBytes { all in
            // `start + maxCount <= all.count` by construction, so the slice is in bounds.
            let region = UnsafeMutableRawBufferPointer(rebasing: all[start..<(start + maxCount)])
            do throws(ParquetError) { return .success(try body(region)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let written):
            precondition(written >= 0 && written <= maxCount, "compressor wrote past its bound")
            bytes.removeLast(maxCount - written)
        case .failure(let error):
            bytes.removeLast(maxCount)
            throw error
        }
    }
}

extension ByteWriter {
    /// Appends `count` zero bytes by copying from a shared zero page: a `memcpy` per 64 KiB
    /// whether optimized or not (appending `repeatElement(0, count:)` costs ~0.5 s per
    /// MB in a debug build, which made the codec tests slow).
    mutating func appendZeros(_ count: Int) {
        var remaining = count
        while remaining > 0 {
            let chunk = Swift.min(remaining, zeroPageSize)
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: zeroPage, count: chunk))
            remaining -= chunk
        }
    }
}

private let zeroPageSize = 1 << 16
/// Never written after initialization, so sharing it between threads is safe.
nonisolated(unsafe) private let zeroPage: UnsafeRawPointer = {
    let page = UnsafeMutableRawPointer.allocate(byteCount: zeroPageSize, alignment: 64)
    page.initializeMemory(as: UInt8.self, repeating: 0, count: zeroPageSize)
    return UnsafeRawPointer(page)
}()

/// A non-null address for empty buffers: C libraries may reject a null pointer even
/// with a zero length.
nonisolated(unsafe) let emptyBufferAddress = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)

extension UnsafeRawBufferPointer {
    /// The base address, or a valid dummy address when the buffer is empty.
    var nonNullBase: UnsafeRawPointer { baseAddress.map { $0 } ?? UnsafeRawPointer(emptyBufferAddress) }
}

extension UnsafeMutableRawBufferPointer {
    var nonNullBase: UnsafeMutableRawPointer { baseAddress ?? emptyBufferAddress }
}
