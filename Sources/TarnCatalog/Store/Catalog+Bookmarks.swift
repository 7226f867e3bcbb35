import Foundation

extension Catalog {
    /// The files `job` has converted, by path.
    public func bookmarks(job: String) throws -> [JobBookmark] {
        try locked {
            try connection.query("""
                SELECT job_name, path, size_bytes, modified_at, head_hash, run_id, recorded_at
                FROM job_bookmarks WHERE job_name = ? ORDER BY path
                """, [.text(job)], row: Self.bookmarkFromRow)
        }
    }

    /// The bookmark of one file, if the job converted it.
    public func bookmark(job: String, path filePath: String) throws -> JobBookmark? {
        try locked {
            try connection.queryFirst("""
                SELECT job_name, path, size_bytes, modified_at, head_hash, run_id, recorded_at
                FROM job_bookmarks WHERE job_name = ? AND path = ?
                """, [.text(job), .text(filePath)], row: Self.bookmarkFromRow)
        }
    }

    private static func bookmarkFromRow(_ row: SQLiteRow) -> JobBookmark {
        var bookmark = JobBookmark(job: row.string(0), path: row.string(1), sizeBytes: row.int64(2), modifiedAt: row.date(3),
                                   headHash: row.string(4), runID: row.optionalString(5))
        bookmark.recordedAt = row.date(6)
        return bookmark
    }

    /// Records (or replaces) bookmarks in one transaction. Call it in the same transaction
    /// as the run's success, so a failed run leaves no bookmark behind.
    public func recordBookmarks(_ bookmarks: [JobBookmark]) throws {
        try write {
            let time = now()
            for bookmark in bookmarks {
                try connection.run("""
                    INSERT OR REPLACE INTO job_bookmarks (job_name, path, size_bytes, modified_at, head_hash, run_id, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.text(bookmark.job), .text(bookmark.path), .integer(bookmark.sizeBytes), .date(bookmark.modifiedAt),
                     .text(bookmark.headHash), .optional(bookmark.runID), .date(time)])
            }
        }
    }

    /// Forgets every bookmark of `job` (`--reset-bookmark`): the next run converts everything.
    /// Returns how many there were.
    @discardableResult
    public func resetBookmarks(job: String) throws -> Int {
        try write { try connection.run("DELETE FROM job_bookmarks WHERE job_name = ?", [.text(job)]) }
    }
}
