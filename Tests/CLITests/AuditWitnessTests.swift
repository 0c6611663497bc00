import Foundation
import Testing

/// The witness through the built binary: every command that writes the audit log appends a
/// signed checkpoint to `<db>.witness`, and `audit verify` then catches what someone holding
/// the database and the keyring, but not the audit key, does to the log: entries removed at
/// the end or in the middle with the chain recomputed, entries reordered, the database rolled
/// back to a copy, triggers dropped or altered.
@Suite struct AuditWitnessTests {
    /// A checkpoint line of the witness: its line number, entry and head.
    struct WitnessLine: Equatable {
        let number: Int
        let seq: Int
        let head: String
    }

    /// The witness beside the database.
    private static func witnessPath(_ registry: AuditTestRegistry) -> String {
        registry.database + ".witness"
    }

    /// The lines of the witness at `path`, parsed; a line that is not six fields fails the test.
    private static func lines(_ path: String) throws -> [WitnessLine] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"), "every line is written whole")
        return try text.split(separator: "\n").enumerated().map { index, line in
            let fields = line.split(separator: " ")
            try #require(fields.count == 6 && fields[0] == "registro-witness/v1", "line \(index + 1): \(line)")
            return WitnessLine(number: index + 1, seq: try #require(Int(fields[1])), head: String(fields[2]))
        }
    }

    /// A number the `sqlite3` shell prints for `sql`.
    private static func number(_ registry: AuditTestRegistry, _ sql: String) throws -> Int {
        try #require(Int(try registry.sqlite(sql).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// A registry with the scenario built, and its audit key taken away, as from someone who
    /// holds only the database and the keyring.
    private static func registryWithoutAuditKey() throws -> AuditTestRegistry {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        try FileManager.default.moveItem(
            atPath: registry.database + ".audit-key", toPath: registry.path("kept-elsewhere.key"))
        return registry
    }

    /// Runs `audit verify` and requires exit 1 with a message starting with `prefix`.
    private static func expectVerifyFails(_ registry: AuditTestRegistry, startingWith prefix: String) throws {
        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("registro: " + prefix), "\(result.stderr)")
    }

    /// The first witness line at or after entry `seq`.
    private static func firstLine(_ lines: [WitnessLine], atOrAfter seq: Int) throws -> WitnessLine {
        try #require(lines.first { $0.seq >= seq })
    }

