// A batch as an aligned text table, in the spirit of DuckDB's box output (ASCII only):
//
//   +-------+--------+
//   | id    | name   |
//   | int64 | string |
//   +-------+--------+
//   |     1 | alpha  |
//   |     2 | NULL   |
//   +-------+--------+
//   3 rows (2 shown)
//
// Numbers align right, everything else left. Wide columns are cut down to 12 characters
// (cells that do not fit end in "...") before columns that still do not fit are replaced
// by one "..." column on the right. Widths count
// Characters, so wide (East Asian) characters can push a row out of line.

extension ColumnBatch {
    /// The first `maxRows` rows as a table no wider than `maxWidth` characters (as far as
    /// one column allows), with a header row of names and one of types.
    public func formatTable(maxRows: Int = 20, maxWidth: Int = 120) -> String {
        let shownRows = Swift.max(0, Swift.min(maxRows, rowCount))
        // A column is cut down to this width (or its natural one) before columns are dropped.
        let minimumWidth = 12

        var columns: [TableColumn] = schema.fields.enumerated().map { index, field in
            let cells = (0..<shownRows).map { TableColumn.escape(self.columns[index].displayValue(at: $0, type: field.type)) }
            return TableColumn(name: TableColumn.escape(field.name), type: field.type.description, cells: cells,
                               alignRight: field.type.isNumeric)
        }
        // Shrink the widest column until the table fits, then drop columns from the right.
        func totalWidth(_ columns: [TableColumn], ellipsis: Bool) -> Int {
            columns.reduce(1) { $0 + $1.width + 3 } + (ellipsis ? 6 : 0)
        }
        var hidden = 0
        while totalWidth(columns, ellipsis: hidden > 0) > maxWidth {
            if let widest = columns.indices.max(by: { columns[$0].width < columns[$1].width }),
               columns[widest].width > Swift.min(minimumWidth, columns[widest].naturalWidth) {
                columns[widest].width -= 1
            } else if columns.count > 1 {
                columns.removeLast()
                hidden += 1
            } else {
                break
            }
        }

        var lines: [String] = []
        let border = "+" + columns.map { String(repeating: "-", count: $0.width + 2) }.joined(separator: "+") + "+"
            + (hidden > 0 ? "-----+" : "")
        func row(_ texts: [String], right: [Bool], more: String) -> String {
            var line = "|"
            for (column, (text, alignRight)) in zip(columns, zip(texts, right)) {
                line += " " + column.fitted(text, alignRight: alignRight) + " |"
            }
            if hidden > 0 { line += " " + more + " |" }
            return line
        }
        let left = [Bool](repeating: false, count: columns.count)
        lines.append(border)
        lines.append(row(columns.map(\.name), right: left, more: "..."))
        lines.append(row(columns.map(\.type), right: left, more: "   "))
        lines.append(border)
        for r in 0..<shownRows {
            lines.append(row(columns.map { $0.cells[r] }, right: columns.map(\.alignRight), more: "..."))
        }
        if shownRows > 0 { lines.append(border) }
        var notes: [String] = []
        if shownRows < rowCount || rowCount == 0 {
            notes.append("\(rowCount) \(rowCount == 1 ? "row" : "rows")\(shownRows < rowCount ? " (\(shownRows) shown)" : "")")
        }
        if hidden > 0 { notes.append("\(schema.count) columns (\(columns.count) shown)") }
        if !notes.isEmpty { lines.append(notes.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One column of a text table: its header, type, cell texts and display width.
private struct TableColumn {
    var name: String
    var type: String
    var cells: [String]
    var alignRight: Bool
    /// What the widest cell needs.
    let naturalWidth: Int
    var width: Int

    init(name: String, type: String, cells: [String], alignRight: Bool) {
        self.name = name
        self.type = type
        self.cells = cells
        self.alignRight = alignRight
        naturalWidth = cells.reduce(Swift.max(name.count, type.count)) { Swift.max($0, $1.count) }
        width = naturalWidth
    }

    /// `text` padded or cut ("...") to the column's width.
    func fitted(_ text: String, alignRight: Bool) -> String {
        let length = text.count
        if length > width {
            return width <= 3 ? String(repeating: ".", count: width) : String(text.prefix(width - 3)) + "..."
        }
        let padding = String(repeating: " ", count: width - length)
        return alignRight ? padding + text : text + padding
    }

    /// Control characters would break the table's lines: shown as escapes.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension DataType {
    /// Integers, floats and decimals: the types a table aligns right.
    var isNumeric: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .decimal: return true
        default: return false
        }
    }
}
