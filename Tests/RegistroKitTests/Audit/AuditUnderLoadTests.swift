import Foundation
import RegistroTestSupport
import Testing

@testable import RegistroKit

/// The audit log under the server's load, in process: case reads appending six entries each
/// through the group commit, logins, writes that append entries and then fail, checkpoints
/// stored in the registry and the witness appended to, all at once; then `audit verify`.
@Suite("the audit log under concurrent load")
struct AuditUnderLoadTests {
    /// What a failing write throws after appending its entries.
    struct RefusedOnPurpose: Error {}

    /// Runs `body(i)` for every `i` of `ids` on a thread of its own; returns once all returned,
    /// or false after two minutes.
    static func onThreads(_ ids: Range<Int>, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        let group = DispatchGroup()
        for id in ids {
            group.enter()
            Thread {
                body(id)
                group.leave()
            }.start()
        }
        return group.wait(timeout: .now() + 120) == .success
    }

    /// Counts calls that threw unexpectedly, by kind, for the test's message.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String] = []
        func record(_ what: String, _ error: any Error) { lock.withLock { seen.append("\(what): \(error)") } }
        var all: [String] { lock.withLock { seen } }
    }

    @Test(
        "reads, logins, failing writes, stored checkpoints and the witness at once leave a log that verifies against every witness line"
    )
    func concurrentWritersCheckpointsAndWitnessVerify() throws {
        let fixture = try AuditFixture()
        let registry = fixture.registry
        let worker = try registry.session(as: "sw")
        let person = try worker.records.addBeneficiary(AuditFixture.person())
        let accounts = try registry.accounts(rules: .testing(clock: TestClock()))
        try accounts.setPassword("una password lunga per la prova", for: "sw")
        let officer = try registry.session(as: "dpo")
        let failures = Failures()
        let readers = 6
        let readsEach = 25
        // The witness is appended to as fast as it can be, as a server does once a second,
        // until the writers are done.
        let writersDone = DispatchSemaphore(value: 0)
        let witnessDone = DispatchSemaphore(value: 0)
        Thread {
            while writersDone.wait(timeout: .now()) == .timedOut {
                do {
                    try registry.witnessAuditLog()
                    // The write-ahead log copied back into the file when no reader holds it, as
                    // an erasure or a key rotation does, beside the group commits.
                    _ = try registry.database.checkpointCompletely(within: 0)
                } catch {
                    failures.record("witness", error)
                }
            }
            witnessDone.signal()
        }.start()
        // Threads 0..<readers read case files; then two log in, two append entries and fail
        // every other write, one stores checkpoints, and four read the log's head on the reader
        // connections (more threads than connections).
        let finished = Self.onThreads(0..<(readers + 9)) { thread in
            switch thread {
            case 0..<readers:
                for _ in 0..<readsEach {
                    do {
                        _ = try worker.sharing.caseFile(of: person, purpose: "presa_in_carico_condivisa")
                    } catch {
                        failures.record("read", error)
                    }
                }
            case readers, readers + 1:
                for attempt in 0..<10 {
                    let good = attempt % 2 == 0
                    do {
                        _ = try accounts.logIn(
                            LoginAttempt(
                                user: good ? "sw" : "nessuno-\(thread)-\(attempt)",
                                password: "una password lunga per la prova"))
                    } catch is LoginRefusal where !good {
                    } catch {
                        failures.record("login", error)
                    }
                }
            case readers + 2, readers + 3:
                for round in 0..<30 {
                    do {
                        try registry.database.write { db in
                            try AuditLog.append(
                                contentsOf: (0..<3).map { _ in
                                    AuditEvent(action: .record, resource: .registry, decision: .allow, detail: "undone")
                                }, in: db)
                            if round % 2 == 0 { throw RefusedOnPurpose() }
                        }
                    } catch is RefusedOnPurpose {
                    } catch {
                        failures.record("failing write", error)
                    }
                }
            case readers + 5..<readers + 9:
                for _ in 0..<200 {
                    do {
                        _ = try registry.database.read { db in try AuditLog.head(db) }
                    } catch {
                        failures.record("head", error)
                    }
                }
            default:
                for _ in 0..<10 {
                    do {
                        _ = try registry.audit(by: .user(officer)).makeAuditCheckpoint()
                    } catch {
                        failures.record("checkpoint", error)
                    }
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
        }
        writersDone.signal()
        #expect(witnessDone.wait(timeout: .now() + 60) == .success)
        #expect(finished)
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        try registry.witnessAuditLog()
        let entries = try fixture.entries()
        #expect(entries.filter { $0.action == "read" }.count == readers * readsEach * CaseCategory.allCases.count)
        #expect(entries.filter { $0.detail == "undone" }.count == 2 * 15 * 3, "only the writes that returned")
        let witness = AuditWitness(path: registry.location.witness)
        let lines = try witness.lines()
        #expect(lines.count > 2)
        let verification = try registry.audit(by: .user(officer)).verifyAuditLog(witness: witness)
        #expect(verification.isValid, "\(verification.summary)")
    }
}
