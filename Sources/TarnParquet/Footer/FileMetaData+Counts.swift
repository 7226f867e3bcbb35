/// Counts derived from a footer, as a footer crawler reports them.
extension FileMetaData {
    public var numRowGroups: Int { rowGroups.count }

    /// The rows a reader will produce: the sum of the row groups' `num_rows`.
    ///
    /// `num_rows` (field 3) is the writer's own total; some writers left it 0 (parquet-rs
    /// 0.3, `repeated_no_annotation.parquet`), so the row groups are trusted instead.
    /// Falls back to `num_rows` if the sum overflows or a row group count is negative.
    public var rowCount: Int64 {
        var total: Int64 = 0
        for group in rowGroups {
            guard group.numRows >= 0 else { return numRows }
            let (sum, overflow) = total.addingReportingOverflow(group.numRows)
            if overflow { return numRows }
            total = sum
        }
        return total
    }

    /// Builds and checks the schema tree (see `ParquetSchema`).
    public func schemaTree() throws(ParquetError) -> ParquetSchema {
        try ParquetSchema(schema)
    }
}
