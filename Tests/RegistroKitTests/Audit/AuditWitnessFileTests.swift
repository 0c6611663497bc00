import Foundation
import GRDB
import Testing

@testable import RegistroKit

/// The witness file and the registry's own audit key, through the library.
@Suite struct AuditWitnessFileTests {
    /// A checkpoint of a made-up head at `seq`, signed with `key`.
    private static func checkpoint(_ seq: Int64, _ key: Ed25519.KeyPair) -> AuditCheckpoint {
        AuditCheckpoint.signed(seq: seq, head: [UInt8](repeating: UInt8(seq % 256), count: 32), with: key)
    }

    @Test func appendersOnManyThreadsLeaveWholeLinesInTheirOrder() throws {
        let fixture = try AuditFixture()
        let path = fixture.directory.appendingPathComponent("shared.witness").path
        let key = Ed25519.KeyPair(seed: SecretKey.random())
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<40 {
                // Each appender opens the file anew, as separate processes do.
                _ = try? AuditWitness(path: path).appendCheckpoint { last in Self.checkpoint((last ?? 0) + 1, key) }
            }
        }
        let lines = try AuditWitness(path: path).lines()
        #expect(lines.map(\.checkpoint.seq) == Array(1...320))
        #expect(lines.allSatisfy { $0.checkpoint.hasValidSignature })
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aLineCutShortByACrashIsLeftApartAndNamed() throws {
        let fixture = try AuditFixture()
        let path = fixture.directory.appendingPathComponent("torn.witness").path
        let key = Ed25519.KeyPair(seed: SecretKey.random())
        let whole = Self.checkpoint(1, key).witnessLine
        try Data((whole + whole.prefix(40)).utf8).write(to: URL(fileURLWithPath: path))
        var seen: Int64?? = .none
        let appended = try #require(
            try AuditWitness(path: path).appendCheckpoint { last in
                seen = last
                return Self.checkpoint(2, key)
            })
        #expect(seen == .some(nil), "an unfinished last line has no sequence number")
        #expect(
            try String(contentsOfFile: path, encoding: .utf8) == whole + whole.prefix(40) + "\n" + appended.witnessLine)
        // The line cut short is named and skipped; the whole lines around it are read.
        let read = try AuditWitness(path: path).read()
        #expect(read.cutShort == [2])
        #expect(read.lines.map(\.number) == [1, 3])
    }

    @Test func onlyTheStartOfAWitnessLineCountsAsCutShort() {
        let whole = Self.checkpoint(1, Ed25519.KeyPair(seed: SecretKey.random())).witnessLine.dropLast()
        for length in [1, 10, 19, 20, 25, 100, 150, whole.count - 1] {
            #expect(AuditCheckpoint.isCutShortWitnessLine(whole.prefix(length)), "a prefix of \(length)")
        }
        #expect(!AuditCheckpoint.isCutShortWitnessLine(whole))
        #expect(!AuditCheckpoint.isCutShortWitnessLine("not a checkpoint"))
        #expect(!AuditCheckpoint.isCutShortWitnessLine(whole.prefix(30) + "zz"))
        #expect(!AuditCheckpoint.isCutShortWitnessLine(whole.prefix(100) + " "))
    }

    @Test func aWitnessedHeadIsNotWitnessedAgain() throws {
        let fixture = try AuditFixture()
        let first = try #require(try fixture.registry.witnessAuditLog())
        #expect(first.seq == (try fixture.entries().last?.seq))
        #expect(try fixture.registry.witnessAuditLog() == nil)
        try fixture.registry.organisations().addOrganisation(
            Organisation(id: "beta", name: "Beta", kind: .ets, networks: []))
        #expect(try fixture.registry.witnessAuditLog()?.seq == first.seq + 1)
        #expect(try AuditWitness(path: fixture.registry.location.witness).lines().count == 2)
    }

    @Test func anAuditKeyOfAnotherRegistryIsRefused() throws {
        let fixture = try AuditFixture()
        let other = try AuditFixture()
        try FileManager.default.removeItem(atPath: fixture.registry.location.auditKey)
        try FileManager.default.copyItem(
            atPath: other.registry.location.auditKey, toPath: fixture.registry.location.auditKey)
        #expect(
            throws: RegistroError.invalidData(
                "the audit key `\(fixture.registry.location.auditKey)` is not the one recorded in "
                    + "`\(fixture.registry.location.database)`: "
                    + "it belongs to another registry, or the database was altered"
            )
        ) {
            try fixture.registry.witnessAuditLog()
        }
    }

    @Test func aRegistryMadeBeforeAuditKeysGetsOneAndItsOlderCheckpointsStillVerify() throws {
        let fixture = try AuditFixture()
        let registry = fixture.registry
        // As registries were made before: no audit key file, the key derived from the root key.
        try FileManager.default.removeItem(atPath: registry.location.auditKey)
        let derived = try registry.keys().auditSigningKey.publicKey
        let triggers = try registry.database.read { db in
            try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_key'")
        }
        try fixture.execute(
            """
            DROP TRIGGER audit_key_no_delete; DROP TRIGGER audit_key_no_update; DELETE FROM audit_key;
            \(triggers.joined(separator: ";\n"));
            UPDATE registry_meta SET value = '\(Hex.encode(derived))' WHERE key = 'audit_public_key'
            """)
        let old = try registry.session(as: "dpo").audit.makeAuditCheckpoint()
        #expect(old.publicKey == derived)
        #expect(try registry.witnessAuditLog() == nil, "no witness without a key of its own")
        #expect(try registry.session(as: "dpo").audit.auditKey().isOwn == false)

        let created = try registry.session(as: "dpo").audit.createAuditKey()
        let head = try fixture.entries().last?.seq
        #expect(created.isOwn && created.since == head && created.publicKey != derived)
        let mode =
            try FileManager.default.attributesOfItem(atPath: registry.location.auditKey)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let witnessed = try #require(try registry.witnessAuditLog())
        #expect(witnessed.publicKey == created.publicKey)
        #expect(try registry.session(as: "dpo").audit.makeAuditCheckpoint().publicKey == created.publicKey)

        let verification = try registry.session(as: "dpo").audit.verifyAuditLog(
            against: old, named: "old.json", witness: AuditWitness(path: registry.location.witness))
        #expect(verification.isValid, "\(verification.summary)")
        #expect(verification.checkpoints == 3)
        #expect(
            throws: RegistroError(
                .usage, field: nil, "this registry has its own audit key already (`\(registry.location.auditKey)`)",
                hint: .showAuditKey)
        ) {
            try registry.session(as: "dpo").audit.createAuditKey()
        }
    }

    @Test func theLastWitnessLineMustBeValidlySignedEvenWhenItAgreesWithTheLog() throws {
        let fixture = try AuditFixture()
        let registry = fixture.registry
        try registry.witnessAuditLog()
        try registry.organisations().addOrganisation(Organisation(id: "beta", name: "Beta", kind: .ets, networks: []))
        var last = try #require(try registry.witnessAuditLog())
        let path = registry.location.witness
        let text = try String(contentsOfFile: path, encoding: .utf8)
        last.signature[0] ^= 1
        let lines = text.split(separator: "\n").map(String.init)
        let forged = lines.dropLast() + [String(last.witnessLine.dropLast())]
        try (forged.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let verification = try registry.session(as: "dpo").audit.verifyAuditLog(witness: AuditWitness(path: path))
        #expect(
            verification.failure
                == AuditFailure(
                    seq: last.seq, reason: .badCheckpointSignature(checkpoint: .witnessLine(2, witness: path))))
    }
}
