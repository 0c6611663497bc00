import Foundation
import GRDB

extension Registry {
    /// Meta key of the registry's audit public key (hex), against which checkpoints are checked.
    static let auditPublicKeyMeta = "audit_public_key"

    /// Verifies the audit log's chain, the checkpoints stored in the registry and, when given,
    /// a checkpoint kept outside it and every line of a witness. The verification itself is
    /// recorded in the log afterwards.
    ///
    /// - Parameters:
    ///   - checkpoint: A checkpoint the privacy officer kept.
    ///   - name: How messages name it, e.g. its file name.
    ///   - witness: The witness to check the log against.
    ///   - actor: A privacy officer or an admin.
    /// - Returns: The outcome; `isValid` is false when an entry does not verify.
    /// - Throws: `RegistroError` for an actor who may not audit (denied and recorded), or a
    ///   witness that cannot be read or holds a damaged line.
    public func verifyAuditLog(
        against checkpoint: AuditCheckpoint? = nil, named name: String = "the given checkpoint",
        witness: AuditWitness? = nil, actor: String?
    ) throws -> AuditVerification {
        let user = try writeAuditing { db in try requireAuditor(actor, db) }
        let witnessed = try witness.map(Self.references(in:)) ?? []
        var verification = try checkLog(
            against: checkpoint.map { AuditVerifier.Reference(checkpoint: $0, label: "checkpoint `\(name)`") },
            witnessed: witnessed)
        verification.witness = witness?.path
        if witness == nil, !FileManager.default.fileExists(atPath: location.witness),
           try database.read({ try AuditSigningKeys.load($0) }).currentIsOwn {
            verification.missingWitness = location.witness
        }
        try appendAuditEntry(
            AuditEvent(by: user, action: .audit, resource: .auditLog, decision: .allow, detail: Self.detail(verifying: verification)))
        return verification
    }

    /// Verifies the log against the checkpoints stored in the registry, `given` and `witnessed`.
    private func checkLog(
        against given: AuditVerifier.Reference?, witnessed: [AuditVerifier.Reference] = []
    ) throws -> AuditVerification {
        try database.read { db in
            let stored = try Row.fetchAll(db, sql: "SELECT seq, head, time, public_key, signature FROM audit_checkpoint ORDER BY seq")
                .map { row in
                    AuditVerifier.Reference(
                        checkpoint: AuditCheckpoint(
                            seq: row["seq"], head: Array(row["head"] as Data), time: row["time"],
                            publicKey: Array(row["public_key"] as Data), signature: Array(row["signature"] as Data)),
                        label: "the checkpoint of entry \(row["seq"] as Int64) stored in the registry")
                }
            // The given checkpoint is usually also stored: check it once, under its file's name.
            let references =
                (given.map { [$0] } ?? []) + stored.filter { $0.checkpoint != given?.checkpoint } + witnessed
            return try AuditVerifier(references: references, keys: try AuditSigningKeys.load(db)).verify(db)
        }
    }

    /// The note recording a verification's outcome.
    private static func detail(verifying verification: AuditVerification) -> AuditDetail {
        if let failure = verification.failure {
            return "verify: failed at entry \(failure.seq)"
        }
        return verification.triggersInPlace ? "verify: ok" : "verify: triggers removed"
    }

    /// Records the issuing of a checkpoint, then signs the log's head (that entry) with the
    /// registry's audit key (`<db>.audit-key`; for a registry made before audit keys of their
    /// own, the key derived from the root key) and keeps the checkpoint in the registry too.
    ///
    /// - Parameter actor: A privacy officer or an admin.
    /// - Returns: The checkpoint, to write to a file the privacy officer keeps.
    /// - Throws: `RegistroError` for an actor who may not audit (denied and recorded), or an
    ///   audit key (or keyring) that does not open.
    public func makeAuditCheckpoint(actor: String?) throws -> AuditCheckpoint {
        let key = try auditSigningKey()
        return try writeAuditing { db in
            let user = try requireAuditor(actor, db)
            if let recorded = try AuditSigningKeys.load(db).current, recorded != key.publicKey {
                throw RegistroError.invalidData(
                    "the audit public key recorded in `\(location.database)` is not the keyring's: the database was altered; restore it from a backup")
            }
            try AuditLog.append(
                AuditEvent(by: user, action: .audit, resource: .auditLog, decision: .allow, detail: "checkpoint"), in: db)
            let head = try AuditLog.head(db)
            let checkpoint = AuditCheckpoint.signed(seq: head.seq, head: head.hash, with: key)
            try db.execute(
                sql: "INSERT INTO audit_checkpoint (seq, head, time, public_key, signature) VALUES (?, ?, ?, ?, ?)",
                arguments: [checkpoint.seq, Data(checkpoint.head), checkpoint.time, Data(checkpoint.publicKey), Data(checkpoint.signature)])
            try Self.recordAuditPublicKey(key.publicKey, db)
            return checkpoint
        }
    }

