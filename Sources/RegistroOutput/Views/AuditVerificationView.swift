import RegistroKit

/// The outcome of verifying the audit log (`audit verify`): one sentence for a terminal, or
/// its facts as JSON.
public struct AuditVerificationView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "an audit verification"

    /// The verification shown.
    public let verification: AuditVerification

    /// The view of `verification`.
    /// The language of the text rendering.
    public let language: Language

    /// The view of `verification`, its text in `language`.
    public init(_ verification: AuditVerification, language: Language = .english) {
        self.verification = verification
        self.language = language
    }

    /// The result in Italian: what was verified; a problem (a failure, a witness line cut short)
    /// is still worded in English.
    private var italianSummary: String {
        let catalogue = Catalogue.of(language)
        guard verification.isValid, verification.cutShortWitnessLines.isEmpty else { return verification.summary }
        let entries =
            verification.entries == 1
            ? catalogue["cli_verify_entries_one"]
            : catalogue.text("cli_verify_entries", ["n": String(verification.entries)])
        let count = verification.checkpoints
        let checkpoints =
            count == 0
            ? ""
            : count == 1
                ? catalogue["cli_verify_checkpoints_one"]
                : catalogue.text("cli_verify_checkpoints", ["n": String(count)])
        let witness = verification.witness.map { catalogue.text("cli_verify_witness", ["file": $0]) } ?? ""
        let missing = verification.missingWitness.map { catalogue.text("cli_verify_missing_witness", ["file": $0]) }
        return catalogue.text(
            "cli_verify_ok",
            ["entries": entries, "checkpoints": checkpoints, "witness": witness, "head": Hex.encode(verification.head)])
            + (missing ?? "")
    }

    /// The summary sentence.
    public var text: String {
        summaryText + "\n"
    }

    /// The result in one sentence, in the view's language.
    var summaryText: String {
        language == .italian ? italianSummary : verification.summary
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
            ("schema_change", .text(verification.schemaChange)),
            ("witness", .text(verification.witness)),
            ("missing_witness", .text(verification.missingWitness)),
            ("cut_short_witness_lines", .array(verification.cutShortWitnessLines.map { .int(Int64($0)) })),
            ("head", .string(Hex.encode(verification.head))),
            ("failed_entry", verification.failure.map { .int($0.seq) } ?? .null),
            ("summary", .string(verification.summary)),
        ])
    }
}
