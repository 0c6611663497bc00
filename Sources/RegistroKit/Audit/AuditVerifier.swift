import Foundation

/// Verifies the audit log: reads every entry in sequence order, once, recomputing each chain
/// hash from the stored values exactly as Docs/PRIVACY.md describes (each value encoded by its
/// SQLite storage class), and compares the log with the checkpoints it is given (files, the
/// registry's own, every line of the witness) in the same pass, walking them in sequence order
/// beside the entries. Their keys and signatures are checked meanwhile on another thread.
///
/// A witness line that agrees with the log needs no signature check of its own: the witness's
/// last line, whose signature is checked, covers every entry before it through the chain. So
/// the signatures of the other lines are checked only when they disagree with the log, to tell
/// a forged line from a changed log; 10,000 lines then cost a few milliseconds, not 10,000
/// Ed25519 verifications.
///
/// The scan reads column bytes in place and reuses one buffer, so a million entries verify in
/// about a second.
struct AuditVerifier {
    /// A checkpoint to check the log against, and how to name it in messages.
    struct Reference {
        /// The checkpoint.
        let checkpoint: AuditCheckpoint
        /// Where it comes from, to name it in messages.
        let source: AuditCheckpointSource
        /// Whether a later checkpoint of the same witness vouches for it, so that its signature
        /// is checked only when it disagrees with the log.
        var vouchedForByLater = false
    }

    /// The checkpoints to check the log against.
    let references: [Reference]
    /// The keys that must have signed them.
    let keys: AuditSigningKeys

    /// Verifies the log of `db`.
    func verify(_ db: RegistryDatabase.Connection) throws -> AuditVerification {
        var result = AuditVerification(
            entries: 0, head: AuditChain.genesis, checkpoints: references.count, failure: nil,
            schemaChange: try AuditSchema.difference(db))
        let ordered = references.enumerated().sorted {
            ($0.element.checkpoint.seq, $0.offset) < ($1.element.checkpoint.seq, $1.offset)
        }.map(\.element)
        let signatures = SignatureCheck(references: ordered, keys: keys)
        signatures.start()
        result.failure = try scan(db, against: ordered, &result)
        if let failure = signatures.firstFailure() {
            result.failure = failure
        }
        return result
    }