    /// The entries of the audit log that `filter` selects, in order; the consultation is
    /// recorded first, so it is among them when the filter selects it.
    ///
    /// - Throws: `RegistroError` for an actor who may not audit (denied and recorded).
    public func auditEntries(matching filter: AuditFilter, actor: String?) throws -> [AuditEntry] {
        try writeAuditing { db in
            let subject = try filter.subject.flatMap { try exists(db, "beneficiary", $0) ? $0 : nil }
            let user = try requireAuditor(actor, db, subject: subject)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, subject: subject, decision: .allow, detail: "log"),
                in: db)
            return try AuditLog.entries(matching: filter, db)
        }
    }

    /// What the audit log says about one person (GDPR art. 15): every read, lookup and
    /// export of their data, allowed and denied, and every change.
    ///
    /// - Throws: `RegistroError` for an unknown beneficiary, or an actor who may not audit
    ///   (denied and recorded).
    public func subjectReport(beneficiary: String, actor: String?) throws -> SubjectReport {
        try writeAuditing { db in
            let subject = try exists(db, "beneficiary", beneficiary) ? beneficiary : nil
            let user = try requireAuditor(actor, db, subject: subject)
            let report = try SubjectReport.make(beneficiary: beneficiary, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, subject: beneficiary, decision: .allow,
                    detail: "subject report"),
                in: db)
            return report
        }
    }

    /// The privacy officer's overview of the log, and the log's verification.
    ///
    /// - Throws: `RegistroError` for an actor who may not audit (denied and recorded).
    public func auditOverview(actor: String?) throws -> (overview: AuditOverview, verification: AuditVerification) {
        let user = try writeAuditing { db in try requireAuditor(actor, db) }
        let verification = try checkLog(against: nil)
        let overview = try database.write { db in
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, decision: .allow,
                    detail: verification.isValid ? "overview" : "overview: the log does not verify"),
                in: db)
            return try AuditOverview.make(db)
        }
        return (overview, verification)
    }

    /// The organisations other than the owner that received the data of `beneficiary`,
    /// according to the audit log: the ones to inform of an erasure (GDPR art. 19).
    func recipients(of beneficiary: String, _ db: Database) throws -> [String] {
        guard let owner = try String.fetchOne(db, sql: "SELECT owner_org FROM beneficiary WHERE id = ?", arguments: [beneficiary]) else {
            return []
        }
        return try SubjectReport.recipients(of: beneficiary, owner: owner, db)
    }

    /// The operator named by `actor`, whom the policies' `audit` action must allow (privacy
    /// officers and admins); `nil` while the registry has no user, when whoever holds it may
    /// audit it.
    ///
    /// - Throws: `AuditedDenial` when the policies deny it, recorded with `subject`.
    func requireAuditor(_ actor: String?, _ db: Database, subject: String? = nil) throws -> Operator? {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM operator LIMIT 1") == true else { return nil }
        let user = try requireOperator(actor, db)
        let decision = try AccessGate(user: user, db).decide(.audit)
        guard decision.isAllowed else {
            throw AuditedDenial(
                decision.auditEvent(by: user, action: .audit, resource: .auditLog, subject: subject, category: nil, purpose: nil),
                message: Self.denialMessage(user, .audit, subject: nil, decision))
        }
        return user
    }

    /// The registry's audit public key as recorded, if it was.
    func auditPublicKey(_ db: Database) throws -> [UInt8]? {
        try String.fetchOne(db, sql: "SELECT value FROM registry_meta WHERE key = ?", arguments: [Self.auditPublicKeyMeta])
            .flatMap(Hex.decode)
    }

    /// Records the registry's audit public key, when it is not recorded yet.
    static func recordAuditPublicKey(_ publicKey: [UInt8], _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO registry_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            arguments: [auditPublicKeyMeta, Hex.encode(publicKey)])
    }
}
