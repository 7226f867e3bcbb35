import TarnCatalog
import TarnCore
import TarnIngest

/// Files of one folder whose schemas are compatible, with the union of their columns.
///
/// Compatible means: the same classification; for CSV the same delimiter, header and
/// skipped rows (one reader must read them all); for JSON the same layout; and more than
/// half of the columns of the union shared with types that widen without a clash of kinds
/// (int32 and int64 agree, a number and a date do not; a column of nulls agrees with any
/// type). The union keeps first-seen column order; a column some files lack is nullable.
struct SchemaCluster {
    struct Column {
        var name: String
        /// nil while every file had only nulls in it.
        var type: DataType?
        var nullable: Bool
        var change = TypeWidening.Change.none
        /// Files that have the column, and by type.
        var fileCount = 0
        var variants: [(type: DataType, files: [String])] = []
    }

    var files: [FileFacts] = []
    var columns: [Column] = []
    var index: [String: Int] = [:]

    var first: FileFacts { files[0] }

    init(_ file: FileFacts) { add(file) }

    func isCompatible(with file: FileFacts) -> Bool {
        let lead = first
        guard lead.kind.classification == file.kind.classification else { return false }
        if lead.kind.classification == .csv {
            guard let a = lead.csv, let b = file.csv, a.delimiter == b.delimiter, a.hasHeader == b.hasHeader, a.skipRows == b.skipRows else { return false }
        }
        if lead.kind.classification == .json, lead.kind.jsonLayout != file.kind.jsonLayout { return false }
        var agreeing = 0
        var unionCount = columns.count
        for field in file.schema.fields {
            guard let i = index[field.name] else { unionCount += 1; continue }
            guard let mine = columns[i].type, !file.nullColumns.contains(field.name) else { agreeing += 1; continue }
            if TypeWidening.widen(mine, field.type).change <= .toText { agreeing += 1 }
        }
        return agreeing * 2 > unionCount
    }

    mutating func add(_ file: FileFacts) {
        files.append(file)
        for field in file.schema.fields {
            let nullOnly = file.nullColumns.contains(field.name)
            guard let i = index[field.name] else {
                index[field.name] = columns.count
                // Not in the files before: nullable, unless this is the first file.
                var column = Column(name: field.name, type: nullOnly ? nil : field.type, nullable: field.nullable || files.count > 1)
                column.fileCount = 1
                if !nullOnly { column.variants = [(field.type, [file.file.path])] }
                columns.append(column)
                continue
            }
            columns[i].fileCount += 1
            columns[i].nullable = columns[i].nullable || field.nullable
            guard !nullOnly else { continue }
            if let current = columns[i].type {
                let merged = TypeWidening.widen(current, field.type)
                columns[i].type = merged.type
                columns[i].change = max(columns[i].change, merged.change)
            } else {
                columns[i].type = field.type
            }
            if let v = columns[i].variants.firstIndex(where: { $0.type == field.type }) {
                columns[i].variants[v].files.append(file.file.path)
            } else {
                columns[i].variants.append((field.type, [file.file.path]))
            }
        }
    }

    /// The union schema: a column missing from some file is nullable; a column of nulls
    /// in every file is a string.
    var schema: Schema {
        Schema(columns.map { column in
            Field(column.name, column.type ?? .string, nullable: column.nullable || column.fileCount < files.count)
        })
    }

    /// One conflict per column whose files disagree about its type.
    func conflicts(table: String) -> [SchemaConflict] {
        columns.compactMap { column in
            guard column.variants.count > 1, let resolved = column.type else { return nil }
            let listed = column.variants.map { "\($0.type) in \($0.files.count) file\($0.files.count == 1 ? "" : "s")" }.joined(separator: ", ")
            return SchemaConflict(kind: .columnType, table: table, column: column.name, resolvedType: resolved, change: column.change,
                                  variants: column.variants.map { SchemaConflict.Variant(type: $0.type, files: $0.files) }, files: [],
                                  message: "\(listed): \(column.change == .kindMismatch ? "kinds differ, kept as" : "widened to") \(resolved)")
        }
    }
}