    /// Reads the chain, comparing it with `ordered` (the references by sequence number), and
    /// returns the first failure; counts the entries and sets the head in `result`.
    private func scan(
        _ db: RegistryDatabase.Connection, against ordered: [Reference], _ result: inout AuditVerification
    ) throws -> AuditFailure? {
        guard try AuditSchemaCatalog.auditEntryIsStrict(db) else {
            return AuditFailure(seq: 1, reason: .tableNotStrict)
        }
        let columns = Int32(AuditColumn.encoded.count)
        let prevHashIndex = columns
        let hashIndex = columns + 1
        let rows = try AuditChainScan.entries(db)
        var expectedSeq: Int64 = 1
        var previous = AuditChain.genesis
        var hash = AuditChain.genesis
        var encoder = AuditEncoder()
        // The next reference to compare, and the last entry a reference agreed with.
        var nextReference = 0
        var nextReferenceSeq = ordered.first?.checkpoint.seq ?? Int64.max
        var agreedUpTo: Int64 = 0
        while try rows.next() {
            result.entries += 1
            let seqColumn = rows.column(1)
            guard seqColumn.storageClass == .integer, seqColumn.int64 == expectedSeq else {
                let found = seqColumn.storageClass == .integer ? seqColumn.int64 : expectedSeq
                return AuditFailure(
                    seq: expectedSeq, reason: found > expectedSeq ? .missing(next: found) : .hashMismatch)
            }
            let seq = expectedSeq
            let version = rows.column(0)
            guard version.storageClass == .integer, version.int64 == 1 else {
                return AuditFailure(seq: seq, reason: .unknownVersion(version.int64))
            }
            let link = rows.column(prevHashIndex)
            guard link.storageClass == .blob, Self.equal(link.bytes, previous) else {
                return AuditFailure(seq: seq, reason: .brokenLink)
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
                    return AuditFailure(seq: seq, reason: .hashMismatch)
                }
            }
            hash.withUnsafeMutableBytes { BLAKE2b.hash(encoder.written, into: $0) }
            let stored = rows.column(hashIndex)
            guard stored.storageClass == .blob, Self.equal(stored.bytes, hash) else {
                return AuditFailure(seq: seq, reason: .hashMismatch)
            }
            while nextReferenceSeq == seq {
                let reference = ordered[nextReference]
                guard reference.checkpoint.head == hash else {
                    return Self.signatureFailure(of: reference)
                        ?? AuditFailure(
                            seq: seq,
                            reason: .divergesFromCheckpoint(checkpoint: reference.source, agreedUpTo: agreedUpTo))
                }
                agreedUpTo = seq
                nextReference += 1
                nextReferenceSeq = nextReference < ordered.count ? ordered[nextReference].checkpoint.seq : Int64.max
            }
            swap(&previous, &hash)
            expectedSeq += 1
        }
        result.head = previous
        if let beyond = ordered.last, beyond.checkpoint.seq >= expectedSeq {
            return Self.signatureFailure(of: beyond)
                ?? AuditFailure(
                    seq: expectedSeq,
                    reason: .shorterThanCheckpoint(checkpoint: beyond.source, checkpointSeq: beyond.checkpoint.seq))
        }
        return nil
    }

    /// The failure of a checkpoint vouched for by a later one, whose signature was not checked
    /// yet, when its signature is bad; `nil` otherwise.
    private static func signatureFailure(of reference: Reference) -> AuditFailure? {
        guard reference.vouchedForByLater, !reference.checkpoint.hasValidSignature else { return nil }
        return AuditFailure(
            seq: reference.checkpoint.seq, reason: .badCheckpointSignature(checkpoint: reference.source))
    }

    /// Whether `stored` holds exactly the bytes of `expected`.
    private static func equal(_ stored: UnsafeRawBufferPointer, _ expected: [UInt8]) -> Bool {
        guard stored.count == expected.count, let storedBytes = stored.baseAddress else {
            return stored.isEmpty && expected.isEmpty
        }
        return expected.withUnsafeBytes { memcmp(storedBytes, $0.baseAddress!, stored.count) == 0 }
    }
}

/// The signature check of a verification's checkpoints, run on a thread of its own while the
/// chain is read: every checkpoint must carry the registry's key for its entry, and every one
/// no later checkpoint vouches for must be validly signed.
private final class SignatureCheck: @unchecked Sendable {
    private let references: [AuditVerifier.Reference]
    private let keys: AuditSigningKeys
    private let done = DispatchSemaphore(value: 0)
    private var failure: AuditFailure?

    /// A check of `references`, ordered by sequence number, against `keys`.
    init(references: [AuditVerifier.Reference], keys: AuditSigningKeys) {
        self.references = references
        self.keys = keys
    }

    /// Starts checking on another thread.
    func start() {
        Thread.detachNewThread { [self] in
            failure = check()
            done.signal()
        }
    }

    /// Waits for the check and returns the first checkpoint, by sequence number, that is not
    /// signed by the registry's key, or whose signature is bad.
    func firstFailure() -> AuditFailure? {
        done.wait()
        return failure
    }

    private func check() -> AuditFailure? {
        for reference in references {
            let checkpoint = reference.checkpoint
            if let key = keys.key(for: checkpoint.seq), checkpoint.publicKey != key {
                return AuditFailure(seq: checkpoint.seq, reason: .foreignCheckpointKey(checkpoint: reference.source))
            }
            if !reference.vouchedForByLater && !checkpoint.hasValidSignature {
                return AuditFailure(seq: checkpoint.seq, reason: .badCheckpointSignature(checkpoint: reference.source))
            }
        }
        return nil
    }
}
