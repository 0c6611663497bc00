@testable import RegistroKit
import RegistroOutput
import Testing

/// Every way `audit verify` can fail is worded in Italian from the catalogue; in English the
/// library's own sentence, which JSON keeps in both languages.
@Suite struct AuditVerificationWordingTests {
    static func failed(_ reason: AuditFailure.Reason, schemaChange: AuditSchemaChange? = nil) -> AuditVerification {
        AuditVerification(
            entries: 9, head: [0xab], checkpoints: 2, failure: AuditFailure(seq: 7, reason: reason),
            schemaChange: schemaChange, witness: "w", missingWitness: nil)
    }

    static let sources: [AuditCheckpointSource] = [.file("cp.json"), .stored(seq: 5), .witnessLine(3, witness: "w")]

    static var reasons: [AuditFailure.Reason] {
        [.hashMismatch, .brokenLink, .missing(next: 9), .unknownVersion(2), .tableNotStrict]
            + sources.flatMap { source in
                [
                    AuditFailure.Reason.badCheckpointSignature(checkpoint: source),
                    .foreignCheckpointKey(checkpoint: source),
                    .shorterThanCheckpoint(checkpoint: source, checkpointSeq: 12),
                    .divergesFromCheckpoint(checkpoint: source, agreedUpTo: 0),
                    .divergesFromCheckpoint(checkpoint: source, agreedUpTo: 4),
                ]
            }
    }

    @Test func everyFailureIsWordedInItalianAndInTheLibrarysEnglish() {
        let italian = Catalogue.of(.italian)
        let english = Catalogue.of(.english)
        for reason in Self.reasons {
            let verification = Self.failed(reason)
            let text = italian.verificationSummary(verification)
            #expect(text.contains("7") && !text.contains("[") && !text.contains("{"), "\(reason): \(text)")
            #expect(!text.contains("audit entry"), "\(reason): \(text)")
            #expect(english.verificationSummary(verification) == verification.summary)
        }
        let witness = italian.verificationSummary(
            Self.failed(.badCheckpointSignature(checkpoint: .witnessLine(3, witness: "w"))))
        #expect(witness.contains("la riga 3 del testimone `w`"))
        #expect(italian.verificationSummary(Self.failed(.brokenLink)).hasPrefix("la voce 7 del registro degli accessi"))
    }

    @Test func aSchemaChangedByHandIsWordedInItalian() {
        let italian = Catalogue.of(.italian)
        let changes: [AuditSchemaChange] = [
            .triggerRemoved(name: "audit_no_update"), .removed(type: "index", name: "i"),
            .altered(type: "trigger", name: "t"), .added(type: "trigger", name: "x"),
        ]
        for change in changes {
            var verification = Self.failed(.brokenLink, schemaChange: change)
            verification.failure = nil
            let text = italian.verificationSummary(verification)
            #expect(text.hasPrefix("la catena di 9 voci") && text.contains("modificato a mano"), "\(text)")
            #expect(!text.contains("[") && !text.contains("{"), "\(text)")
            #expect(Catalogue.of(.english).verificationSummary(verification) == verification.summary)
        }
        #expect(
            Self.failed(.hashMismatch, schemaChange: .triggerRemoved(name: "t")).summary.hasSuffix(
                "the triggers that keep the audit log append-only were removed (`t` is missing), "
                    + "so the database was changed by hand"))
    }

    @Test func linesOfTheWitnessCutShortAreNamedInItalian() {
        var verification = AuditVerification(
            entries: 3, head: [0x01], checkpoints: 1, failure: nil, schemaChange: nil, witness: "w", missingWitness: nil
        )
        verification.cutShortWitnessLines = [4]
        let one = Catalogue.of(.italian).verificationSummary(verification)
        #expect(one.hasPrefix("registro degli accessi verificato: 3 voci"))
        #expect(one.contains("la riga 4 del testimone è stata troncata"))
        verification.cutShortWitnessLines = [4, 6]
        #expect(Catalogue.of(.italian).verificationSummary(verification).contains("le righe 4, 6 del testimone"))
    }
}
