import GRDB
import GRDBSQLite

/// A forward-only scan of a query's rows that hands out column values without copying them,
/// for reading millions of rows at SQLite's own speed (audit verification, reports).
///
/// It steps the GRDB statement's underlying SQLite statement directly. A column returned by
/// `column(_:)`, and its bytes, are valid only until the next call to `next()`.
final class RawRowCursor {
    /// The storage class of a column's value in the current row.
    enum StorageClass {
        case null, integer, real, text, blob
    }

    private let statement: Statement
    private let raw: OpaquePointer
    private let db: Database

    /// Prepares `sql` in `db` and binds `arguments` (texts) in order.
    init(_ db: Database, sql: String, arguments: [String] = []) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(StatementArguments(arguments))
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

    /// Column `index` of the current row, valid until the next call to `next()`.
    func column(_ index: Int32) -> Column {
        Column(value: sqlite3_column_value(raw, index))
    }

    /// The text of column `index` of the current row as bytes (numbers as their text), valid
    /// until the next call to `next()`; `nil` for NULL.
    func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(raw, Int32(index)) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, Int32(index))))
    }

    /// The integer of column `index` of the current row (0 for NULL).
    func int(_ index: Int) -> Int {
        Int(sqlite3_column_int64(raw, Int32(index)))
    }

    /// The real number of column `index` of the current row (0 for NULL).
    func double(_ index: Int) -> Double {
        sqlite3_column_double(raw, Int32(index))
    }

    /// A column's value in the current row, read without copying.
    ///
    /// It reads SQLite's value object directly, skipping the statement-level checks of each
    /// `sqlite3_column_*` call; safe because the connection is used by one thread at a time.
    struct Column {
        fileprivate let value: OpaquePointer?

        /// The value's storage class.
        var storageClass: StorageClass {
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER: .integer
            case SQLITE_FLOAT: .real
            case SQLITE_TEXT: .text
            case SQLITE_BLOB: .blob
            default: .null
            }
        }

        /// The value as an integer.
        var int64: Int64 {
            sqlite3_value_int64(value)
        }

        /// The bytes of a text or blob, valid until the next row.
        var bytes: UnsafeRawBufferPointer {
            // sqlite3_value_blob returns the bytes of texts as well, without converting them.
            let start = sqlite3_value_blob(value)
            return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_value_bytes(value)))
        }
    }
}
