import TarnCore

/// Reads the data of a Parquet file into `ColumnBatch`es: whole row groups, or the first
/// rows of the file for a preview.
///
/// ```swift
/// let reader = try ParquetFileReader(path: "sales.parquet")
/// print(reader.schema, reader.rowCount)
/// let preview = try reader.readRows(limit: 10)
/// for group in 0..<reader.rowGroupCount { let batch = try reader.readRowGroup(group) }
/// ```
///
/// Every length in the file is checked before use: a corrupt or truncated file throws
/// `ParquetError` (`.malformed`), and features Tarn does not read (encryption, LZ4 and
/// BROTLI compression, types Tarn has no equivalent for) throw `.unsupported`. The open
/// file is closed when the reader is released. Not safe to share between threads.
public final class ParquetFileReader {
    public let path: String
    /// The footer as stored.
    public let metadata: FileMetaData
    /// The file's columns as Tarn types (see `LeafTypeMapping` and `ReaderSchema` for the rules).
    public let schema: Schema
    private let file: ReadOnlyFile
    private let plan: ReaderSchema

    /// Opens `path` and reads its footer and schema.
    public init(path: String) throws(ParquetError) {
        self.path = path
        do throws(ParquetError) {
            file = try ReadOnlyFile(path: path)
            metadata = try ParquetFooter.read(from: file)
            let tree = try ParquetSchema(metadata.schema)
            try tree.validate(metadata)
            plan = try ReaderSchema(tree)
            for (i, group) in metadata.rowGroups.enumerated() where group.numRows < 0 || group.numRows > Int64(Int32.max) * 64 {
                throw ParquetError(.malformed, "row group \(i) claims \(group.numRows) rows")
            }
        } catch {
            throw error.at(path: path)
        }
        schema = plan.schema
    }

    /// Rows in the file (the sum over its row groups).
    public var rowCount: Int { Int(metadata.rowCount) }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Reads row group `index`, all columns or only the top-level `columns` named (in the
    /// order given).
    public func readRowGroup(_ index: Int, columns: [String]? = nil) throws(ParquetError) -> ColumnBatch {
        guard index >= 0 && index < rowGroupCount else {
            throw ParquetError(.invalidInput, "row group \(index) does not exist; the file has \(rowGroupCount)", path: path)
        }
        do {
            let fields = try selectedFields(columns)
            let rows = Int(metadata.rowGroups[index].numRows)
            let leaves = try decodeLeaves(of: fields, rowGroup: index, recordLimit: nil)
            return try assemble(fields, leaves: leaves, rows: rows)
        } catch {
            throw error.at(path: path)
        }
    }

    /// Reads the first `limit` rows of the file (all of them if it has fewer), decoding only
    /// the row groups and pages those rows need.
    public func readRows(limit: Int, columns: [String]? = nil) throws(ParquetError) -> ColumnBatch {
        precondition(limit >= 0, "the row limit must not be negative")
        do {
            let fields = try selectedFields(columns)
            var leaves: [Int: LeafData] = [:]
            var rows = 0
            for index in 0..<rowGroupCount where rows < limit {
                let groupRows = Int(metadata.rowGroups[index].numRows)
                guard groupRows > 0 else { continue }
                let wanted = Swift.min(groupRows, limit - rows)
                let decoded = try decodeLeaves(of: fields, rowGroup: index, recordLimit: wanted < groupRows ? wanted : nil)
                for (leafIndex, var data) in decoded {
                    if wanted < groupRows { data.truncate(toRecords: wanted) }
                    if leaves[leafIndex] == nil { leaves[leafIndex] = data } else { try leaves[leafIndex]!.append(contentsOf: data) }
                }
                rows += wanted
            }
            if leaves.isEmpty {
                for field in fields { for leaf in plan.leafRanges[field] { leaves[leaf] = LeafData(plan: plan.leaves[leaf]) } }
            }
            return try assemble(fields, leaves: leaves, rows: rows)
        } catch {
            throw error.at(path: path)
        }
    }

    /// Indices of the top-level fields to read.
    private func selectedFields(_ names: [String]?) throws(ParquetError) -> [Int] {
        guard let names else { return Array(schema.fields.indices) }
        var indices: [Int] = []
        for name in names {
            guard let index = schema.index(of: name) else {
                throw ParquetError(.invalidInput, "no column named '\(name)'; the file has \(schema.fields.map(\.name).joined(separator: ", "))")
            }
            indices.append(index)
        }
        return indices
    }

    /// Decodes the column chunks of the leaves under `fields` in one row group.
    private func decodeLeaves(of fields: [Int], rowGroup: Int, recordLimit: Int?) throws(ParquetError) -> [Int: LeafData] {
        let group = metadata.rowGroups[rowGroup]
        let rows = Int(group.numRows)
        var leaves: [Int: LeafData] = [:]
        for field in fields {
            for leaf in plan.leafRanges[field] where leaves[leaf] == nil {
                let leafPlan = plan.leaves[leaf]
                let chunk = group.columns[leaf]
                guard let chunkMetadata = chunk.metaData else {
                    throw ParquetError(.unsupported, "row group \(rowGroup) has no metadata for its column chunk (encrypted or in another file)", column: leafPlan.dottedPath)
                }
                if let filePath = chunk.filePath, !filePath.isEmpty {
                    throw ParquetError(.unsupported, "the column chunk lives in another file ('\(filePath)')", column: leafPlan.dottedPath)
                }
                var decoder = try ColumnChunkDecoder(plan: leafPlan, metadata: chunkMetadata)
                // An empty row group's chunks may point anywhere (even offset 0): nothing to read.
                guard rows > 0 && chunkMetadata.numValues > 0 else {
                    leaves[leaf] = decoder.data
                    continue
                }
                var source = try PageSource(file: file, chunk: chunkMetadata, path: leafPlan.dottedPath,
                                            legacySizes: metadata.hasLegacyChunkSizes, readWhole: recordLimit == nil)
                try decoder.decode(from: &source, recordLimit: recordLimit, expectedRecords: rows)
                leaves[leaf] = decoder.data
            }
        }
        return leaves
    }

    private func assemble(_ fields: [Int], leaves: [Int: LeafData], rows: Int) throws(ParquetError) -> ColumnBatch {
        let assembler = RecordAssembler(leaves: leaves, plans: plan.leaves)
        var columns: [Column] = []
        columns.reserveCapacity(fields.count)
        for field in fields {
            columns.append(try assembler.assemble(plan.nodes[field], field: schema.fields[field], rows: rows))
        }
        let selected = Schema(fields.map { schema.fields[$0] })
        do {
            return try ColumnBatch(schema: selected, columns: columns)
        } catch {
            throw ParquetError(.malformed, "the decoded columns are inconsistent: \(error)", column: error.column)
        }
    }
}