    @Test func theWitnessGrowsWithEveryCommandThatWritesTheLog() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        let path = Self.witnessPath(registry)
        var previous = try Self.lines(path)
        #expect(previous.map(\.seq) == previous.map(\.seq).sorted() && Set(previous.map(\.seq)).count == previous.count)
        let writing: [(arguments: [String], status: Int32)] = [
            (["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "sw-a"], 0),
            (["audit", "verify", "--as", "dpo"], 0),
            (["audit", "log", "--as", "dpo"], 0),
            (["audit", "verify", "--as", "sw-a"], 77),  // a denial is recorded, and witnessed
            (["audit", "key", "--as", "dpo"], 0),
        ]
        for (arguments, status) in writing {
            let result = try registry.registro(arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            let now = try Self.lines(path)
            #expect(now.count == previous.count + 1, "\(arguments) appended one line")
            #expect(Array(now.prefix(previous.count)) == previous, "earlier lines are never rewritten")
            let last = try #require(now.last)
            #expect(last.seq == (try Self.number(registry, "SELECT MAX(seq) FROM audit_entry")))
            #expect(
                last.head
                    == (try registry.sqlite("SELECT lower(hex(hash)) FROM audit_entry ORDER BY seq DESC LIMIT 1")
                        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            previous = now
        }
        // A command that writes nothing to the log adds nothing to the witness.
        try registry.expectSuccess(["codes", "service"])
        #expect(try Self.lines(path) == previous)
    }

    @Test func aTailCutAndTheTriggersRecreatedAreCaughtByTheWitness() throws {
        let registry = try Self.registryWithoutAuditKey()
        let lines = try Self.lines(Self.witnessPath(registry))
        let last = try #require(lines.last)
        try AuditForgery.apply(.truncate(after: last.seq - 3), to: registry)
        #expect(
            try registry.sqlite("SELECT name FROM sqlite_master WHERE name = 'audit_entry_no_delete'").stdout
                == "audit_entry_no_delete\n")

        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(last.seq - 2) is missing: the log ends at entry \(last.seq - 3) \
                but line \(last.number) of the witness \
                `\(Self.witnessPath(registry))` covers entries up to \(last.seq)
                """)
    }

    @Test func entriesRemovedFromTheMiddleWithTheChainRecomputedAreCaughtByTheWitness() throws {
        let registry = try Self.registryWithoutAuditKey()
        let lines = try Self.lines(Self.witnessPath(registry))
        let removed = try Self.number(registry, "SELECT MIN(seq) FROM audit_entry WHERE actor = 'sw-b'")
        try AuditForgery.apply(.removeActor("sw-b"), to: registry)
        #expect(try Self.number(registry, "SELECT COUNT(*) FROM audit_entry WHERE actor = 'sw-b'") == 0)

        let named = try Self.firstLine(lines, atOrAfter: removed)
        let agreed = lines.last { $0.seq < removed }?.seq ?? 0
        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(named.seq) differs from line \(named.number) of the witness \
                `\(Self.witnessPath(registry))`: the log was rewritten, reordered or rolled back after the checkpoint \
                was made, in entries \(agreed + 1) to \(named.seq)
                """)
    }

    @Test func entriesReorderedWithTheChainRecomputedAreCaughtByTheWitness() throws {
        let registry = try Self.registryWithoutAuditKey()
        let lines = try Self.lines(Self.witnessPath(registry))
        try AuditForgery.apply(.swap(6, 9), to: registry)

        let named = try Self.firstLine(lines, atOrAfter: 6)
        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(named.seq) differs from line \(named.number) of the witness \
                `\(Self.witnessPath(registry))`
                """)
    }

    @Test func aDatabaseRolledBackToAnOlderCopyIsCaughtByTheWitness() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        try registry.sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
        let copied = try Self.number(registry, "SELECT MAX(seq) FROM audit_entry")
        try FileManager.default.copyItem(atPath: registry.database, toPath: registry.path("older.db"))
        for _ in 0..<2 {
            try registry.expectSuccess(["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "sw-a"])
        }
        let last = try #require(try Self.lines(Self.witnessPath(registry)).last)
        try FileManager.default.moveItem(
            atPath: registry.database + ".audit-key", toPath: registry.path("kept-elsewhere.key"))
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: registry.database + suffix)
        }
        try FileManager.default.copyItem(atPath: registry.path("older.db"), toPath: registry.database)

        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(copied + 1) is missing: the log ends at entry \(copied) \
                but line \(last.number) of the witness `\(Self.witnessPath(registry))` \
                covers entries up to \(last.seq), \
                so entries were deleted or the database was rolled back
                """)
    }

