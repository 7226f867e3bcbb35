// The `tarn inspect` view of a footer: a multi-line text for people and a JSON
// document for scripts, built from the same facts.
import Foundation

/// Describes a decoded footer for display.
public struct FooterDescription {
    public var metadata: FileMetaData
    /// The schema tree, or the error that stopped building it (the rest is still shown).
    public let schema: Result<ParquetSchema, ParquetError>
    /// Key-value values longer than this are shortened in the text view.
    public var maxTextValueLength = 160

    public init(metadata: FileMetaData) {
        self.metadata = metadata
        schema = Result { () throws(ParquetError) -> ParquetSchema in try metadata.schemaTree() }
    }

    // MARK: Shared facts

    /// The schema element of a row group's `index`-th column chunk.
    func leafElement(column index: Int, chunk: ColumnChunk) -> SchemaElement? {
        guard case let .success(tree) = schema else { return nil }
        if let path = chunk.metaData?.pathInSchema, let match = tree.leaves.first(where: { $0.path == path }) {
            return match.element
        }
        return index < tree.leaves.count ? tree.leaves[index].element : nil
    }

    func formatter(column index: Int, chunk: ColumnChunk) -> StatisticsValueFormatter {
        if let element = leafElement(column: index, chunk: chunk), element.type != nil {
            return StatisticsValueFormatter(element: element)
        }
        return StatisticsValueFormatter(physicalType: chunk.metaData?.type ?? PhysicalType(rawValue: -1))
    }

    /// min/max to show: the ordered `min_value`/`max_value`, else the deprecated pair.
    static func bounds(_ stats: Statistics) -> (min: [UInt8]?, max: [UInt8]?, deprecated: Bool) {
        if stats.minValue != nil || stats.maxValue != nil { return (stats.minValue, stats.maxValue, false) }
        return (stats.min, stats.max, stats.min != nil || stats.max != nil)
    }

    static func annotation(_ element: SchemaElement) -> String? {
        if let logical = element.logicalType { return logical.name }
        guard let converted = element.convertedType else { return nil }
        if converted == .decimal { return "DECIMAL(\(element.precision ?? 0),\(element.scale ?? 0))" }
        return converted.name
    }

    // MARK: Text

    public var text: String {
        var out = ""
        func line(_ indent: Int, _ s: String) { out += String(repeating: "  ", count: indent) + s + "\n" }
        line(0, "created_by: \(metadata.createdBy ?? "-")")
        line(0, "version: \(metadata.version)")
        line(0, "num_rows: \(metadata.rowCount)" + (metadata.rowCount != metadata.numRows ? " (footer says \(metadata.numRows))" : ""))
        line(0, "num_row_groups: \(metadata.numRowGroups)")
        if case let .success(tree) = schema {
            line(0, "num_columns: \(tree.numColumns) (\(tree.numLeafColumns) leaf)")
        }
        if let pairs = metadata.keyValueMetadata, !pairs.isEmpty {
            line(0, "key_value_metadata:")
            for pair in pairs { line(1, "\(pair.key): \(shorten(pair.value ?? "(null)"))") }
        }
        line(0, "schema:")
        switch schema {
        case let .success(tree): describe(tree.root, depth: 1, line: line)
        case let .failure(error):
            line(1, "(cannot build the tree: \(error.message))")
            for element in metadata.schema { line(1, schemaLine(element)) }
        }
        for (g, group) in metadata.rowGroups.enumerated() {
            var header = "row group \(g): num_rows \(group.numRows), total_byte_size \(group.totalByteSize)"
            if let compressed = group.totalCompressedSize { header += ", total_compressed_size \(compressed)" }
            line(0, header)
            if let sorting = group.sortingColumns, !sorting.isEmpty {
                line(1, "sorting_columns: " + sorting.map {
                    "\($0.columnIdx) \($0.descending ? "DESC" : "ASC")\($0.nullsFirst ? " NULLS FIRST" : "")"
                }.joined(separator: ", "))
            }
            for (c, chunk) in group.columns.enumerated() { describe(chunk, index: c, line: line) }
        }
        return out
    }

