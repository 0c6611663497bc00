import RegistroKit

extension Catalogue {
    /// The outcome of verifying the audit log in one sentence of this language: the first problem
    /// (an entry that does not verify, the audit tables changed by hand) or what was verified,
    /// with the witness's lines cut short by a crash. In English, the library's own sentence.
    public func verificationSummary(_ verification: AuditVerification) -> String {
        guard language == .italian else { return verification.summary }
        if let failure = verification.failure {
            return failureSentence(failure)
                + (verification.schemaChange.map { text("verify_by_hand_after", ["change": schemaChange($0)]) } ?? "")
        }
        if let change = verification.schemaChange {
            return text(
                "verify_schema_changed", ["n": String(verification.entries), "change": schemaChange(change)])
        }
        let entries =
            verification.entries == 1
            ? self["cli_verify_entries_one"] : text("cli_verify_entries", ["n": String(verification.entries)])
        let count = verification.checkpoints
        let checkpoints =
            count == 0
            ? ""
            : count == 1 ? self["cli_verify_checkpoints_one"] : text("cli_verify_checkpoints", ["n": String(count)])
        let witness = verification.witness.map { text("cli_verify_witness", ["file": $0]) } ?? ""
        let missing = verification.missingWitness.map { text("cli_verify_missing_witness", ["file": $0]) } ?? ""
        return text(
            "cli_verify_ok",
            ["entries": entries, "checkpoints": checkpoints, "witness": witness, "head": Hex.encode(verification.head)])
            + missing + cutShort(verification.cutShortWitnessLines)
    }

    /// Why an entry of the audit log does not verify.
    func failureSentence(_ failure: AuditFailure) -> String {
        let seq = String(failure.seq)
        switch failure.reason {
        case .hashMismatch: return text("verify_hash_mismatch", ["seq": seq])
        case .brokenLink: return text("verify_broken_link", ["seq": seq])
        case .missing(let next):
            return failure.seq == 1
                ? text("verify_missing_first", ["next": String(next)])
                : text("verify_missing", ["seq": seq, "previous": String(failure.seq - 1), "next": String(next)])
        case .unknownVersion(let version):
            return text("verify_unknown_version", ["seq": seq, "version": String(version)])
        case .badCheckpointSignature(let source):
            return text("verify_bad_signature", ["seq": seq, "checkpoint": checkpoint(source)])
        case .foreignCheckpointKey(let source):
            return text("verify_foreign_key", ["seq": seq, "checkpoint": checkpoint(source)])
        case .shorterThanCheckpoint(let source, let checkpointSeq):
            return text(
                "verify_shorter_than_checkpoint",
                [
                    "seq": seq, "last": String(failure.seq - 1), "checkpoint": checkpoint(source),
                    "covered": String(checkpointSeq),
                ])
        case .divergesFromCheckpoint(let source, let agreedUpTo):
            return agreedUpTo == 0
                ? text("verify_diverges", ["seq": seq, "checkpoint": checkpoint(source)])
                : text(
                    "verify_diverges_after",
                    [
                        "seq": seq, "checkpoint": checkpoint(source), "from": String(agreedUpTo + 1),
                        "agreed": String(agreedUpTo),
                    ])
        case .tableNotStrict: return text("verify_table_not_strict", ["seq": seq])
        }
    }

    /// Where a checkpoint comes from: a file, the registry, a line of the witness.
    func checkpoint(_ source: AuditCheckpointSource) -> String {
        switch source {
        case .file(let name): text("verify_source_file", ["name": name])
        case .stored(let seq): text("verify_source_stored", ["seq": String(seq)])
        case .witnessLine(let line, let witness):
            text("verify_source_witness_line", ["line": String(line), "witness": witness])
        }
    }

    /// How the audit tables differ from what registro made, as a phrase.
    func schemaChange(_ change: AuditSchemaChange) -> String {
        switch change {
        case .triggerRemoved(let name): text("verify_trigger_removed", ["name": name])
        case .removed(let type, let name): text("verify_object_removed", ["type": type, "name": name])
        case .altered(let type, let name): text("verify_object_altered", ["type": type, "name": name])
        case .added(let type, let name): text("verify_object_added", ["type": type, "name": name])
        }
    }

    /// The note on the witness's lines cut short by a crash, empty when there are none.
    private func cutShort(_ lines: [Int]) -> String {
        guard !lines.isEmpty else { return "" }
        let numbers = lines.map(String.init).joined(separator: ", ")
        return text(lines.count == 1 ? "verify_cut_short_one" : "verify_cut_short", ["lines": numbers])
    }
}
