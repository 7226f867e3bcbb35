extension CSVRecordBlock {
    /// Record `r`'s raw bytes without its line ending (for bad-record logs).
    func recordBytes(_ r: Int, in chunk: UnsafeRawBufferPointer, consumed: Int) -> UnsafeRawBufferPointer {
        var end = r + 1 < recordCount ? recordStarts[r + 1] : consumed
        while end > recordStarts[r] && (chunk[end - 1] == 0x0A || chunk[end - 1] == 0x0D) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: chunk[recordStarts[r]..<end])
    }

    /// The 1-based character column where field `f` starts on its physical line.
    func lineColumn(ofField f: Int, in chunk: UnsafeRawBufferPointer) -> Int {
        var start = fieldStarts[f]
        // A quoted field's bytes start after its quote.
        if fieldFlags[f] & CSVRecordBlock.quotedFlag != 0 && start > 0 { start -= 1 }
        var lineStart = start
        while lineStart > 0 && chunk[lineStart - 1] != 0x0A && chunk[lineStart - 1] != 0x0D { lineStart -= 1 }
        // Count characters, not bytes: skip UTF-8 continuation bytes.
        return UnsafeRawBufferPointer(rebasing: chunk[lineStart..<start]).reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
