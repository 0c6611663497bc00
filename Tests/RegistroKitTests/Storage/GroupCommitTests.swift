import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// Concurrent writes committed together and reads beside them, on a registry database on disk
/// (and in memory where it says so).
@Suite("group commit: concurrent writes share a commit, each keeps its own outcome; reads never wait for a write")
struct GroupCommitTests {
    /// A registry database on disk, in a temporary directory, with a table `probe` the tests
    /// write their rows into.
    final class Scratch: @unchecked Sendable {
        let directory: URL
        let path: String
        let database: RegistryDatabase

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "registro-group-commit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            path = directory.appendingPathComponent("registro.db").path
            database = try RegistryDatabase.create(at: path)
            try Self.makeProbeTable(database)
        }

        deinit {
            try? FileManager.default.removeItem(at: directory)
        }

        static func makeProbeTable(_ database: RegistryDatabase) throws {
            try database.write { db in try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY)") }
        }
    }

    /// What a test body throws to fail on purpose.
    struct RefusedOnPurpose: Error, Equatable {
        let id: Int
    }

    /// Counts the writer's commits, from a transaction observer.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var commits = 0

        var count: Int { lock.withLock { commits } }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { lock.withLock { commits += 1 } }
        func databaseDidRollback(_ db: Database) {}

        /// A counter of `database`'s commits from now on.
        static func watching(_ database: RegistryDatabase) throws -> CommitCounter {
            let counter = CommitCounter()
            try database.write { db in db.add(transactionObserver: counter, extent: .observerLifetime) }
            return counter
        }
    }

    /// The outcomes of calls made on several threads, by the call's number.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [Int: any Error] = [:]
        private var answered: Set<Int> = []

        func record(_ id: Int, _ failure: (any Error)?) {
            lock.withLock {
                answered.insert(id)
                if let failure { failures[id] = failure }
            }
        }

        /// Runs write `id`'s `body` and records whether it returned or threw.
        func attempt(_ id: Int, _ body: () throws -> Void) {
            do {
                try body()
                record(id, nil)
            } catch {
                record(id, error)
            }
        }

        var answeredCount: Int { lock.withLock { answered.count } }
        var answeredIDs: Set<Int> { lock.withLock { answered } }
        func failure(of id: Int) -> (any Error)? { lock.withLock { failures[id] } }
        var failedIDs: Set<Int> { lock.withLock { Set(failures.keys) } }
    }

    /// Runs `body(i)` for every `i` of `ids` on a thread of its own, and returns once all have
    /// returned (or after a minute, so that a deadlock fails the test instead of hanging it).
    static func onThreads(_ ids: some Sequence<Int>, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        let group = DispatchGroup()
        for id in ids {
            group.enter()
            Thread {
                body(id)
                group.leave()
            }.start()
        }
        return group.wait(timeout: .now() + 60) == .success
    }

    /// Waits until `condition` holds, for at most ten seconds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    /// Inserts probe row `id` and appends an audit entry naming it.
    static func insertAndAudit(_ id: Int, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO probe (id) VALUES (?)", arguments: [id])
        try AuditLog.append(
            AuditEvent(action: .record, resource: .registry, decision: .allow, detail: "probe \(id)"), in: db)
    }

    static func probeIDs(_ database: RegistryDatabase) throws -> Set<Int> {
        try database.read { db in Set(try Int.fetchAll(db, sql: "SELECT id FROM probe")) }
    }

    static func verifyAuditLog(_ database: RegistryDatabase) throws -> AuditVerification {
        try database.read { db in try AuditVerifier(references: [], keys: try AuditSigningKeys.load(db)).verify(db) }
    }

    /// A write that holds the writer connection until `release` is signalled, so that the
    /// writes submitted meanwhile wait and then run as one group.
    final class Blocker: @unchecked Sendable {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        init(_ database: RegistryDatabase, inserting id: Int) {
            Thread { [self] in
                _ = try? database.write { db in
                    try GroupCommitTests.insertAndAudit(id, db)
                    started.signal()
                    _ = release.wait(timeout: .now() + 30)
                }
                done.signal()
            }.start()
            _ = started.wait(timeout: .now() + 30)
        }
    }

    @Test(
        "many threads writing at once: every write that returns is committed, every one that throws left nothing, the audit chain verifies",
        arguments: [true, false])
    func manyThreadsWritingAtOnce(onDisk: Bool) throws {
        let scratch = onDisk ? try Scratch() : nil
        let database = try scratch?.database ?? RegistryDatabase.inMemory()
        if scratch == nil { try Scratch.makeProbeTable(database) }
        let entriesBefore = try Self.verifyAuditLog(database).entries
        let outcomes = Outcomes()
        let finished = Self.onThreads(0..<8) { thread in
            for round in 0..<25 {
                let id = thread * 100 + round
                outcomes.attempt(id) {
                    try database.write { db in
                        try Self.insertAndAudit(id, db)
                        if id % 7 == 3 { throw RefusedOnPurpose(id: id) }
                    }
                }
            }
        }
        #expect(finished)
        #expect(outcomes.answeredCount == 200)
        let refused = Set((0..<8).flatMap { thread in (0..<25).map { thread * 100 + $0 } }.filter { $0 % 7 == 3 })
        #expect(outcomes.failedIDs == refused)
        for id in refused { #expect(outcomes.failure(of: id) as? RefusedOnPurpose == RefusedOnPurpose(id: id)) }
        let committed = try Self.probeIDs(database)
        #expect(committed.count == 200 - refused.count)
        #expect(committed.isDisjoint(with: refused))
        let verification = try Self.verifyAuditLog(database)
        #expect(verification.isValid, "\(verification.summary)")
        #expect(verification.entries == entriesBefore + Int64(200 - refused.count))
    }

    @Test(
        "writes waiting while another commits are committed in one transaction; one that throws loses only its own changes and gets its own error"
    )
    func aFailingBodyInAGroupLosesOnlyItsOwnChanges() throws {
        let scratch = try Scratch()
        let database = scratch.database
        let commits = try CommitCounter.watching(database)
        let commitsBefore = commits.count
        let blocker = Blocker(database, inserting: 0)
        let outcomes = Outcomes()
        let waiting = Thread {
            _ = Self.onThreads(1...5) { id in
                outcomes.attempt(id) {
                    try database.write { db in
                        try Self.insertAndAudit(id, db)
                        if id == 3 { throw RefusedOnPurpose(id: id) }
                    }
                }
            }
        }
        waiting.start()
        #expect(Self.eventually { database.waitingWrites == 5 })
        #expect(outcomes.answeredCount == 0, "no write is answered while the writer is busy")
        blocker.release.signal()
        #expect(blocker.done.wait(timeout: .now() + 30) == .success)
        #expect(Self.eventually { outcomes.answeredCount == 5 })
        #expect(commits.count - commitsBefore == 2, "the blocking write, then the five waiting ones together")
        #expect(outcomes.failedIDs == [3])
        #expect(outcomes.failure(of: 3) as? RefusedOnPurpose == RefusedOnPurpose(id: 3))
        #expect(try Self.probeIDs(database) == [0, 1, 2, 4, 5])
        let verification = try Self.verifyAuditLog(database)
        #expect(verification.isValid, "\(verification.summary)")
        let probes = try database.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_entry WHERE detail LIKE 'probe %' ORDER BY seq")
        }
        #expect(probes.count == 5 && !probes.contains("probe 3"))
    }

    @Test("a group holds at most 64 bodies: 100 waiting writes commit in two transactions")
    func aGroupIsCapped() throws {
        let scratch = try Scratch()
        let database = scratch.database
        let commits = try CommitCounter.watching(database)
        let commitsBefore = commits.count
        let blocker = Blocker(database, inserting: 0)
        let outcomes = Outcomes()
        Thread {
            _ = Self.onThreads(1...100) { id in
                outcomes.attempt(id) {
                    try database.write { db in try db.execute(sql: "INSERT INTO probe (id) VALUES (?)", arguments: [id])
                    }
                }
            }
        }.start()
        #expect(Self.eventually { database.waitingWrites == 100 })
        blocker.release.signal()
        #expect(Self.eventually { outcomes.answeredCount == 100 })
        #expect(outcomes.failedIDs.isEmpty)
        #expect(commits.count - commitsBefore == 3, "the blocking write, then 64, then 36")
        #expect(try Self.probeIDs(database).count == 101)
    }

    @Test("a dry run among waiting writes runs in a transaction of its own and leaves nothing; the others commit")
    func aDryRunRunsAlone() throws {
        let scratch = try Scratch()
        let database = scratch.database
        let blocker = Blocker(database, inserting: 0)
        let outcomes = Outcomes()
        Thread {
            _ = Self.onThreads(1...4) { id in
                outcomes.attempt(id) {
                    try database.write(commit: id != 2) { db in
                        try db.execute(sql: "INSERT INTO probe (id) VALUES (?)", arguments: [id])
                    }
                }
            }
        }.start()
        #expect(Self.eventually { database.waitingWrites == 4 })
        blocker.release.signal()
        #expect(Self.eventually { outcomes.answeredCount == 4 })
        #expect(outcomes.failedIDs.isEmpty)
        #expect(try Self.probeIDs(database) == [0, 1, 3, 4])
    }

    @Test(
        "a write returns only once its commit is visible to a new connection, and the writer commits with synchronous = FULL"
    )
    func aCallerIsAnsweredAfterTheCommit() throws {
        let scratch = try Scratch()
        let database = scratch.database
        #expect(try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        let readOnly = {
            var configuration = Configuration()
            configuration.readonly = true
            return configuration
        }()
        let missing = Outcomes()
        let finished = Self.onThreads(0..<6) { thread in
            for round in 0..<10 {
                let id = thread * 100 + round
                do {
                    try database.write { db in try db.execute(sql: "INSERT INTO probe (id) VALUES (?)", arguments: [id])
                    }
                    let fresh = try DatabaseQueue(path: scratch.path, configuration: readOnly)
                    let found = try fresh.read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe WHERE id = ?", arguments: [id])
                    }
                    if found != 1 { missing.record(id, RefusedOnPurpose(id: id)) }
                } catch {
                    missing.record(id, error)
                }
            }
        }
        #expect(finished)
        #expect(missing.failedIDs.isEmpty, "rows not visible once their write returned: \(missing.failedIDs.sorted())")
    }

    @Test("a read runs while a write transaction is open, and sees the last commit, not the open transaction")
    func aReadDoesNotWaitForASlowWrite() throws {
        let scratch = try Scratch()
        let database = scratch.database
        let blocker = Blocker(database, inserting: 1)
        let read = DispatchSemaphore(value: 0)
        let seen = Outcomes()
        Thread {
            do {
                seen.record(try Self.probeIDs(database).count, nil)
            } catch {
                seen.record(-1, error)
            }
            read.signal()
        }.start()
        let answered = read.wait(timeout: .now() + 10)
        blocker.release.signal()
        #expect(answered == .success, "the read waited for the write")
        #expect(seen.answeredIDs == [0], "the read saw the last commit: no probe row yet")
        #expect(blocker.done.wait(timeout: .now() + 30) == .success)
        #expect(try Self.probeIDs(database) == [1])
    }

    @Test("after reads on many connections at once, the idle readers hold no snapshot: a checkpoint empties the log")
    func idleReadersLetTheCheckpointEmptyTheLog() throws {
        let scratch = try Scratch()
        let database = scratch.database
        try database.write { db in
            for id in 1...50 { try db.execute(sql: "INSERT INTO probe (id) VALUES (?)", arguments: [id]) }
        }
        let finished = Self.onThreads(0..<8) { _ in
            for _ in 0..<20 { _ = try? Self.probeIDs(database) }
        }
        #expect(finished)
        #expect(try database.checkpointCompletely(within: 1))
        let log = try FileManager.default.attributesOfItem(atPath: scratch.path + "-wal")[.size] as? Int
        #expect(log == 0)
    }

    /// What a write inside a write answered, set on the thread that ran it.
    final class NestedOutcome: @unchecked Sendable {
        var inner: RegistroError?
        var outer: (any Error)?
    }

    @Test("a write started inside a write's body fails at once with a programming error; the outer write goes on")
    func aWriteInsideAWriteFailsAtOnce() throws {
        let scratch = try Scratch()
        let database = scratch.database
        let outcome = NestedOutcome()
        let finished = DispatchSemaphore(value: 0)
        Thread {
            do {
                try database.write { db in
                    try db.execute(sql: "INSERT INTO probe (id) VALUES (1)")
                    do {
                        try database.write { inner in try inner.execute(sql: "INSERT INTO probe (id) VALUES (2)") }
                    } catch let error as RegistroError {
                        outcome.inner = error
                    }
                }
            } catch {
                outcome.outer = error
            }
            finished.signal()
        }.start()
        try #require(finished.wait(timeout: .now() + 10) == .success, "the write inside a write hung")
        #expect(outcome.outer == nil)
        #expect(outcome.inner?.kind == .internal)
        #expect(outcome.inner?.message.contains("inside another write's body") == true)
        let rows = try database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM probe ORDER BY id") }
        #expect(rows == [1], "the inner write changed something, or the outer one was lost")
        // The queue is free: the next write runs.
        try database.write { db in try db.execute(sql: "INSERT INTO probe (id) VALUES (3)") }
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM probe") } == 2)
    }
}