    private func shorten(_ value: String) -> String {
        let utf8 = value.utf8.count
        guard value.count > maxTextValueLength else { return value }
        return String(value.prefix(maxTextValueLength)) + "… (\(utf8) bytes)"
    }

    private func schemaLine(_ element: SchemaElement) -> String {
        var parts: [String] = []
        if let repetition = element.repetitionType { parts.append(repetition.name.lowercased()) }
        if let type = element.type, (element.numChildren ?? 0) == 0 {
            var t = type.name
            if type == .fixedLenByteArray, let length = element.typeLength { t += "(\(length))" }
            parts.append(t)
        } else {
            parts.append("group")
        }
        parts.append(element.name)
        var text = parts.joined(separator: " ")
        if let annotation = Self.annotation(element) { text += " (\(annotation))" }
        if let id = element.fieldId { text += " [field_id \(id)]" }
        return text
    }

    private func describe(_ node: ParquetSchema.Node, depth: Int, line: (Int, String) -> Void) {
        line(depth, depth == 1 ? "\(node.element.name) (root)" : schemaLine(node.element))
        for child in node.children { describe(child, depth: depth + 1, line: line) }
    }

    private func describe(_ chunk: ColumnChunk, index: Int, line: (Int, String) -> Void) {
        guard let meta = chunk.metaData else {
            line(1, "column \(index): no column metadata\(chunk.encryptedColumnMetadata != nil ? " (encrypted)" : "")")
            return
        }
        line(1, "column \(meta.pathInSchema.joined(separator: "."))")
        line(2, "type: \(meta.type.name)")
        line(2, "encodings: \(meta.encodings.map(\.name).joined(separator: ", "))")
        line(2, "compression: \(meta.codec.name)")
        line(2, "num_values: \(meta.numValues)")
        line(2, "compressed_size: \(meta.totalCompressedSize), uncompressed_size: \(meta.totalUncompressedSize)")
        var offsets = "data_page_offset: \(meta.dataPageOffset)"
        if let dictionary = meta.dictionaryPageOffset { offsets += ", dictionary_page_offset: \(dictionary)" }
        if let indexPage = meta.indexPageOffset { offsets += ", index_page_offset: \(indexPage)" }
        line(2, offsets)
        if let stats = meta.encodingStats, !stats.isEmpty {
            line(2, "encoding_stats: " + stats.map { "\($0.pageType.name) \($0.encoding.name) ×\($0.count)" }.joined(separator: ", "))
        }
        if let stats = meta.statistics {
            let formatter = formatter(column: index, chunk: chunk)
            var parts: [String] = []
            if let n = stats.nullCount { parts.append("null_count \(n)") }
            if let n = stats.distinctCount { parts.append("distinct_count \(n)") }
            if let n = stats.nanCount { parts.append("nan_count \(n)") }
            let bounds = Self.bounds(stats)
            if let min = bounds.min { parts.append("min \(formatter.format(min))\(stats.isMinValueExact == false ? " (inexact)" : "")") }
            if let max = bounds.max { parts.append("max \(formatter.format(max))\(stats.isMaxValueExact == false ? " (inexact)" : "")") }
            if bounds.deprecated { parts.append("(deprecated min/max)") }
            line(2, "statistics: " + (parts.isEmpty ? "(empty)" : parts.joined(separator: ", ")))
        }
        func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }
        line(2, "column_index: \(yesNo(chunk.columnIndexOffset != nil)), offset_index: \(yesNo(chunk.offsetIndexOffset != nil)), bloom_filter: \(yesNo(meta.bloomFilterOffset != nil))")
    }

    // MARK: JSON

    /// The description as a JSON-compatible dictionary.
    public var jsonObject: [String: Any] {
        var root: [String: Any] = [
            "version": Int(metadata.version),
            "num_rows": metadata.rowCount,
            "footer_num_rows": metadata.numRows,
            "num_row_groups": metadata.numRowGroups,
        ]
        root["created_by"] = metadata.createdBy ?? NSNull()
        root["key_value_metadata"] = (metadata.keyValueMetadata ?? []).map { pair -> [String: Any] in
            ["key": pair.key, "value": pair.value ?? NSNull()]
        }
        switch schema {
        case let .success(tree):
            root["num_columns"] = tree.numColumns
            root["num_leaf_columns"] = tree.numLeafColumns
            root["schema"] = json(tree.root)
        case let .failure(error):
            root["schema_error"] = error.message
            root["schema_elements"] = metadata.schema.map { json($0) }
        }
        root["row_groups"] = metadata.rowGroups.map { group -> [String: Any] in
            var g: [String: Any] = [
                "num_rows": group.numRows,
                "total_byte_size": group.totalByteSize,
                "columns": group.columns.enumerated().map { json($0.element, index: $0.offset) },
            ]
            if let compressed = group.totalCompressedSize { g["total_compressed_size"] = compressed }
            if let offset = group.fileOffset { g["file_offset"] = offset }
            if let sorting = group.sortingColumns {
                g["sorting_columns"] = sorting.map { ["column_idx": Int($0.columnIdx), "descending": $0.descending, "nulls_first": $0.nullsFirst] }
            }
            return g
        }
        return root
    }

    /// Pretty-printed JSON with sorted keys.
    public var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func json(_ element: SchemaElement) -> [String: Any] {
        var e: [String: Any] = ["name": element.name]
        if let type = element.type { e["physical_type"] = type.name }
        if let repetition = element.repetitionType { e["repetition"] = repetition.name }
        if let length = element.typeLength { e["type_length"] = Int(length) }
        if let logical = element.logicalType { e["logical_type"] = logical.name }
        if let converted = element.convertedType { e["converted_type"] = converted.name }
        if let scale = element.scale { e["scale"] = Int(scale) }
        if let precision = element.precision { e["precision"] = Int(precision) }
        if let fieldId = element.fieldId { e["field_id"] = Int(fieldId) }
        if let children = element.numChildren { e["num_children"] = Int(children) }
        return e
    }

    private func json(_ node: ParquetSchema.Node) -> [String: Any] {
        var e = json(node.element)
        if !node.isLeaf { e["children"] = node.children.map { json($0) } }
        return e
    }

    private func json(_ chunk: ColumnChunk, index: Int) -> [String: Any] {
        var c: [String: Any] = [
            "column_index": chunk.columnIndexOffset != nil,
            "offset_index": chunk.offsetIndexOffset != nil,
        ]
        guard let meta = chunk.metaData else {
            c["metadata_missing"] = true
            return c
        }
        c["path"] = meta.pathInSchema.joined(separator: ".")
        c["physical_type"] = meta.type.name
        c["encodings"] = meta.encodings.map(\.name)
        c["compression"] = meta.codec.name
        c["num_values"] = meta.numValues
        c["total_compressed_size"] = meta.totalCompressedSize
        c["total_uncompressed_size"] = meta.totalUncompressedSize
        c["data_page_offset"] = meta.dataPageOffset
        c["dictionary_page_offset"] = meta.dictionaryPageOffset.map { $0 as Any } ?? NSNull()
        c["bloom_filter"] = meta.bloomFilterOffset != nil
        if let stats = meta.encodingStats {
            c["encoding_stats"] = stats.map { ["page_type": $0.pageType.name, "encoding": $0.encoding.name, "count": Int($0.count)] }
        }
        if let stats = meta.statistics {
            let formatter = formatter(column: index, chunk: chunk)
            var s: [String: Any] = [:]
            if let n = stats.nullCount { s["null_count"] = n }
            if let n = stats.distinctCount { s["distinct_count"] = n }
            if let n = stats.nanCount { s["nan_count"] = n }
            let bounds = Self.bounds(stats)
            if let min = bounds.min { s["min"] = formatter.format(min) }
            if let max = bounds.max { s["max"] = formatter.format(max) }
            if let exact = stats.isMinValueExact { s["is_min_value_exact"] = exact }
            if let exact = stats.isMaxValueExact { s["is_max_value_exact"] = exact }
            if bounds.deprecated { s["deprecated_min_max"] = true }
            c["statistics"] = s
        }
        return c
    }
}
