/// The texts that mean "no value" in raw files. An unquoted field equal to one of them is
/// null; a quoted one is always text (so `"NA"` in quotes stays the string NA).
public struct NullTokens: Sendable, Equatable {
    public private(set) var tokens: [[UInt8]]
    private var longest = 0

    /// Empty, `NULL`, `null`, `NA`, `N/A`, `\N`.
    public static let standard = NullTokens(["", "NULL", "null", "NA", "N/A", "\\N"])

    public init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
        longest = self.tokens.map(\.count).max() ?? 0
    }

    @inline(__always)
    public func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= longest else { return false }
        for token in tokens where token.count == bytes.count {
            if token.isEmpty || token.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, token.count) == 0 }) {
                return true
            }
        }
        return false
    }
}

import Foundation
