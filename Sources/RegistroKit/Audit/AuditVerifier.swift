import Foundation
import GRDB

/// Verifies the audit log: reads every entry in sequence order, once, recomputing each chain
/// hash from the stored values exactly as Docs/PRIVACY.md describes (each value encoded by its
/// SQLite storage class), and compares the log with the checkpoints it is given.
///
/// The scan reads column bytes in place and reuses one buffer, so a million entries verify in
/// about a second.
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
        let columns = Int32(AuditColumn.encoded.count)
        let prevHashIndex = columns
        let hashIndex = columns + 1
        let rows = try RawRowCursor(db, sql: "SELECT \(AuditColumn.allNames) FROM audit_entry ORDER BY seq")
        var expectedSeq: Int64 = 1
        var previous = AuditChain.genesis
        var hash = AuditChain.genesis
        var encoder = AuditEncoder()
        defer { encoder.release() }
        while try rows.next() {
            result.entries += 1
            let seqColumn = rows.column(1)
            guard seqColumn.storageClass == .integer, seqColumn.int64 == expectedSeq else {
                let found = seqColumn.storageClass == .integer ? seqColumn.int64 : expectedSeq
                result.failure = AuditFailure(seq: expectedSeq, reason: found > expectedSeq ? .missing(next: found) : .hashMismatch)
                return result
            }
            let seq = expectedSeq
            let version = rows.column(0)
            guard version.storageClass == .integer, version.int64 == 1 else {
                result.failure = AuditFailure(seq: seq, reason: .unknownVersion(version.int64))
                return result
            }
            let link = rows.column(prevHashIndex)
            guard link.storageClass == .blob, Self.equal(link.bytes, previous) else {
                result.failure = AuditFailure(seq: seq, reason: .brokenLink)
                return result
            }
            encoder.reset(prefix: previous)
            for index in 0..<columns {
                let column = rows.column(index)
                switch column.storageClass {
                case .null: encoder.appendNull()
                case .integer: encoder.append(column.int64)
                case .text: encoder.append(utf8: column.bytes)
                case .blob: encoder.append(blob: column.bytes)
                case .real:
                    // No column of the STRICT table holds a real: the row was forged.
                    result.failure = AuditFailure(seq: seq, reason: .hashMismatch)
                    return result
                }
            }
            hash.withUnsafeMutableBytes { BLAKE2b.hash(encoder.written, into: $0) }
            let stored = rows.column(hashIndex)
            guard stored.storageClass == .blob, Self.equal(stored.bytes, hash) else {
                result.failure = AuditFailure(seq: seq, reason: .hashMismatch)
                return result
            }
            if !referencesBySeq.isEmpty, let checkpoints = referencesBySeq[seq] {
                for reference in checkpoints where reference.checkpoint.head != hash {
                    result.failure = AuditFailure(seq: seq, reason: .divergesFromCheckpoint(checkpoint: reference.label))
                    return result
                }
            }
            swap(&previous, &hash)
            expectedSeq += 1
        }
        result.head = previous
        if let beyond = references.filter({ $0.checkpoint.seq >= expectedSeq }).max(by: { $0.checkpoint.seq < $1.checkpoint.seq }) {
            result.failure = AuditFailure(
                seq: expectedSeq,
                reason: .shorterThanCheckpoint(checkpoint: beyond.label, checkpointSeq: beyond.checkpoint.seq))
        }
        return result
    }

    /// Whether `stored` holds exactly the bytes of `expected`.
    private static func equal(_ stored: UnsafeRawBufferPointer, _ expected: [UInt8]) -> Bool {
        guard stored.count == expected.count, let storedBytes = stored.baseAddress else {
            return stored.isEmpty && expected.isEmpty
        }
        return expected.withUnsafeBytes { memcmp(storedBytes, $0.baseAddress!, stored.count) == 0 }
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
