import GRDB

/// Records of a query read one at a time, for scans over every row of a table (reports), where
/// loading them all at once would cost memory that grows with the registry.
final class RecordScan<Record: FetchableRecord> {
    private let cursor: RecordCursor<Record>

    /// Scans the rows of `cursor`.
    init(_ cursor: RecordCursor<Record>) {
        self.cursor = cursor
    }

    /// The next record; `nil` after the last.
    ///
    /// - Throws: `DatabaseError` when SQLite fails.
    func next() throws -> Record? {
        try cursor.next()
    }
}
