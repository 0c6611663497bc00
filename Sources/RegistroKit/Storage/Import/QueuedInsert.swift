import GRDB

/// Rows of one table inserted several at a time, in the order queued, by one statement of
/// `rowsPerStatement` rows: for each run of a statement SQLite opens its cursors, begins and
/// halts it, each about as costly as a b-tree insert, so that an import inserting a row per
/// person or per delivery pays them once for many. The caller inserts the last rows (`flush`)
/// before anything reads the table. The statement should be `INSERT OR FAIL`: with the default
/// `ABORT`, SQLite copies every page a statement of several rows changes into a statement
/// journal, to undo it alone (twice the system time of an import, measured).
final class QueuedInsert<Row> {
    private let db: Database
    private let sql: (Int) -> String
    private let bind: (Row, RawStatement, _ firstParameter: Int32) -> Void
    private let constants: (RawStatement, _ firstParameter: Int32) -> Void
    private var rows: [Row] = []
    /// The insert of `rowsPerStatement` rows, prepared on first use.
    private var full: RawStatement?
    /// The insert of one row, for the last ones, prepared on first use.
    private var one: RawStatement?
    /// Rows inserted by one run of a statement.
    let rowsPerStatement: Int

    /// Queues rows for the statement `sql(n)` makes for `n` rows, in the transaction of `db`;
    /// `bind` binds a row to its parameters, from `firstParameter` on, and `constants` binds,
    /// once per statement, the values the same for every row.
    init(
        _ db: Database, rowsPerStatement: Int, sql: @escaping (Int) -> String,
        constants: @escaping (RawStatement, _ firstParameter: Int32) -> Void = { _, _ in },
        bind: @escaping (Row, RawStatement, _ firstParameter: Int32) -> Void
    ) {
        self.db = db
        self.rowsPerStatement = rowsPerStatement
        self.sql = sql
        self.constants = constants
        self.bind = bind
        rows.reserveCapacity(rowsPerStatement)
    }

    /// Queues `row`, inserting the queued rows once they are `rowsPerStatement`.
    func append(_ row: Row) throws {
        rows.append(row)
        guard rows.count == rowsPerStatement else { return }
        let insert = try full ?? prepare(rows: rowsPerStatement)
        full = insert
        let columns = insert.parameterCount / Int32(rowsPerStatement)
        for (index, queued) in rows.enumerated() {
            bind(queued, insert, Int32(index) * columns + 1)
        }
        try insert.execute()
        rows.removeAll(keepingCapacity: true)
    }

    private func prepare(rows count: Int) throws -> RawStatement {
        let insert = try RawStatement(db, sql: sql(count))
        let columns = insert.parameterCount / Int32(count)
        for index in 0..<Int32(count) {
            constants(insert, index * columns + 1)
        }
        return insert
    }

    /// Whether a row still queued satisfies `predicate`.
    func contains(where predicate: (Row) -> Bool) -> Bool {
        rows.contains(where: predicate)
    }

    /// Inserts the rows still queued, one by one.
    func flush() throws {
        guard !rows.isEmpty else { return }
        let insert = try one ?? prepare(rows: 1)
        one = insert
        for queued in rows {
            bind(queued, insert, 1)
            try insert.execute()
        }
        rows.removeAll(keepingCapacity: true)
    }
}
