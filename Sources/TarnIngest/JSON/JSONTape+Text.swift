// A value's JSON text, rebuilt from the tape without insignificant whitespace: the content
// of a `json` column. Strings and numbers keep their bytes as written (escapes included),
// so the text is valid JSON and the value is exactly the input's; only the layout between
// tokens is normalized (`{"a": [1, 2]}` → `{"a":[1,2]}`), which keeps pretty-printed input
// on one line per value.

extension JSONTape {
    /// Appends the compact JSON text of the value starting at token `index` to `out`.
    func appendCompactText(_ index: Int, in bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let end = nextSibling(of: index)
        let kinds = rawKinds, starts = rawStarts, ends = rawEnds
        var previousEndsValue = false
        for k in index ..< end {
            let kind = kinds[k] & JSONTape.kindMask
            let isClosing = kind == JSONTokenKind.objectEnd.rawValue || kind == JSONTokenKind.arrayEnd.rawValue
            if previousEndsValue && !isClosing { out.append(0x2C) } // ,
            switch kind {
            case JSONTokenKind.objectStart.rawValue: out.append(0x7B); previousEndsValue = false
            case JSONTokenKind.arrayStart.rawValue: out.append(0x5B); previousEndsValue = false
            case JSONTokenKind.objectEnd.rawValue: out.append(0x7D); previousEndsValue = true
            case JSONTokenKind.arrayEnd.rawValue: out.append(0x5D); previousEndsValue = true
            case JSONTokenKind.key.rawValue:
                out.append(0x22)
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[Int(starts[k]) ..< Int(ends[k])]))
                out.append(0x22)
                out.append(0x3A) // :
                previousEndsValue = false
            case JSONTokenKind.string.rawValue:
                out.append(0x22)
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[Int(starts[k]) ..< Int(ends[k])]))
                out.append(0x22)
                previousEndsValue = true
            default: // number, true, false, null
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[Int(starts[k]) ..< Int(ends[k])]))
                previousEndsValue = true
            }
        }
    }

    /// The compact JSON text of the value at `index` (messages and tests).
    func compactText(_ index: Int, in bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        appendCompactText(index, in: bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