    @Test func aRolledBackDatabaseThatWentOnIsCaughtWhereItDiverges() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        try registry.sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
        let copied = try Self.number(registry, "SELECT MAX(seq) FROM audit_entry")
        try FileManager.default.copyItem(atPath: registry.database, toPath: registry.path("older.db"))
        try registry.expectSuccess(["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "sw-a"])
        let lines = try Self.lines(Self.witnessPath(registry))
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: registry.database + suffix)
        }
        try FileManager.default.copyItem(atPath: registry.path("older.db"), toPath: registry.database)
        // Work goes on on the old copy, and is witnessed again once it passes the witness.
        for _ in 0..<3 {
            try registry.expectSuccess(["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "sw-b"])
        }

        let named = try Self.firstLine(lines, atOrAfter: copied + 1)
        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(named.seq) differs from line \(named.number) of the witness \
                `\(Self.witnessPath(registry))`
                """)
    }

    @Test func aDroppedTriggerFailsVerification() throws {
        let registry = try Self.registryWithoutAuditKey()
        try registry.sqlite("DROP TRIGGER audit_entry_no_delete")
        try Self.expectVerifyFails(
            registry,
            startingWith: """
                the chain of \(try Self.number(registry, "SELECT COUNT(*) FROM audit_entry")) audit entries verifies, \
                but the \
                triggers that keep the audit log append-only were removed (`audit_entry_no_delete` is missing)
                """)
    }

    @Test(arguments: [
        (
            "audit_entry_no_delete",
            "BEFORE DELETE ON audit_entry WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        ),
        (
            "audit_entry_no_update",
            "BEFORE UPDATE OF hash ON audit_entry BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        ),
        ("audit_checkpoint_no_delete", "BEFORE DELETE ON audit_checkpoint BEGIN SELECT RAISE(ABORT, 'x') WHERE 0; END"),
    ])
    func anAlteredTriggerThatStillAbortsSomewhereFailsVerification(name: String, body: String) throws {
        let registry = try Self.registryWithoutAuditKey()
        try registry.sqlite("DROP TRIGGER \(name); CREATE TRIGGER \(name) \(body);")
        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("the trigger `\(name)` that keeps the audit log append-only was altered"),
            "\(result.stderr)")
    }

    @Test func aTriggerAddedToAnAuditTableFailsVerification() throws {
        let registry = try Self.registryWithoutAuditKey()
        try registry.sqlite("CREATE TRIGGER quiet AFTER INSERT ON audit_checkpoint BEGIN SELECT 1; END;")
        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the trigger `quiet` was added to the audit tables"), "\(result.stderr)")
    }

    @Test func aWitnessLineWhoseHeadWasEditedHasABadSignature() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let path = Self.witnessPath(registry)
        let lines = try Self.lines(path)
        let target = lines[2]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let flipped = String(target.head.prefix(63)) + (target.head.hasSuffix("0") ? "1" : "0")
        try text.replacingOccurrences(of: target.head, with: flipped).write(
            toFile: path, atomically: true, encoding: .utf8)

        try Self.expectVerifyFails(
            registry,
            startingWith: """
                audit entry \(target.seq) cannot be checked against line \(target.number) of the witness `\(path)`: \
                its signature is bad
                """)
    }

    @Test func aDamagedWitnessLineIsNamedAndNothingIsVerified() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let handle = try #require(FileHandle(forWritingAtPath: Self.witnessPath(registry)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not a checkpoint\n".utf8))
        try handle.close()
        let count = try String(contentsOfFile: Self.witnessPath(registry), encoding: .utf8).split(separator: "\n").count

        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 65)
        #expect(
            result.stderr.hasPrefix(
                "registro: line \(count) of the witness `\(Self.witnessPath(registry))` is not a witnessed checkpoint"))
    }

    @Test func theWitnessOptionChoosesTheFileAndVerifyRequiresItToExist() throws {
        let registry = try AuditTestRegistry()
        try FileManager.default.createDirectory(atPath: registry.path("other-disk"), withIntermediateDirectories: true)
        let elsewhere = registry.path("other-disk/registro.witness")
        try registry.expectSuccess(["init", "--no-passphrase", "--witness", elsewhere])
        try registry.expectSuccess([
            "org", "add", "--id", "alfa", "--name", "Alfa", "--kind", "ets", "--witness", elsewhere,
        ])
        #expect(try Self.lines(elsewhere).map(\.seq) == [1, 2])
        #expect(!FileManager.default.fileExists(atPath: Self.witnessPath(registry)))
        let mode =
            try FileManager.default.attributesOfItem(atPath: registry.database + ".audit-key")[.posixPermissions]
            as? Int
        #expect(mode == 0o600)

        let verified = try registry.expectSuccess(["audit", "verify", "--witness", elsewhere])
        #expect(verified.stdout.contains("consistent with 2 checkpoints (witness `\(elsewhere)`)"))
        let missing = try registry.registro(["audit", "verify", "--witness", registry.path("nowhere.witness")])
        #expect(missing.status == 65)
        #expect(
            missing.stderr
                == "registro: no witness at `\(registry.path("nowhere.witness"))`; "
                + "check --witness or REGISTRO_WITNESS\n"
        )
    }

    @Test func auditKeyPrintsThePublicKeyEveryWitnessLineCarries() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let printed = try registry.expectSuccess(["audit", "key", "--as", "dpo"]).stdout
        let key = try #require(
            printed.firstMatch(of: /audit public key ([0-9a-f]{64}) \(ed25519\), signing checkpoints from entry 1/)?
                .output.1)
        let text = try String(contentsOfFile: Self.witnessPath(registry), encoding: .utf8)
        for line in text.split(separator: "\n") {
            #expect(line.split(separator: " ")[4] == key)
        }
        let again = try registry.registro(["audit", "key", "--create", "--as", "dpo"])
        #expect(again.status == 64)
        #expect(again.stderr.hasPrefix("registro: this registry has its own audit key already"))
    }

    @Test func verifyingWithoutTheWitnessSaysSo() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        try FileManager.default.removeItem(atPath: Self.witnessPath(registry))
        let result = try registry.expectSuccess(["audit", "verify", "--as", "dpo"])
        #expect(
            result.stdout.hasSuffix(
                """
                ; but no witness was checked: `\(Self.witnessPath(registry))` does not exist, \
                so the log could have been \
                rewritten unnoticed; pass the witness you keep with --witness

                """), "\(result.stdout)")
    }
}
