import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// The verifier names the first entry that does not verify, for each way a log can be altered.
@Suite struct AuditVerifierTests {
    /// The fixture with its append-only triggers dropped, as an attacker would.
    private func tamperable() throws -> AuditFixture {
        let fixture = try AuditFixture()
        try fixture.execute("DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete")
        return fixture
    }

    @Test func anUntouchedLogVerifies() throws {
        let verification = try AuditFixture().verify()
        #expect(verification.isValid)
        #expect(verification.entries == 6)
        #expect(verification.summary.hasPrefix("audit log verified: 6 entries, head "))
    }

    @Test func droppedTriggersAloneFailVerification() throws {
        let fixture = try tamperable()
        let verification = try fixture.verify()
        #expect(verification.failure == nil && !verification.triggersInPlace && !verification.isValid)
        #expect(verification.summary.contains("the triggers that keep the audit log append-only were removed"))
    }

    @Test func aChangedValueIsAHashMismatchAtItsEntry() throws {
        let fixture = try tamperable()
        try fixture.execute("UPDATE audit_entry SET detail = 'edited' WHERE seq = 4")
        #expect(try fixture.verify().failure == AuditFailure(seq: 4, reason: .hashMismatch))
    }

    @Test func aRehashedEntryBreaksTheLinkOfTheNextOne() throws {
        let fixture = try tamperable()
        // Rewrite entry 4 and recompute its hash honestly: entry 5 no longer links to it.
        let entry = try #require(try fixture.entries().first { $0.seq == 4 })
        var changed = entry
        changed.actor = "intruder"
        var encoder = AuditEncoder()
        encoder.reset(prefix: changed.previousHash)
        changed.encode(into: &encoder)
        let hash = AuditChain.hash(Array(encoder.written))
        try fixture.registry.database.write { db in
            try db.execute(
                sql: "UPDATE audit_entry SET actor = 'intruder', hash = ? WHERE seq = 4", arguments: [Data(hash)])
        }
        #expect(try fixture.verify().failure == AuditFailure(seq: 5, reason: .brokenLink))
    }

    @Test func aDeletedEntryInTheMiddleIsAGap() throws {
        let fixture = try tamperable()
        try fixture.execute("DELETE FROM audit_entry WHERE seq = 3")
        let failure = try #require(try fixture.verify().failure)
        #expect(failure == AuditFailure(seq: 3, reason: .missing(next: 4)))
        #expect(
            failure.message
                == "audit entry 3 is missing: the log jumps from entry 2 to entry 4, so entries were deleted")
    }

    @Test func aLogShorterThanACheckpointNamesTheFirstMissingEntry() throws {
        let fixture = try AuditFixture()
        let checkpoint = try fixture.registry.session(as: "dpo").audit.makeAuditCheckpoint()
        try fixture.execute(
            """
            DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_checkpoint_no_delete;
            DELETE FROM audit_entry WHERE seq >= \(checkpoint.seq - 1); DELETE FROM audit_checkpoint
            """)
        let verification = try fixture.verify([
            AuditVerifier.Reference(checkpoint: checkpoint, source: .file("kept.json"))
        ])
        #expect(
            verification.failure
                == AuditFailure(
                    seq: checkpoint.seq - 1,
                    reason: .shorterThanCheckpoint(checkpoint: .file("kept.json"), checkpointSeq: checkpoint.seq))
        )
    }

    @Test func anUnknownVersionIsNamed() throws {
        let fixture = try tamperable()
        try fixture.execute("PRAGMA ignore_check_constraints = ON; UPDATE audit_entry SET version = 2 WHERE seq = 2")
        #expect(try fixture.verify().failure == AuditFailure(seq: 2, reason: .unknownVersion(2)))
    }

    @Test func anEmptyLogVerifiesAsEmpty() throws {
        let fixture = try tamperable()
        try fixture.execute("DELETE FROM audit_entry")
        let verification = try fixture.verify()
        #expect(verification.failure == nil && verification.entries == 0 && verification.head == AuditChain.genesis)
    }
}
