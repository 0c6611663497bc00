/// The outcome of `audit verify`: how much of the log was checked and the first problem found.
public struct AuditVerification: Sendable, Equatable {
    /// How many entries were read.
    public var entries: Int64
    /// The hash of the last entry when the whole chain verifies (the genesis hash for an empty
    /// log, and before a failure).
    public var head: [UInt8]
    /// How many checkpoints the log was checked against: given, stored in the registry and
    /// witnessed.
    public var checkpoints: Int
    /// The first problem, `nil` when the log verifies.
    public var failure: AuditFailure?
    /// How the audit tables, their indexes or triggers differ from what the migrations made;
    /// `nil` when they are exactly the same.
    public var schemaChange: AuditSchemaChange?
    /// Where the witness checked is, `nil` when none was.
    public var witness: String?
    /// Where the witness of a registry that writes one should have been, when none was checked
    /// because none was there: the log may then have been rewritten unnoticed.
    public var missingWitness: String?
    /// The numbers of the witness's lines cut short by a crash while they were written, which
    /// were skipped: they vouch for nothing, and are no sign of tampering.
    public var cutShortWitnessLines: [Int] = []

    /// Whether the append-only triggers, and the rest of the audit tables' schema, are exactly
    /// as registro made them.
    public var triggersInPlace: Bool { schemaChange == nil }

    /// Whether the log verifies and nothing shows that it was handled by hand.
    public var isValid: Bool { failure == nil && triggersInPlace }

    /// One sentence for the user: the first problem, or what was verified.
    public var summary: String {
        if let failure {
            return schemaChange.map { failure.message + "; \($0), so the database was changed by hand" }
                ?? failure.message
        }
        if let schemaChange {
            return "the chain of \(entries) audit entries verifies, but \(schemaChange.description), "
                + "so the database was changed by hand; compare it with a checkpoint you keep"
        }
        let plural = entries == 1 ? "entry" : "entries"
        let checkpointText =
            checkpoints == 0 ? "" : ", consistent with \(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s")"
        let witnessText = witness.map { " (witness `\($0)`)" } ?? ""
        let missingText =
            missingWitness.map {
                "; but no witness was checked: `\($0)` does not exist, so the log could have been rewritten unnoticed; "
                    + "pass the witness you keep with --witness"
            } ?? ""
        return "audit log verified: \(entries) \(plural)\(checkpointText)\(witnessText), head \(Hex.encode(head))"
            + missingText + cutShortText
    }

    /// The note on witness lines cut short, empty when there are none.
    private var cutShortText: String {
        guard !cutShortWitnessLines.isEmpty else { return "" }
        let numbers = cutShortWitnessLines.map(String.init).joined(separator: ", ")
        let (noun, verb) = cutShortWitnessLines.count == 1 ? ("line", "was") : ("lines", "were")
        return "; the witness's \(noun) \(numbers) \(verb) cut short, by a crash while writing, and skipped: "
            + "the other lines were checked"
    }
}

/// The first entry of the audit log that does not verify, and why.
public struct AuditFailure: Sendable, Equatable {
    /// Why an entry does not verify.
    public enum Reason: Sendable, Equatable {
        /// The entry's hash is not the hash of its previous hash and contents: it was changed.
        case hashMismatch
        /// The entry's previous hash is not the hash of the entry before it.
        case brokenLink
        /// The entry is missing: the log jumps from the entry before it to entry `next`.
        case missing(next: Int64)
        /// The entry has an encoding version this registro does not know.
        case unknownVersion(Int64)
        /// The checkpoint described by `checkpoint`, whose head is this entry, has a bad
        /// signature.
        case badCheckpointSignature(checkpoint: AuditCheckpointSource)
        /// The checkpoint was signed by another key than the registry's audit key.
        case foreignCheckpointKey(checkpoint: AuditCheckpointSource)
        /// The log ends before this entry, but the checkpoint covers entries up to
        /// `checkpointSeq`.
        case shorterThanCheckpoint(checkpoint: AuditCheckpointSource, checkpointSeq: Int64)
        /// The entry's hash differs from the head the checkpoint signed; the log agrees with
        /// every checkpoint up to entry `agreedUpTo` (0 when none came before).
        case divergesFromCheckpoint(checkpoint: AuditCheckpointSource, agreedUpTo: Int64)
        /// The table was rebuilt without its column types, so values may not be what was hashed.
        case tableNotStrict
    }

    /// The sequence number of the first entry that does not verify.
    public var seq: Int64
    /// Why.
    public var reason: Reason

    /// Creates a failure of entry `seq`.
    public init(seq: Int64, reason: Reason) {
        self.seq = seq
        self.reason = reason
    }

    /// One sentence naming the entry and the reason.
    public var message: String {
        switch reason {
        case .hashMismatch:
            "audit entry \(seq) does not verify: its hash does not match its contents, so it was changed after it was written"
        case .brokenLink:
            "audit entry \(seq) does not verify: it does not link to the entry before it, so entries before it were changed, removed or reordered"
        case .missing(let next):
            seq == 1
                ? "audit entry 1 is missing: the log starts at entry \(next), so entries were deleted"
                : "audit entry \(seq) is missing: the log jumps from entry \(seq - 1) to entry \(next), so entries were deleted"
        case .unknownVersion(let version):
            "audit entry \(seq) does not verify: it has encoding version \(version), which this registro does not know"
        case .badCheckpointSignature(let checkpoint):
            "audit entry \(seq) cannot be checked against \(checkpoint): its signature is bad, so it was altered or not made by this registry"
        case .foreignCheckpointKey(let checkpoint):
            "audit entry \(seq) cannot be checked against \(checkpoint): it was signed by another key than this registry's audit key"
        case .shorterThanCheckpoint(let checkpoint, let checkpointSeq):
            "audit entry \(seq) is missing: the log ends at entry \(seq - 1) but \(checkpoint) covers entries up to \(checkpointSeq), so entries were deleted or the database was rolled back"
        case .divergesFromCheckpoint(let checkpoint, let agreedUpTo):
            "audit entry \(seq) differs from \(checkpoint): the log was rewritten, reordered or rolled back "
                + (agreedUpTo == 0
                    ? "after the checkpoint was made"
                    : "after the checkpoint was made, in entries \(agreedUpTo + 1) to \(seq) "
                        + "(it agrees with the checkpoints up to entry \(agreedUpTo))")
        case .tableNotStrict:
            "audit entry \(seq) cannot be trusted: the audit_entry table was rebuilt without its type checks"
        }
    }
}
