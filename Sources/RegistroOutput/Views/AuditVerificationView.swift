import RegistroKit

/// The outcome of verifying the audit log (`audit verify`): one sentence for a terminal, or
/// its facts as JSON.
public struct AuditVerificationView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "an audit verification"

    /// The verification shown.
    public let verification: AuditVerification

    /// The language of the text rendering.
    public let language: Language

    /// The view of `verification`, its text in `language`.
    public init(_ verification: AuditVerification, language: Language = .english) {
        self.verification = verification
        self.language = language
    }

    /// The summary sentence.
    public var text: String {
        summaryText + "\n"
    }

    /// The result in one sentence, in the view's language.
    public var summaryText: String {
        Catalogue.of(language).verificationSummary(verification)
    }

    /// `valid`, `entries`, `checkpoints`, `triggers_in_place`, `schema_change` (how the audit
    /// tables differ from what registro made, or null), `witness` (the witness file checked, or
    /// null), `missing_witness` (where one should have been, or null), `cut_short_witness_lines`
    /// (the numbers of the witness's lines a crash cut short, skipped), `head` (hex),
    /// `failed_entry` (null when none failed) and `summary`.
    public var json: JSONValue {
        .object([
            ("valid", .bool(verification.isValid)),
            ("entries", .int(verification.entries)),
            ("checkpoints", .int(Int64(verification.checkpoints))),
            ("triggers_in_place", .bool(verification.triggersInPlace)),
            ("schema_change", .text(verification.schemaChange?.description)),
            ("witness", .text(verification.witness)),
            ("missing_witness", .text(verification.missingWitness)),
            ("cut_short_witness_lines", .array(verification.cutShortWitnessLines.map { .int(Int64($0)) })),
            ("head", .string(Hex.encode(verification.head))),
            ("failed_entry", verification.failure.map { .int($0.seq) } ?? .null),
            ("summary", .string(verification.summary)),
        ])
    }
}
