import GRDB

/// Runs a group of pending writes on the writer connection: all in one immediate transaction,
/// each body in a savepoint of its own, and one commit, so one `fdatasync` for the group.
///
/// A body that throws rolls back its savepoint only: its caller gets its error, the others'
/// changes stay. Every statement reads what the bodies before it in the group wrote, as if
/// their transactions had committed one after the other: the audit log's head, read by each
/// append, is the last entry a body before it appended (an entry rolled back with its
/// savepoint leaves no gap in the chain). When SQLite itself rolls the whole transaction back
/// (a full disk, an I/O error), the bodies run so far get that error and the rest run in a new
/// transaction. A failed commit fails every body of the group.
enum WriteGroup {
    /// Runs `writes` on `db` and sets each one's `failure`; a write that runs alone (a dry run,
    /// the caller's foreign-key checks) is given alone.
    static func run(_ writes: [PendingWrite], _ db: Database) {
        if writes.count == 1, writes[0].runsAlone {
            runAlone(writes[0], db)
            return
        }
        var remaining = writes[...]
        while !remaining.isEmpty {
            runTransaction(&remaining, db)
        }
    }

    /// Runs writes from the front of `remaining` in one transaction, until they are all run or
    /// SQLite rolls the transaction back; when it cannot even begin, they all get its error.
    private static func runTransaction(_ remaining: inout ArraySlice<PendingWrite>, _ db: Database) {
        let waiting = remaining.count
        var succeeded: [PendingWrite] = []
        do {
            // GRDB's transaction block makes any statement after SQLite rolled the transaction
            // back fail (SQLITE_ABORT) rather than run on its own, outside a transaction.
            try db.inTransaction(.immediate) {
                while let write = remaining.first {
                    // Statements the connection keeps prepared: every body of every group runs
                    // them, and SQLite's parser cost more than they do.
                    try db.cachedStatement(sql: "SAVEPOINT registro_write").execute()
                    remaining.removeFirst()
                    do {
                        try write.run(db)
                        try db.cachedStatement(sql: "RELEASE registro_write").execute()
                        succeeded.append(write)
                    } catch {
                        write.failure = error
                        guard db.isInsideTransaction else {
                            throw error as? DatabaseError
                                ?? DatabaseError(resultCode: .SQLITE_ABORT, message: "the transaction was rolled back")
                        }
                        // Should undoing the body fail, the error ends the whole transaction.
                        try db.execute(sql: "ROLLBACK TO registro_write; RELEASE registro_write")
                    }
                }
                return succeeded.isEmpty ? .rollback : .commit
            }
        } catch {
            for write in succeeded { write.failure = error }
            if remaining.count == waiting {
                for write in remaining { write.failure = error }
                remaining = []
            }
        }
    }

    /// Runs `write` in an immediate transaction of its own, committed or rolled back as it says,
    /// with SQLite's foreign-key checks off around it when the caller checks them.
    private static func runAlone(_ write: PendingWrite, _ db: Database) {
        do {
            // SQLite ignores this pragma inside a transaction: it is set around it.
            if write.foreignKeys == .caller { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            do {
                try db.inTransaction(.immediate) {
                    try write.run(db)
                    return write.commit ? .commit : .rollback
                }
            } catch {
                write.failure = error
            }
            if write.foreignKeys == .caller { try db.execute(sql: "PRAGMA foreign_keys = ON") }
        } catch {
            write.failure = write.failure ?? error
        }
    }
}
