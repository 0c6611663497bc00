import Foundation
import GRDB

/// Read-only connections to a registry on disk, opened as they are needed and kept idle
/// between reads, so that reads run beside each other and beside the one write transaction.
///
/// Each read is a transaction of its own on one of them, a consistent snapshot of the last
/// commit; between reads a connection holds no snapshot, so it never keeps a checkpoint from
/// emptying the write-ahead log. GRDB's `DatabasePool` would do the same, but at every open it
/// sets its writer's `synchronous` to `NORMAL` and, when the log is empty, writes to the file
/// (it creates and drops a table), where opening an up-to-date registry must write nothing.
final class ReaderConnections: @unchecked Sendable {
    /// The most connections open at once: the server's registry and login threads and its
    /// witness, with room to spare; a read waits for one to be free beyond it.
    static let maximumCount = 8

    private let path: String
    private let configuration: Configuration
    private let condition = NSCondition()
    /// The connections between reads.
    private var idle: [DatabaseQueue] = []
    /// How many connections are open, idle or reading.
    private var openCount = 0

    /// Connections to the database at `path`, with the registry's `configuration` made read-only.
    init(path: String, configuration: Configuration) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
    }

    /// Runs `body` in a read transaction of one of the connections.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let reader = try take()
        defer { giveBack(reader) }
        return try reader.inDatabase { db in
            // The transaction's `BEGIN` and `COMMIT` are statements the connection keeps
            // prepared: GRDB's `read` prepares both again at every call, a third of the cost of
            // the access gate's small reads and about 30,000 instructions of each case read's.
            // The connection is read-only, so nothing in it can write.
            try RawStatement(db, cachedSQL: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let result = try body(db)
                try RawStatement(db, cachedSQL: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                try? db.rollback()
                throw error
            }
        }
    }

    /// Closes the idle connections, before the writer closes: the last connection to close
    /// copies the write-ahead log into the database and removes it, which a read-only one
    /// cannot do.
    func closeIdle() {
        condition.lock()
        let closing = idle
        idle = []
        openCount -= closing.count
        condition.unlock()
        for reader in closing { try? reader.close() }
    }

    /// An idle connection, a new one while fewer than `maximumCount` are open, or the first
    /// one given back.
    private func take() throws -> DatabaseQueue {
        condition.lock()
        while idle.isEmpty && openCount >= Self.maximumCount { condition.wait() }
        if let reader = idle.popLast() {
            condition.unlock()
            return reader
        }
        openCount += 1
        condition.unlock()
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            condition.lock()
            openCount -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func giveBack(_ reader: DatabaseQueue) {
        condition.lock()
        idle.append(reader)
        condition.signal()
        condition.unlock()
    }
}
