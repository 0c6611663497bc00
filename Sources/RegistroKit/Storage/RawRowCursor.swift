import GRDB
import GRDBSQLite

/// A forward-only scan of a query's rows that hands out column values without copying them,
/// for reading millions of rows at SQLite's own speed (audit verification).
///
/// It steps the GRDB statement's underlying SQLite statement directly. A value returned by
/// `bytes(_:)` is valid only until the next call to `next()`.
final class RawRowCursor {
    /// The storage class of a column's value in the current row.
    enum StorageClass {
        case null, integer, real, text, blob
    }

    private let statement: Statement
    private let raw: OpaquePointer
    private let db: Database

    /// Prepares `sql` in `db`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
    }

    deinit {
        sqlite3_reset(raw)
    }

    /// Moves to the next row; `false` after the last.
    ///
    /// - Throws: `DatabaseError` when SQLite fails.
    func next() throws -> Bool {
        switch sqlite3_step(raw) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
        }
    }

    /// The storage class of column `index` in the current row.
    func storageClass(_ index: Int32) -> StorageClass {
        switch sqlite3_column_type(raw, index) {
        case SQLITE_INTEGER: .integer
        case SQLITE_FLOAT: .real
        case SQLITE_TEXT: .text
        case SQLITE_BLOB: .blob
        default: .null
        }
    }

    /// The integer in column `index`.
    func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(raw, index)
    }

    /// The bytes of the text or blob in column `index`, valid until the next row.
    func bytes(_ index: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob returns the bytes of texts as well, without converting them.
        let start = sqlite3_column_blob(raw, index)
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(raw, index)))
    }
}
