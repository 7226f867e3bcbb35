/// The texts that mean "no value" in raw files. An unquoted field equal to one of them is
/// null; a quoted one is always text (so `"NA"` in quotes stays the string NA).
public struct NullTokens: Sendable, Equatable {
    public private(set) var tokens: [[UInt8]]
    private var longest = 0
    /// Tokens of up to 8 bytes as little-endian words, by length (index 0...8): a value is
    /// compared with one integer compare instead of a memcmp per token.
    private var shortWords: [[UInt64]] = Array(repeating: [], count: 9)
    private var hasLongTokens = false

    /// Empty, `NULL`, `null`, `NA`, `N/A`, `\N`.
    public static let standard = NullTokens(["", "NULL", "null", "NA", "N/A", "\\N"])

    public init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
        longest = self.tokens.map(\.count).max() ?? 0
        for token in self.tokens {
            if token.count <= 8 {
                shortWords[token.count].append(token.reversed().reduce(0) { $0 << 8 | UInt64($1) })
            } else {
                hasLongTokens = true
            }
        }
    }

    @inline(__always)
    public func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= longest else { return false }
        if bytes.count <= 8 {
            var word: UInt64 = 0
            for k in 0..<bytes.count { word |= UInt64(bytes[k]) << (8 * UInt64(k)) }
            return shortWords[bytes.count].contains(word)
        }
        guard hasLongTokens else { return false }
        for token in tokens where token.count == bytes.count {
            if token.isEmpty || token.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, token.count) == 0 }) {
                return true
            }
        }
        return false
    }
}

import Foundation
