import CSQLiteSettings
import Foundation
import GRDB

/// The one owner of the registry's SQLite connections.
///
/// It applies the storage habits (WAL, a busy timeout so concurrent processes wait rather than
/// fail, `secure_delete`, foreign keys, full synchronisation, temporary data in memory), gives a
/// new registry its page size, runs the migrations of `Schema/` at open, and runs every write in
/// an immediate transaction on its one writer connection: writes that arrive while another
/// commits are committed together (`GroupCommit`). Reads of a registry on disk run on read-only
/// connections of their own (`ReaderConnections`), beside each other and beside the writes; an
/// in-memory one reads through its writer. Nothing outside `Storage/` sees GRDB, so another
/// database could stand behind this type later.
final class RegistryDatabase: Sendable {
    /// A connection inside one of the database's transactions, as the services pass it on to
    /// the storage layer without seeing its type's module.
    typealias Connection = Database

    /// How long a process waits for another one's write transaction before giving up.
    static let busyTimeout: TimeInterval = 60

    /// The writes, run on the writer connection.
    private let writes: GroupCommit
    /// The read-only connections of a database on disk; `nil` in memory.
    private let readers: ReaderConnections?

    /// The connection that writes.
    private var writer: DatabaseQueue { writes.writer }

    /// Where the database lives, `:memory:` for an in-memory one.
    let path: String

    private init(writer: DatabaseQueue, readers: ReaderConnections?, path: String) {
        writes = GroupCommit(writer: writer)
        self.readers = readers
        self.path = path
    }

    deinit {
        readers?.closeIdle()
    }

    /// Creates a new registry database at `path` (mode 0600), migrated and loaded with the
    /// reference codes.
    ///
    /// - Throws: `RegistroError` when a file exists at `path` or the database cannot be made.
    static func create(at path: String) throws -> RegistryDatabase {
        try PrivateFile.createEmpty(at: path, what: "database")
        do {
            let database = try open(path: path, new: true)
            // WAL is a persistent property of the file: set once, here.
            try database.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            return database
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Opens the existing registry database at `path`, migrating it to the current schema.
    ///
    /// - Throws: `RegistroError` when no database exists at `path`, when the file is not a
    ///   registry, when users other than its owner may read or write it, or when it was made
    ///   by a newer version of registro.
    static func openExisting(at path: String) throws -> RegistryDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RegistroError.usage(
                .database, "no registry at `\(path)`", hint: .createRegistry, key: .storage(.registryMissing(path)))
        }
        return try open(path: path, requiringOwnerOnly: true)
    }

    /// A new in-memory registry database, for tests.
    static func inMemory() throws -> RegistryDatabase {
        try open(path: ":memory:", new: true)
    }

    /// The page size of a new registry, in bytes: the unit SQLite reads, writes, logs and
    /// copies. A registry keeps the size it was made with; one made with SQLite's default of
    /// 4 KiB works as before. Larger pages halve or quarter the write-ahead log's frames, and
    /// the system calls that write, checksum and copy them, for the same bytes
    /// (Docs/PERFORMANCE.md, "The page size").
    static let newPageSize = 16384

    /// SQLite's process-wide settings, applied once before its first connection: memory
    /// statistics off, sparing a global mutex around each of the ~20 allocations an imported
    /// row costs (Docs/PERFORMANCE.md). Later in a process that already used SQLite, nothing.
    private static let processSettings: Void = {
        _ = registro_sqlite_disable_memory_statistics()
    }()

    /// Opens the database at `path`; a `new` one (empty) gets `newPageSize` first, before its
    /// first table fixes the page size for good.
    private static func open(
        path: String, new: Bool = false, requiringOwnerOnly: Bool = false
    ) throws -> RegistryDatabase {
        processSettings
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Temporary data stays in memory: the undo journal of each write's savepoint holds
            // the registry's pages as they were, and SQLite would otherwise spill it to a file
            // of the system's temporary folder once it outgrows 64 KiB (four 16 KiB pages).
            try db.execute(sql: "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY")
        }
        let writer: DatabaseQueue
        do {
            writer =
                path == ":memory:"
                ? try DatabaseQueue(configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw notARegistry(path)
        } catch let error as DatabaseError {
            let reason = error.message ?? "unknown SQLite error"
            throw RegistroError(
                .invalidData, field: nil, "cannot open the registry `\(path)`: \(reason)",
                key: .storage(.registryUnopenable(path, reason: reason)))
        }
        let readers = path == ":memory:" ? nil : ReaderConnections(path: path, configuration: configuration)
        let database = RegistryDatabase(writer: writer, readers: readers, path: path)
        if new {
            try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA page_size = \(newPageSize)") }
        }
        try database.migrate(requiringOwnerOnly: requiringOwnerOnly)
        return database
    }

    private static func notARegistry(_ path: String) -> RegistroError {
        .invalidData(
            .database, "`\(path)` is not a Registro database", hint: .checkDatabase, key: .storage(.notARegistry(path)))
    }

