import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// Signed checkpoints: Ed25519 over (seq, head, time) with the registry's own audit key.
@Suite struct AuditCheckpointTests {
    @Test func aCheckpointCoversItsOwnIssuingAndVerifies() throws {
        let fixture = try AuditFixture()
        let checkpoint = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        let last = try #require(try fixture.entries().last)
        #expect(checkpoint.seq == last.seq && checkpoint.head == last.hash)
        #expect(last.action == "audit" && last.detail == "checkpoint" && last.actor == "dpo")
        #expect(checkpoint.hasValidSignature)
        #expect(checkpoint.time.count == 24)
    }

    @Test func changingAnySignedValueBreaksTheSignature() throws {
        let fixture = try AuditFixture()
        let checkpoint = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        var seq = checkpoint
        seq.seq += 1
        var head = checkpoint
        head.head[0] ^= 1
        var time = checkpoint
        time.time = "2020-01-01T00:00:00.000Z"
        var signature = checkpoint
        signature.signature[10] ^= 0x80
        var key = checkpoint
        key.publicKey[0] ^= 1
        for forged in [seq, head, time, signature, key] {
            #expect(!forged.hasValidSignature)
        }
    }

    @Test func theKeyIsTheRegistrysOwnNotDerivedFromTheRootKeyAndRecordedInTheRegistry() throws {
        let fixture = try AuditFixture()
        let other = try AuditFixture()
        let first = try fixture.registry.session(as: "admin").audit.makeAuditCheckpoint()
        let second = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        let foreign = try other.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        #expect(first.publicKey == second.publicKey)
        #expect(first.publicKey != foreign.publicKey)
        #expect(try fixture.registry.database.read { try Registry.auditPublicKey($0) } == first.publicKey)
        #expect(first.publicKey != (try fixture.registry.keys().auditSigningKey.publicKey))
        #expect(first.publicKey == (try AuditKeyFile.load(at: fixture.registry.location.auditKey).publicKey))
    }

    @Test func theJSONFileRoundTripsWithTheDocumentedKeys() throws {
        let fixture = try AuditFixture()
        let checkpoint = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        let json = checkpoint.json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == ["format", "version", "seq", "head", "time", "algorithm", "public_key", "signature"])
        #expect(
            object["format"] as? String == "registro-audit-checkpoint" && object["algorithm"] as? String == "ed25519")
        #expect(try AuditCheckpoint.parse(Data(json.utf8), source: "kept.json") == checkpoint)
    }

    @Test func aFileThatIsNotACheckpointGetsOneClearSentence() {
        #expect(
            throws: RegistroError.invalidData(
                .checkpoint, "`notes.txt` is not a Registro audit checkpoint", hint: .useCheckpointFile)
        ) {
            try AuditCheckpoint.parse(Data("hello".utf8), source: "notes.txt")
        }
        let damaged = """
            {"format": "registro-audit-checkpoint", "version": 1, "seq": 3, "head": "zz", "time": "t",
             "algorithm": "ed25519", "public_key": "00", "signature": "00"}
            """
        #expect(
            throws: RegistroError.invalidData(
                "`cp.json` is a damaged audit checkpoint: its seq, head, public_key or signature is malformed")
        ) {
            try AuditCheckpoint.parse(Data(damaged.utf8), source: "cp.json")
        }
    }

    @Test func aCheckpointOfAnotherRegistryIsRefusedByVerify() throws {
        let fixture = try AuditFixture()
        let other = try AuditFixture()
        let foreign = try other.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        let verification = try fixture.verify([
            AuditVerifier.Reference(checkpoint: foreign, source: .file("other.json"))
        ])
        #expect(
            verification.failure
                == AuditFailure(seq: foreign.seq, reason: .foreignCheckpointKey(checkpoint: .file("other.json"))))
        #expect(!verification.isValid)
    }

    @Test func onlyPrivacyOfficersAndAdminsMakeCheckpoints() throws {
        let fixture = try AuditFixture()
        #expect(
            throws: RegistroError.denied(
                "`sw` (social_worker, alfa) may not consult the audit log: no policy permits it (default deny)")
        ) {
            try fixture.registry.session(as: "sw").audit.makeAuditCheckpoint()
        }
        let last = try #require(try fixture.entries().last)
        #expect(last.action == "audit" && last.decision == "deny" && last.actor == "sw")
        #expect(
            try fixture.registry.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_checkpoint") }
                == 0)
    }
}
