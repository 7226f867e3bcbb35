/// One column of a batch: its values and, when it has nulls, a validity bitmap.
///
/// The column's type lives in the batch's `Schema`; a column is only buffers.
public struct Column: Sendable {
    public var values: ColumnValues
    /// Bit `i` set when row `i` is present; `nil` when no row is null.
    public var validity: Bitmap?
    /// Number of rows.
    public var count: Int

    public init(values: ColumnValues, validity: Bitmap? = nil, count: Int? = nil) {
        self.values = values
        self.validity = validity
        self.count = count ?? values.rowCount ?? 0
    }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity[row]
    }

    public var nullCount: Int {
        guard let validity else { return 0 }
        return count - validity.setCount
    }
}
