import GRDB
import GRDBSQLite

/// A forward-only scan of one SQL statement through the raw SQLite API, reading columns as
/// bytes in place, so that a report can go over a million deliveries without making a Swift
/// value of every field (see `Docs/PERFORMANCE.md`). Used inside a GRDB read, on its
/// connection.
final class SQLiteScan {
    private var statement: OpaquePointer?
    private let connection: OpaquePointer

    /// Prepares `sql` on the connection of `db` and binds `arguments` (texts) in order.
    ///
    /// - Throws: `RegistroError` (internal) when SQLite refuses the statement.
    init(_ db: Database, sql: String, arguments: [String]) throws {
        guard let connection = db.sqliteConnection else {
            throw RegistroError.internal("the registry database is closed")
        }
        self.connection = connection
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            throw RegistroError.internal("a report query failed: \(String(cString: sqlite3_errmsg(connection)))")
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, argument) in arguments.enumerated() {
            sqlite3_bind_text(statement, Int32(index + 1), argument, -1, transient)
        }
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Steps to the next row; `false` at the end.
    ///
    /// - Throws: `RegistroError` (internal) when SQLite fails.
    func next() throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw RegistroError.internal("a report query failed: \(String(cString: sqlite3_errmsg(connection)))")
        }
    }

    /// The text of `column` in the current row as bytes, valid until the next step; `nil` for
    /// NULL.
    func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(statement, Int32(column)) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, Int32(column))))
    }

    /// The integer of `column` (0 for NULL).
    func int(_ column: Int) -> Int {
        Int(sqlite3_column_int64(statement, Int32(column)))
    }

    /// The real number of `column` (0 for NULL).
    func double(_ column: Int) -> Double {
        sqlite3_column_double(statement, Int32(column))
    }
}
