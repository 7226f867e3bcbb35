import TarnCore

// Row selection for partitioning by column values: a batch is split into one batch per
// partition key, each holding the rows (in order) that have that key. One switch per
// column; the loops below it are concrete.

extension Column {
    /// The rows at `rows` (ascending or not), as a new column of the same type.
    func gathering(_ rows: [Int]) -> Column {
        let validity = self.validity.map { bits in Bitmap(rows.lazy.map { bits[$0] }) }
        let gathered: ColumnValues
        switch values {
        case .boolean(let bits): gathered = .boolean(Bitmap(rows.lazy.map { bits[$0] }))
        case .int32(let v): gathered = .int32(rows.map { v[$0] })
        case .int64(let v): gathered = .int64(rows.map { v[$0] })
        case .int128(let v): gathered = .int128(rows.map { v[$0] })
        case .float32(let v): gathered = .float32(rows.map { v[$0] })
        case .float64(let v): gathered = .float64(rows.map { v[$0] })
        case .bytes(let offsets, let data):
            var newOffsets: [Int32] = [0]
            newOffsets.reserveCapacity(rows.count + 1)
            var newData: [UInt8] = []
            for row in rows {
                newData.append(contentsOf: data[Int(offsets[row])..<Int(offsets[row + 1])])
                newOffsets.append(Int32(newData.count))
            }
            gathered = .bytes(offsets: newOffsets, data: newData)
        case .fixedBytes(let width, let data):
            var newData: [UInt8] = []
            newData.reserveCapacity(rows.count * width)
            for row in rows { newData.append(contentsOf: data[row * width..<(row + 1) * width]) }
            gathered = .fixedBytes(width: width, data: newData)
        case .list(let offsets, let element):
            let (newOffsets, children) = Self.childRows(offsets, rows)
            gathered = .list(offsets: newOffsets, element: element.gathering(children))
        case .structure(let children):
            gathered = .structure(children.map { $0.gathering(rows) })
        case .map(let offsets, let keys, let values):
            let (newOffsets, children) = Self.childRows(offsets, rows)
            gathered = .map(offsets: newOffsets, keys: keys.gathering(children), values: values.gathering(children))
        }
        return Column(values: gathered, validity: validity, count: rows.count)
    }

    /// The offsets of the selected lists and the child rows they cover.
    private static func childRows(_ offsets: [Int32], _ rows: [Int]) -> ([Int32], [Int]) {
        var newOffsets: [Int32] = [0]
        newOffsets.reserveCapacity(rows.count + 1)
        var children: [Int] = []
        for row in rows {
            children.append(contentsOf: Int(offsets[row])..<Int(offsets[row + 1]))
            newOffsets.append(Int32(children.count))
        }
        return (newOffsets, children)
    }

    /// Bytes the column's buffers hold: what a target file size is measured against.
    var bufferBytes: Int {
        var total = validity.map { $0.words.count * 8 } ?? 0
        switch values {
        case .boolean(let bits): total += bits.words.count * 8
        case .int32(let v): total += v.count * 4
        case .int64(let v): total += v.count * 8
        case .int128(let v): total += v.count * 16
        case .float32(let v): total += v.count * 4
        case .float64(let v): total += v.count * 8
        case .bytes(let offsets, let data): total += offsets.count * 4 + data.count
        case .fixedBytes(_, let data): total += data.count
        case .list(let offsets, let element): total += offsets.count * 4 + element.bufferBytes
        case .structure(let children): total += children.reduce(0) { $0 + $1.bufferBytes }
        case .map(let offsets, let keys, let values): total += offsets.count * 4 + keys.bufferBytes + values.bufferBytes
        }
        return total
    }
}

extension ColumnBatch {
    /// The rows in `range`, as a new batch.
    func rows(_ range: Range<Int>) throws -> ColumnBatch {
        let selected = Array(range)
        return try ColumnBatch(schema: schema, columns: columns.map { $0.gathering(selected) })
    }

    /// Bytes the batch's buffers hold.
    var bufferBytes: Int { columns.reduce(0) { $0 + $1.bufferBytes } }
}

extension Column {
    /// A column of `count` nulls of `type` (for a table column a file does not have).
    static func nulls(of type: DataType, count: Int) -> Column {
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(Bitmap(repeating: false, count: count))
        case .int32: values = .int32(Array(repeating: 0, count: count))
        case .int64: values = .int64(Array(repeating: 0, count: count))
        case .int128: values = .int128(Array(repeating: 0, count: count))
        case .float32: values = .float32(Array(repeating: 0, count: count))
        case .float64: values = .float64(Array(repeating: 0, count: count))
        case .bytes: values = .bytes(offsets: Array(repeating: 0, count: count + 1), data: [])
        case .fixedBytes(let width): values = .fixedBytes(width: width, data: Array(repeating: 0, count: count * width))
        case .list:
            guard case .list(let element) = type else { fatalError("list storage without a list type") }
            values = .list(offsets: Array(repeating: 0, count: count + 1), element: nulls(of: element.type, count: 0))
        case .structure:
            guard case .structure(let fields) = type else { fatalError("struct storage without a struct type") }
            values = .structure(fields.map { nulls(of: $0.type, count: count) })
        case .map:
            guard case .map(let key, let value) = type else { fatalError("map storage without a map type") }
            values = .map(offsets: Array(repeating: 0, count: count + 1), keys: nulls(of: key.type, count: 0), values: nulls(of: value.type, count: 0))
        }
        return Column(values: values, validity: Bitmap(repeating: false, count: count), count: count)
    }
}

extension ColumnBatch {
    /// The batch with the columns of `schema`, found by name; a column the batch lacks is
    /// all nulls, one `schema` lacks is left out.
    func conformed(to schema: Schema) throws -> ColumnBatch {
        if self.schema == schema { return self }
        let columns = schema.fields.map { field in
            self.schema.index(of: field.name).map { self.columns[$0] } ?? Column.nulls(of: field.type, count: rowCount)
        }
        return try ColumnBatch(schema: schema, columns: columns)
    }
}
