/// UTF-8 well-formedness as RFC 3629 defines it: no overlong forms, no surrogates
/// (U+D800...U+DFFF), nothing above U+10FFFF.
public enum UTF8Validation {
    /// The byte offset of the first invalid sequence, or `nil` when all of `bytes` is valid.
    public static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII fast path: eight bytes at a time while no high bit is set.
            while i + 8 <= count, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= count { break }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > count { return i }
            let second = bytes[i + 1]
            if second < lower || second > upper { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// Whether every byte is below 0x80 (then the bytes are valid UTF-8): 32 bytes a step.
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 32 <= count {
            high |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                | base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            i += 32
            if i & 4095 == 0 && high & 0x8080_8080_8080_8080 != 0 { return false }
        }
        while i < count { high |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
