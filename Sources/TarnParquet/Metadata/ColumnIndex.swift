/// Per-page min/max and null counts of a column chunk, part of the page index
/// (thrift struct `ColumnIndex`). Entry i describes `OffsetIndex.pageLocations[i]`.
struct ColumnIndex: Hashable, Sendable {
    /// True for a page of only nulls; its min/max entries are then empty.
    var nullPages: [Bool]                              // 1: required list<bool> null_pages
    var minValues: [[UInt8]]                           // 2: required list<binary> min_values
    var maxValues: [[UInt8]]                           // 3: required list<binary> max_values
    var boundaryOrder: BoundaryOrder                   // 4: required BoundaryOrder boundary_order
    var nullCounts: [Int64]? = nil                     // 5: optional list<i64> null_counts
    var repetitionLevelHistograms: [Int64]? = nil      // 6: optional list<i64> repetition_level_histograms
    var definitionLevelHistograms: [Int64]? = nil      // 7: optional list<i64> definition_level_histograms
    var nanCounts: [Int64]? = nil                      // 8: optional list<i64> nan_counts
}

extension ColumnIndex: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        writer.writeField(1, boolList: nullPages)
        writer.writeField(2, binaryList: minValues)
        writer.writeField(3, binaryList: maxValues)
        writer.writeField(4, enum: boundaryOrder)
        if let nullCounts { writer.writeField(5, i64List: nullCounts) }
        if let repetitionLevelHistograms { writer.writeField(6, i64List: repetitionLevelHistograms) }
        if let definitionLevelHistograms { writer.writeField(7, i64List: definitionLevelHistograms) }
        if let nanCounts { writer.writeField(8, i64List: nanCounts) }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        try reader.readStructBegin()
        var nullPages: [Bool]?, minValues: [[UInt8]]?, maxValues: [[UInt8]]?, boundaryOrder: BoundaryOrder?
        var nullCounts: [Int64]?, repetition: [Int64]?, definition: [Int64]?, nanCounts: [Int64]?
        while let field = try reader.readFieldHeader() {
            switch field.id {
            case 1: nullPages = try reader.readBoolList(field)
            case 2: minValues = try reader.readBinaryList(field)
            case 3: maxValues = try reader.readBinaryList(field)
            case 4: boundaryOrder = try reader.readEnum(field)
            case 5: nullCounts = try reader.readI64List(field)
            case 6: repetition = try reader.readI64List(field)
            case 7: definition = try reader.readI64List(field)
            case 8: nanCounts = try reader.readI64List(field)
            default: try reader.skip(field.type)
            }
        }
        reader.readStructEnd()
        let name = "ColumnIndex"
        self.init(nullPages: try requireField(nullPages, "null_pages", in: name, reader),
                  minValues: try requireField(minValues, "min_values", in: name, reader),
                  maxValues: try requireField(maxValues, "max_values", in: name, reader),
                  boundaryOrder: try requireField(boundaryOrder, "boundary_order", in: name, reader),
                  nullCounts: nullCounts, repetitionLevelHistograms: repetition,
                  definitionLevelHistograms: definition, nanCounts: nanCounts)
    }
}
