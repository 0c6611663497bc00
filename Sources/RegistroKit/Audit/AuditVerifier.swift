import Foundation
import GRDB

/// Verifies the audit log: reads every entry in sequence order, once, recomputing each chain
/// hash from the stored values exactly as Docs/PRIVACY.md describes, and compares the log with
/// the checkpoints it is given.
struct AuditVerifier {
    /// A checkpoint to check the log against, and how to name it in messages.
    struct Reference {
        /// The checkpoint.
        let checkpoint: AuditCheckpoint
        /// How messages name it, e.g. "checkpoint `cp.json`".
        let label: String
    }

    /// The checkpoints to check the log against.
    let references: [Reference]
    /// The registry's audit public key, when the registry recorded it.
    let registryKey: [UInt8]?

    /// The names of the triggers that keep the log and its checkpoints append-only.
    static let triggers = ["audit_entry_no_update", "audit_entry_no_delete", "audit_checkpoint_no_update", "audit_checkpoint_no_delete"]

    /// Verifies the log of `db`.
    func verify(_ db: Database) throws -> AuditVerification {
        var result = AuditVerification(
            entries: 0, head: AuditChain.genesis, checkpoints: references.count, failure: nil,
            triggersInPlace: try Self.triggersInPlace(db))
        if let failure = checkpointSignatureFailure() {
            result.failure = failure
            return result
        }
        guard try Self.isStrict(db) else {
            result.failure = AuditFailure(seq: 1, reason: .tableNotStrict)
            return result
        }
        let referencesBySeq = Dictionary(grouping: references) { $0.checkpoint.seq }
        var expectedSeq: Int64 = 1
        var previous = AuditChain.genesis
        var encoder = AuditEncoder()
        let columns = AuditColumn.encoded
        let prevHashIndex = columns.count
        let hashIndex = columns.count + 1
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(AuditColumn.allNames) FROM audit_entry ORDER BY seq")
        while let row = try cursor.next() {
            let version: Int64 = row[0]
            let seq: Int64 = row[1]
            result.entries += 1
            guard seq == expectedSeq else {
                result.failure = AuditFailure(seq: expectedSeq, reason: .missing(next: seq))
                return result
            }
            guard version == 1 else {
                result.failure = AuditFailure(seq: seq, reason: .unknownVersion(version))
                return result
            }
            let linked = try row.withUnsafeData(atIndex: prevHashIndex) { data in
                data.map { $0.elementsEqual(previous) } ?? false
            }
            guard linked else {
                result.failure = AuditFailure(seq: seq, reason: .brokenLink)
                return result
            }
            previous.withUnsafeBytes { encoder.reset(prefix: $0) }
            for (index, column) in columns.enumerated() {
                if row.hasNull(atIndex: index) {
                    encoder.appendNull()
                    continue
                }
                switch column.type {
                case .integer:
                    encoder.append(row[index] as Int64)
                case .text:
                    try row.withUnsafeData(atIndex: index) { data in
                        data!.withUnsafeBytes { encoder.append(utf8: $0) }
                    }
                case .blob:
                    try row.withUnsafeData(atIndex: index) { data in
                        data!.withUnsafeBytes { encoder.append(blob: $0) }
                    }
                }
            }
            let hash = AuditChain.hash(encoder.bytes)
            let matches = try row.withUnsafeData(atIndex: hashIndex) { data in
                data.map { $0.elementsEqual(hash) } ?? false
            }
            guard matches else {
                result.failure = AuditFailure(seq: seq, reason: .hashMismatch)
                return result
            }
            if let checkpoints = referencesBySeq[seq] {
                for reference in checkpoints where reference.checkpoint.head != hash {
                    result.failure = AuditFailure(seq: seq, reason: .divergesFromCheckpoint(checkpoint: reference.label))
                    return result
                }
            }
            previous = hash
            result.head = hash
            expectedSeq += 1
        }
        if let beyond = references.filter({ $0.checkpoint.seq >= expectedSeq }).max(by: { $0.checkpoint.seq < $1.checkpoint.seq }) {
            result.failure = AuditFailure(
                seq: expectedSeq,
                reason: .shorterThanCheckpoint(checkpoint: beyond.label, checkpointSeq: beyond.checkpoint.seq))
        }
        return result
    }

    /// The first checkpoint, by sequence number, that is not signed by the registry's key.
    private func checkpointSignatureFailure() -> AuditFailure? {
        for reference in references.sorted(by: { $0.checkpoint.seq < $1.checkpoint.seq }) {
            let checkpoint = reference.checkpoint
            if let registryKey, checkpoint.publicKey != registryKey {
                return AuditFailure(seq: checkpoint.seq, reason: .foreignCheckpointKey(checkpoint: reference.label))
            }
            if !checkpoint.hasValidSignature {
                return AuditFailure(seq: checkpoint.seq, reason: .badCheckpointSignature(checkpoint: reference.label))
            }
        }
        return nil
    }

    /// Whether the four append-only triggers exist and still abort.
    static func triggersInPlace(_ db: Database) throws -> Bool {
        let found = try String.fetchAll(
            db, sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'trigger' AND name IN (\(triggers.map { _ in "?" }.joined(separator: ", ")))
                  AND sql LIKE '%RAISE(ABORT%'
                """,
            arguments: StatementArguments(triggers))
        return Set(found) == Set(triggers)
    }

    /// Whether `audit_entry` is still a STRICT table, so its values keep their types.
    static func isStrict(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT strict FROM pragma_table_list WHERE name = 'audit_entry'") == true
    }
}
