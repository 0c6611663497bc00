import GRDB

/// Rows of one table inserted several at a time, in the order queued, by one statement of
/// `rowsPerStatement` rows: for each run of a statement SQLite opens its cursors, begins and
/// halts it, each about as costly as a b-tree insert, so that an import inserting a row per
/// person or per delivery pays them once for many. The caller inserts the last rows (`flush`)
/// before anything reads the table. The statement should be `INSERT OR FAIL`: with the default
/// `ABORT`, SQLite copies every page a statement of several rows changes into a statement
/// journal, to undo it alone (twice the system time of an import, measured).
///
/// Each row is bound into the statement's parameters as it is queued, and nothing of it is kept
/// besides: the rows are neither copied into a queue nor bound in a second pass. The last rows,
/// fewer than a statement's, are inserted by a statement of as many rows, bound from the
/// parameters they were queued into (`RawStatement.bind(_:parametersOf:from:)`).
final class QueuedInsert {
    private let db: Database
    private let sql: (Int) -> String
    private let constants: (RawStatement, _ firstParameter: Int32) -> Void
    /// The insert of `rowsPerStatement` rows, prepared on first use; the rows queued are bound
    /// to its first parameters.
    private var full: RawStatement?
    /// The inserts of fewer rows, by their number of rows, prepared when the last rows need one.
    private var partial: [Int: RawStatement] = [:]
    /// How many rows are bound into `full` and not yet inserted.
    private var queued = 0
    /// The parameters of one row.
    private var columns: Int32 = 0
    /// Rows inserted by one run of a statement.
    let rowsPerStatement: Int

    /// Queues rows for the statement `sql(n)` makes for `n` rows, in the transaction of `db`;
    /// `constants` binds, once per statement, the values the same for every row, from
    /// `firstParameter` on.
    init(
        _ db: Database, rowsPerStatement: Int, sql: @escaping (Int) -> String,
        constants: @escaping (RawStatement, _ firstParameter: Int32) -> Void = { _, _ in }
    ) {
        self.db = db
        self.rowsPerStatement = rowsPerStatement
        self.sql = sql
        self.constants = constants
    }

    /// Queues a row, which `bind` binds to the statement's parameters from `firstParameter` on,
    /// inserting the queued rows once they are `rowsPerStatement`.
    func append(_ bind: (RawStatement, _ firstParameter: Int32) -> Void) throws {
        let insert = try full ?? prepareFull()
        bind(insert, Int32(queued) * columns + 1)
        queued += 1
        guard queued == rowsPerStatement else { return }
        queued = 0
        try insert.execute()
    }

    private func prepareFull() throws -> RawStatement {
        let insert = try prepare(rows: rowsPerStatement)
        columns = insert.parameterCount / Int32(rowsPerStatement)
        full = insert
        return insert
    }

    private func prepare(rows count: Int) throws -> RawStatement {
        let insert = try RawStatement(db, sql: sql(count))
        let columns = insert.parameterCount / Int32(count)
        for index in 0..<Int32(count) {
            constants(insert, index * columns + 1)
        }
        return insert
    }

    /// Whether a row still queued satisfies `predicate`, given the statement the row is bound to
    /// and its first parameter.
    func contains(where predicate: (RawStatement, _ firstParameter: Int32) -> Bool) -> Bool {
        guard let full else { return false }
        return (0..<Int32(queued)).contains { predicate(full, $0 * columns + 1) }
    }

    /// Inserts the rows still queued, by one statement of as many rows.
    func flush() throws {
        guard queued > 0, let full else { return }
        let insert = try partial[queued] ?? prepare(rows: queued)
        partial[queued] = insert
        insert.bind(Int32(queued) * columns, parametersOf: full, from: 1)
        queued = 0
        try insert.execute()
    }
}