    /// Applies the pending migrations of `Schema/` and reloads the reference codes when the
    /// embedded ones changed. An up-to-date registry is only read, so opening it takes no
    /// write lock and changes no byte of the file. With `requiringOwnerOnly`, a registry that
    /// other users of the machine may read is refused before anything is written.
    private func migrate(requiringOwnerOnly: Bool) throws {
        let migrator = Migrations.migrator()
        do {
            let upToDate = try writer.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty && !tables.contains("grdb_migrations") {
                    throw Self.notARegistry(path)
                }
                if requiringOwnerOnly { try PrivateFile.requireOwnerOnly(at: path, what: "database") }
                guard tables.contains("grdb_migrations") else { return false }
                if try migrator.hasBeenSuperseded(db) {
                    throw RegistroError(
                        .invalidData, field: nil,
                        "the registry `\(path)` was made by a newer version of registro; upgrade registro to open it",
                        key: .storage(.registryNewer(path)))
                }
                return try migrator.hasCompletedMigrations(db) && ReferenceCodeLoader.isCurrent(db)
            }
            guard !upToDate else { return }
            try migrator.migrate(writer)
            try write { db in try ReferenceCodeLoader.loadIfChanged(db) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw Self.notARegistry(path)
        }
    }

    /// Who checks the foreign keys of a write transaction.
    enum ForeignKeyChecks {
        /// SQLite, on every statement: the default.
        case sqlite
        /// The caller, which checks every reference it writes itself (a bulk import, see
        /// `DeliveryImporter.checkedReferences`); SQLite's checks are off for this transaction
        /// only, and on again before the next.
        case caller
    }

    /// Runs `body` in an immediate write transaction, committed when `body` returns (unless
    /// `commit` is false, for dry runs) and rolled back when it throws; returns once the commit
    /// is durable.
    ///
    /// Bodies that arrive while another transaction commits run together, in arrival order, in
    /// the next transaction, each in a savepoint of its own: one that throws undoes its own
    /// changes only and its caller gets its error. A dry run, or a write whose foreign keys the
    /// caller checks, runs in a transaction of its own. `body` may run on another caller's
    /// thread, while its own caller waits; it reads and writes through the connection it is
    /// given, never through `read` or `write`.
    func write<T>(
        commit: Bool = true, foreignKeys: ForeignKeyChecks = .sqlite, _ body: (Database) throws -> T
    ) throws -> T {
        try translatingErrors {
            try withoutActuallyEscaping(body) { body in
                var result: T?
                let write = PendingWrite(commit: commit, foreignKeys: foreignKeys) { db in result = try body(db) }
                writes.submit(write)
                if let failure = write.failure { throw failure }
                return result!
            }
        }
    }

    /// How many writes wait for the writer connection, not counting the group it runs: what a
    /// test watches to know that the writes it started will be grouped.
    var waitingWrites: Int { writes.waitingCount }

    /// How long a change that must overwrite old pages in the files (an erasure, a key
    /// rotation) waits for other programs' read transactions to end before it fails.
    static let checkpointWait: TimeInterval = 10

    /// Copies the write-ahead log into the database and empties it, so that pages a change
    /// overwrote (an erasure, a key rotation) no longer linger in the `-wal` file nor, in their
    /// old form, in the database file; and checks that it did: SQLite cannot finish while
    /// another connection reads an older snapshot of the pages (an open read transaction, in
    /// this process or another), and says so only in the pragma's result. Tried again until
    /// `wait` has passed.
    ///
    /// - Returns: Whether the log was copied completely and emptied.
    /// - Throws: `RegistroError` when SQLite fails otherwise.
    func checkpointCompletely(within wait: TimeInterval) throws -> Bool {
        guard path != ":memory:" else { return true }
        let deadline = Date().addingTimeInterval(wait)
        while true {
            let done = try translatingErrors {
                try writer.writeWithoutTransaction { db -> Bool in
                    // Each try waits a little for readers, not the long timeout of writes.
                    try db.execute(sql: "PRAGMA busy_timeout = 250")
                    defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Self.busyTimeout * 1000))") }
                    do {
                        // busy, frames in the log, frames copied: complete when not busy and all are copied.
                        guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") else {
                            return false
                        }
                        let busy: Int = row[0], logged: Int = row[1], copied: Int = row[2]
                        return busy == 0 && logged == copied
                    } catch let error as DatabaseError
                        where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
                    {
                        return false
                    }
                }
            }
            if done { return true }
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Runs `body` with read access to a consistent snapshot of the database: what the last
    /// commit left, whatever write transaction is open meanwhile.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors {
            if let readers { return try readers.read(body) }
            return try writer.read(body)
        }
    }

    /// Turns SQLite errors that reach the user into `RegistroError`s, without values from rows.
    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw RegistroError(
                    .internal, field: nil,
                    "the registry `\(path)` stayed busy with another process's write for \(Int(Self.busyTimeout)) seconds; try again",
                    key: .storage(.registryBusy(path, seconds: Int(Self.busyTimeout))))
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                throw RegistroError(
                    .invalidData, field: nil, "the registry `\(path)` is damaged; restore it from a backup",
                    key: .storage(.registryDamaged(path)))
            case .SQLITE_FULL:
                throw RegistroError(
                    .internal, field: nil, "the disk holding `\(path)` is full; free space and try again",
                    key: .storage(.diskFull(path)))
            case .SQLITE_READONLY:
                throw RegistroError(
                    .invalidData, field: nil, "the registry `\(path)` is read-only; check its permissions",
                    key: .storage(.registryReadOnly(path)))
            default:
                throw RegistroError.internal("the registry database failed: \(error.message ?? "unknown SQLite error")")
            }
        }
    }
}

extension RegistryDatabase {
    /// Runs `body` with the connection's page cache raised to `mebibytes` (SQLite's default is
    /// 2 MiB), then back to what it was: for a bulk write that inserts into indexes at random
    /// places, whose pages would otherwise be written out to the WAL and read back again and
    /// again before the commit.
    static func withPageCache<T>(mebibytes: Int, _ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(-mebibytes * 1024)")
        // Failing to shrink the cache again costs memory, not correctness.
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}
