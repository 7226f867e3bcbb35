import Foundation
import TarnCatalog
import TarnCore
import TarnIngest

/// Partition columns from the folders between a table's folder and its files, as Hive and
/// the cloud crawlers read them:
///
/// - `key=value` folders (the same key at one depth in every file) make a column `key`;
///   the value is percent-decoded, and `__HIVE_DEFAULT_PARTITION__` stands for null.
/// - Other folders (`2024/11/30`) make `partition_0`, `partition_1`, … with the folder
///   name as the value.
/// - Each column's type is inferred from its values by ingestion's rules (`2024` int32,
///   `2024-11-30` date, `01` string — a leading zero is kept), time-of-day and UUID
///   values stay strings.
enum PartitionFolders {
    static let defaultPartition = "__HIVE_DEFAULT_PARTITION__"

    /// `key=value` split, or nil for a folder without `=` (or with an empty key).
    static func keyValue(_ segment: String) -> (key: String, value: String)? {
        guard let eq = segment.firstIndex(of: "="), eq != segment.startIndex else { return nil }
        let key = String(segment[..<eq])
        let value = String(segment[segment.index(after: eq)...])
        return (key, value.removingPercentEncoding ?? value)
    }

    /// The keys for `depth` levels of folders, and each file's values (one per key).
    static func keys(segments: [[String]], depth: Int) -> (names: [String], values: [[String]]) {
        var names: [String] = []
        var values = [[String]](repeating: [], count: segments.count)
        for level in 0..<depth {
            let pairs = segments.map { keyValue($0[level]) }
            let key = pairs.first??.key
            let named = key != nil && pairs.allSatisfy { $0?.key == key }
            names.append(named ? key! : "partition_\(level)")
            for (i, file) in segments.enumerated() {
                values[i].append(named ? pairs[i]!.value : file[level])
            }
        }
        return (names, values)
    }

    /// The type a partition column's values allow.
    static func type(of values: some Sequence<String>) -> DataType {
        var inferred = InferredType()
        for value in Set(values) where value != defaultPartition {
            let bytes = Array(value.utf8)
            if bytes.isEmpty { inferred.observeNull(); continue }
            bytes.withUnsafeBytes { inferred.observe($0) }
        }
        switch inferred.type {
        case .time, .uuid: return .string
        case let type: return type
        }
    }
}
