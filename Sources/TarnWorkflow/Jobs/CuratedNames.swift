import Foundation

/// Names taken from data or from other files (table names, partition keys and values, raw
/// file names) made safe as one folder or file name under the curated root: nothing can
/// climb out (`..`, `/`), hide (a leading `.` or `_`, which readers skip), or break a
/// `key=value` folder. Escaping follows Hive's: `%` and the two hex digits of each byte.
enum CuratedNames {
    /// Hive's name for a null partition value.
    static let nullPartition = "__HIVE_DEFAULT_PARTITION__"

    /// `text` escaped for one path component.
    static func escape(_ text: String) -> String {
        if text.isEmpty { return nullPartition }
        var result = ""
        for (index, byte) in text.utf8.enumerated() {
            let needsEscape: Bool
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: ":"),
                 UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "?"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                needsEscape = true
            case UInt8(ascii: "."), UInt8(ascii: "_"):
                needsEscape = index == 0   // no hidden names, no `.` or `..`
            default:
                needsEscape = false
            }
            if needsEscape { result += String(format: "%%%02X", byte) } else { result += String(decoding: [byte], as: UTF8.self) }
        }
        return result
    }

    /// A file's name without its folders and extensions (`a/b.csv.gz` → `b`).
    static func stem(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        while let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }

    /// `key=value`, both escaped.
    static func partitionFolder(key: String, value: String?) -> String {
        escape(key) + "=" + (value.map(escape) ?? nullPartition)
    }

    /// A stable stem for the outputs of one raw file: its name without extensions, escaped,
    /// and a hash of its path relative to the table, so two `data.csv` in different folders
    /// do not collide and a rerun of the same file replaces its own outputs.
    static func fileKey(relativePath: String) -> String {
        let stem = escape(String(self.stem(relativePath).prefix(60)))
        return "\(stem)-\(String(HeadHash.fnv1a(Array(relativePath.utf8)), radix: 16).leftPadded(to: 16).prefix(12))"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A hash of a file's first bytes (FNV-1a, 64 bits, over up to 64 KiB): with size and
/// modification time, what a job bookmark compares to tell a changed file.
enum HeadHash {
    static let headBytes = 64 << 10

    static func of(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw WorkflowError(.job, "cannot open \(path) to hash its head")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: headBytes)) ?? Data()
        return String(fnv1a(Array(data)), radix: 16).leftPadded(to: 16)
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
