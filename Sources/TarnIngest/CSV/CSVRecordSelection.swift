/// The records of a block that become rows: all but blank lines, ragged records and
/// records rejected for a bad value, as runs of consecutive indices (so columns convert
/// run by run with no per-record test).
struct CSVRecordSelection {
    private(set) var runs: [Range<Int>] = []
    /// Records with the wrong field count, in order.
    private(set) var ragged: [Int] = []
    /// Records read (blank lines not counted).
    private(set) var read = 0

    init(block: CSVRecordBlock, columnCount: Int) {
        var runStart: Int?
        for r in 0..<block.recordCount {
            let fields = block.fieldCount(ofRecord: r)
            let keep = fields == columnCount && !(columnCount > 1 && block.isBlank(record: r))
            if block.isBlank(record: r) && columnCount != 1 {
                // A blank line is no record at all.
            } else {
                read += 1
                if !keep { ragged.append(r) }
            }
            if keep {
                if runStart == nil { runStart = r }
            } else if let start = runStart {
                runs.append(start..<r)
                runStart = nil
            }
        }
        if let start = runStart { runs.append(start..<block.recordCount) }
    }

    /// Rows that will be written.
    var count: Int { runs.reduce(0) { $0 + $1.count } }

    mutating func exclude(_ record: Int) {
        guard let k = runs.firstIndex(where: { $0.contains(record) }) else { return }
        let run = runs[k]
        runs.replaceSubrange(k...k, with: [run.lowerBound..<record, (record + 1)..<run.upperBound].filter { !$0.isEmpty })
    }
}
