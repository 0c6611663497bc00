import Foundation

/// The audit log's entry points: verification, checkpoints, consultation, the subject
/// report and the privacy officer's overview, for an `Agent` the policies' `audit` allows.
public struct AuditService: Sendable {
    /// The registry.
    let registry: Registry
    /// Who consults the log.
    let agent: Agent

    /// Verifies the audit log's chain, the checkpoints stored in the registry and, when given,
    /// a checkpoint kept outside it and every line of a witness. The verification itself is
    /// recorded in the log afterwards.
    ///
    /// - Parameters:
    ///   - checkpoint: A checkpoint the privacy officer kept.
    ///   - name: How messages name it, e.g. its file name.
    ///   - witness: The witness to check the log against.
    /// - Returns: The outcome; `isValid` is false when an entry does not verify.
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded), or a
    ///   witness that cannot be read or holds a damaged line.
    public func verifyAuditLog(
        against checkpoint: AuditCheckpoint? = nil, named name: String = "the given checkpoint",
        witness: AuditWitness? = nil
    ) throws -> AuditVerification {
        let user = try registry.writeAuditing { db in try requireAuditor(db) }
        let witnessLines = try witness?.read()
        let witnessed = witness.map { Registry.references(in: witnessLines?.lines ?? [], of: $0) } ?? []
        var verification = try checkLog(
            against: checkpoint.map { AuditVerifier.Reference(checkpoint: $0, source: .file(name)) },
            witnessed: witnessed)
        verification.witness = witness?.path
        verification.cutShortWitnessLines = witnessLines?.cutShort ?? []
        if witness == nil, !FileManager.default.fileExists(atPath: registry.location.witness),
            try registry.database.read({ try AuditSigningKeys.load($0) }).currentIsOwn
        {
            verification.missingWitness = registry.location.witness
        }
        try registry.appendAuditEntry(
            AuditEvent(
                by: user, action: .audit, resource: .auditLog, decision: .allow,
                detail: Self.detail(verifying: verification)))
        return verification
    }

    /// Verifies the log against the checkpoints stored in the registry, `given` and `witnessed`.
    private func checkLog(
        against given: AuditVerifier.Reference?, witnessed: [AuditVerifier.Reference] = []
    ) throws -> AuditVerification {
        try registry.database.read { db in
            let stored = try AuditCheckpointRecord.all(db).map { checkpoint in
                AuditVerifier.Reference(checkpoint: checkpoint, source: .stored(seq: checkpoint.seq))
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
    /// - Returns: The checkpoint, to write to a file the privacy officer keeps.
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded), or an
    ///   audit key (or keyring) that does not open.
    public func makeAuditCheckpoint() throws -> AuditCheckpoint {
        let key = try registry.auditSigningKey()
        return try registry.writeAuditing { db in
            let user = try requireAuditor(db)
            if let recorded = try AuditSigningKeys.load(db).current, recorded != key.publicKey {
                throw RegistroError.invalidData(
                    "the audit public key recorded in `\(registry.location.database)` is not the keyring's: "
                        + "the database was altered; restore it from a backup")
            }
            try AuditLog.append(
                AuditEvent(by: user, action: .audit, resource: .auditLog, decision: .allow, detail: "checkpoint"),
                in: db)
            let head = try AuditLog.head(db)
            let checkpoint = AuditCheckpoint.signed(seq: head.seq, head: head.hash, with: key)
            try AuditCheckpointRecord.store(checkpoint, db)
            try Registry.recordAuditPublicKey(key.publicKey, db)
            return checkpoint
        }
    }

    /// The key that signs the audit log's checkpoints, as `audit key` shows it; showing it is
    /// recorded.
    ///
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded), or a
    ///   registry that recorded no audit key.
    public func auditKey() throws -> AuditKeyInfo {
        let location = registry.location
        return try registry.writeAuditing { db in
            let user = try requireAuditor(db)
            try AuditLog.append(
                AuditEvent(by: user, action: .audit, resource: .auditLog, decision: .allow, detail: "key"), in: db)
            let keys = try AuditSigningKeys.load(db)
            guard let current = keys.keys.last else {
                throw RegistroError.invalidData(
                    "the registry `\(location.database)` records no audit key: it is damaged; restore it from a backup")
            }
            return AuditKeyInfo(
                publicKey: current.publicKey, since: current.since, isOwn: keys.currentIsOwn, file: location.auditKey)
        }
    }

    /// Gives a registry made before audit keys of their own a signing key in `<db>.audit-key`
    /// (mode 0600), made from random bytes, never from the root key. Checkpoints from the entry
    /// recording this change on are signed with it; earlier ones stay checked against the old
    /// key, which the keyring's holder could use too.
    ///
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded), a
    ///   registry that has its own key already, or a file that exists or cannot be written.
    public func createAuditKey() throws -> AuditKeyInfo {
        let location = registry.location
        var created = false
        do {
            return try registry.writeAuditing { db in
                let user = try requireAuditor(db)
                if try AuditSigningKeys.load(db).currentIsOwn {
                    throw RegistroError(
                        .usage, field: nil, "this registry has its own audit key already (`\(location.auditKey)`)",
                        hint: .showAuditKey, key: .storage(.auditKeyOwnAlready(location.auditKey)))
                }
                let key = try AuditKeyFile.create(at: location.auditKey)
                created = true
                let entry = try AuditLog.append(
                    AuditEvent(by: user, action: .audit, resource: .auditLog, decision: .allow, detail: "key created"),
                    in: db)
                try AuditSigningKeys.recordOwnKey(key.publicKey, since: entry.seq, db)
                return AuditKeyInfo(publicKey: key.publicKey, since: entry.seq, isOwn: true, file: location.auditKey)
            }
        } catch {
            if created { try? FileManager.default.removeItem(atPath: location.auditKey) }
            throw error
        }
    }

    /// The entries of the audit log that `filter` selects, in order; the consultation is
    /// recorded first, so it is among them when the filter selects it.
    ///
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded).
    public func auditEntries(matching filter: AuditFilter) throws -> [AuditEntry] {
        try registry.writeAuditing { db in
            let subject = try filter.subject.flatMap { try RegistryRows.exists("beneficiary", $0, db) ? $0 : nil }
            let user = try requireAuditor(db, subject: subject)
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
    /// - Throws: `RegistroError` for an unknown beneficiary, or a user who may not audit
    ///   (denied and recorded).
    public func subjectReport(beneficiary: String) throws -> SubjectReport {
        try registry.writeAuditing { db in
            let subject = try RegistryRows.exists("beneficiary", beneficiary, db) ? beneficiary : nil
            let user = try requireAuditor(db, subject: subject)
            let report = try SubjectReport.make(beneficiary: beneficiary, db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, subject: beneficiary, decision: .allow,
                    detail: "subject report"),
                in: db)
            return report
        }
    }

    /// The privacy officer's overview of the log, and the log's verification, both of the log as
    /// it was before this overview's own entry, so that their counts agree.
    ///
    /// - Throws: `RegistroError` for a user who may not audit (denied and recorded).
    public func auditOverview() throws -> (overview: AuditOverview, verification: AuditVerification) {
        let user = try registry.writeAuditing { db in try requireAuditor(db) }
        let verification = try checkLog(against: nil)
        let overview = try registry.database.write { db in
            let overview = try AuditOverview.make(db)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .audit, resource: .auditLog, decision: .allow,
                    detail: verification.isValid ? "overview" : "overview: the log does not verify"),
                in: db)
            return overview
        }
        return (overview, verification)
    }

    /// The user acting, whom the policies' `audit` action must allow (privacy officers and
    /// admins); `nil` while the registry has no user, when its operator may audit it.
    ///
    /// - Throws: `AuditedDenial` when the policies deny it, recorded with `subject`.
    private func requireAuditor(_ db: RegistryDatabase.Connection, subject: String? = nil) throws -> Operator? {
        guard try OperatorRecord.any(db) else { return nil }
        let session = try Registry.requireSession(agent)
        let user = session.user
        let decision = session.gate().decide(.audit)
        guard decision.isAllowed else {
            throw AuditedDenial(
                decision.auditEvent(
                    by: user, action: .audit, resource: .auditLog, subject: subject, category: nil, purpose: nil),
                denying: user, .audit, subject: nil, decision)
        }
        return user
    }
}

extension Registry {
    /// Meta key of the registry's audit public key (hex), against which checkpoints are checked.
    static let auditPublicKeyMeta = "audit_public_key"

    /// The organisations other than the owner that received the data of `beneficiary`,
    /// according to the audit log: the ones to inform of an erasure (GDPR art. 19).
    static func recipients(of beneficiary: String, _ db: RegistryDatabase.Connection) throws -> [String] {
        guard let owner = try BeneficiaryFacts.find(beneficiary, db)?.ownerOrg else { return [] }
        return try SubjectReport.recipients(of: beneficiary, owner: owner, db)
    }

    /// The registry's audit public key as recorded, if it was.
    static func auditPublicKey(_ db: RegistryDatabase.Connection) throws -> [UInt8]? {
        try RegistryMetaRecord.value(of: auditPublicKeyMeta, db).flatMap(Hex.decode)
    }

    /// Records the registry's audit public key, when it is not recorded yet.
    static func recordAuditPublicKey(_ publicKey: [UInt8], _ db: RegistryDatabase.Connection) throws {
        try RegistryMetaRecord.insertIfAbsent(auditPublicKeyMeta, Hex.encode(publicKey), db)
    }
}
