/// Table names as the catalog and the engines reading its exports like them: lower case
/// letters, digits and `_` (Glue lowercases names; Hive and Athena reject most punctuation).
enum TableNames {
    static func sanitize(_ raw: String) -> String {
        var out = ""
        var lastWasUnderscore = false
        for scalar in raw.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if keep {
                out.unicodeScalars.append(scalar)
                lastWasUnderscore = false
            } else if !lastWasUnderscore {
                out.append("_")
                lastWasUnderscore = true
            }
        }
        while out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("_") { out.removeLast() }
        return out.isEmpty ? "table" : out
    }

    /// A file name without its data and compression extensions (`orders.csv.gz` → `orders`).
    static func stem(_ name: String) -> String {
        var stem = name
        for _ in 0..<2 {
            guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex else { break }
            stem = String(stem[..<dot])
        }
        return stem
    }

    /// `base`, or `base_2`, `base_3`… — the first not in `taken`; the result is added to it.
    static func unique(_ base: String, taken: inout Set<String>) -> String {
        var candidate = base
        var k = 2
        while taken.contains(candidate) {
            candidate = "\(base)_\(k)"
            k += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
