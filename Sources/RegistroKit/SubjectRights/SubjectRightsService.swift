import Foundation

/// A person's rights over their data (GDPR art. 15–20): export, erasure, restriction, done by a
/// session's user the policies allow. A user the policies deny whose organisation has no
/// relationship to the person is answered as for an unknown id (not found), the denial recorded.
public struct SubjectRightsService: Sendable {
    /// The session acting.
    let session: Session

    /// Exports everything the registry holds about `beneficiary` for the person themself
    /// (GDPR art. 15 and 20): their personal and statistical data, every organisation's
    /// deliveries, their consent grants and the organisations that received their data.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `export` allows it (the
    ///   owner's coordinators); (invalid data) for an unknown or erased person.
    public func exportSubject(_ beneficiary: String) throws -> SubjectExport {
        let keys = try session.keys()
        let user = session.user
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try Registry.require(.export, .identity, of: subject, gate: gate, audit: .export)
            }
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` was erased: their personal data no longer exists",
                    key: .personErasedNoData)
            }
            let personal = try Registry.personalFields(of: beneficiary, keys: keys, db)
            guard let clear = try BeneficiaryFacts.find(beneficiary, db) else {
                throw RegistroError.notFound(
                    .beneficiary, "no beneficiary `\(beneficiary)`", hint: .findBeneficiary,
                    key: .personNotFound(beneficiary))
            }
            let vulnerabilities = try VulnerabilityRecord.of(beneficiary, db)
            let special = try SpecialVulnerabilities.read(of: beneficiary, keys: keys, db)
            let dataKey = try keys.dataKey(for: beneficiary, db)
            let deliveries = try DeliveryRecord.of(beneficiary, db).map { row -> CaseFile.Delivery in
                let notes = try row.notes.map {
                    try FieldSealing.open(
                        Array($0), at: FieldLocation(table: "delivery", column: "notes", row: String(row.id)),
                        with: dataKey)
                }
                return CaseFile.Delivery(
                    id: row.id, org: row.orgID, serviceCode: row.serviceCode, date: row.date, hours: row.hours,
                    channel: row.channel, outcome: row.outcome, impact: row.impact.map(Int.init), project: row.project,
                    notes: notes)
            }
            let consents = try ConsentGrantRecord.grants(of: beneficiary, today: session.today(), db)
            let receivers = try Registry.recipients(of: beneficiary, db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .export, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil,
                    purpose: nil),
                in: db)
            return SubjectExport(
                beneficiary: beneficiary, owner: clear.ownerOrg, recordedAt: clear.createdAt, ref: clear.ref,
                personalData: Registry.personalColumns.map { ($0, personal[$0]) },
                statisticalData: SubjectExport.StatisticalData(
                    sex: clear.sex, birthYear: clear.birthYear, citizenship: clear.citizenship,
                    comune: clear.comune),
                vulnerabilities: vulnerabilities.map { SubjectExport.Need(code: $0.code, recordedBy: $0.orgID) },
                specialVulnerabilities: special.entries.map { SubjectExport.Need(code: $0.code, recordedBy: $0.org) },
                deliveries: deliveries, consents: consents, recipients: receivers, exportedAt: session.timestamp())
        }
    }

    /// Erases `beneficiary` (GDPR art. 17) by crypto-shredding: their data key and blind index
    /// are destroyed, their sealed fields, special vulnerabilities and file number removed (with
    /// `secure_delete`), so their personal data is unreadable everywhere at once; the
    /// statistical facts of past deliveries remain for reports. Returns the organisations that
    /// received their data, which must be told (art. 19).
    ///
    /// The erasure is complete, with the write-ahead log copied into the database file and
    /// emptied, before it returns; while another program holds a read transaction open, it
    /// waits a while, then fails. Asked again for a person erased already, it completes the
    /// files' erasure and returns the same organisations.
    ///
    /// - Parameter reason: Why (e.g. the request's protocol number), sealed under the registry's
    ///   records key: write it without personal data.
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `erase` allows it
    ///   (privacy officers); (invalid data) for an unknown person; (internal) when another
    ///   program's read transaction keeps the erasure from completing in the files.
    public func eraseSubject(_ beneficiary: String, reason: String) throws -> [String] {
        let keys = try session.keys()
        let user = session.user
        try Validators.requireText(reason, field: .reason, maximumLength: TextLimit.notes)
        let registry = session.registry
        // Older pages of the person may linger in the write-ahead log: it must be empty first.
        guard try registry.database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError(
                .internal, field: nil,
                "nothing was erased: another program holds a read transaction open on the registry "
                    + "`\(registry.location.database)`, and an erasure must overwrite the person's data in the files; "
                    + "close it (an open sqlite3 session, a backup in progress) and do it again",
                key: .storage(.erasureNotStarted(registry.location.database)))
        }
        let toInform = try registry.writeAuditing { db -> [String] in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try Registry.require(.erase, .identity, of: subject, gate: gate, audit: .erase)
            }
            if subject.erased {
                // An erasure recorded before but not complete in the files then completes below.
                return try Registry.recipients(of: beneficiary, db)
            }
            let toInform = try Registry.recipients(of: beneficiary, db)
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "erasure", column: "reason", row: beneficiary), with: keys.recordsKey)
            try ErasureRecord(
                beneficiaryID: beneficiary, erasedAt: session.timestamp(), erasedBy: user.id, reason: Data(sealed)
            )
            .shred(personalColumns: Registry.personalColumns, db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .erase, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil,
                    purpose: nil, detail: "recipients to inform: \(toInform.count)"),
                in: db)
            return toInform
        }
        // The erased pages are overwritten in the database file only once the write-ahead log
        // is copied into it: until then, the file still holds the person's wrapped key.
        guard try registry.database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError(
                .internal, field: nil,
                "`\(beneficiary)` is not erased completely: another program holds a read transaction open on the "
                    + "registry `\(registry.location.database)`, so the files still hold the person's data; close it "
                    + "(an open sqlite3 session, a backup in progress)",
                hint: .runAgain(.eraseSubject(beneficiary)),
                key: .storage(.erasureHeldOpen(registry.location.database, id: beneficiary)))
        }
        return toInform
    }

    /// Restricts `beneficiary`'s data (GDPR art. 18): kept, but read, looked up, recorded,
    /// exported and shared by nobody, the owner included, until a privacy officer lifts it.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `restrict` allows it
    ///   (privacy officers, the owner's coordinators); (invalid data) when already restricted.
    public func restrictSubject(_ beneficiary: String, reason: String) throws {
        let keys = try session.keys()
        let user = session.user
        try Validators.requireText(reason, field: .reason, maximumLength: TextLimit.notes)
        try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try Registry.require(.restrict, .identity, of: subject, gate: gate, audit: .restrict)
            }
            guard !subject.restricted else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` is restricted already", hint: .liftRestriction,
                    key: .alreadyRestricted)
            }
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` was erased: there is nothing left to restrict",
                    key: .personErasedNoData)
            }
            let id = try RestrictionRecord.nextID(db)
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "restriction", column: "reason", row: String(id)),
                with: try keys.dataKey(for: beneficiary, db))
            try RestrictionRecord(
                id: id, beneficiaryID: beneficiary, restrictedAt: session.timestamp(), restrictedBy: user.id,
                reason: Data(sealed), liftedAt: nil, liftedBy: nil
            ).add(db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .restrict, resource: .beneficiary(beneficiary), subject: beneficiary,
                    category: nil, purpose: nil),
                in: db)
        }
    }

    /// Lifts the restriction of `beneficiary`.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `unrestrict` allows it
    ///   (privacy officers); (invalid data) when not restricted.
    public func unrestrictSubject(_ beneficiary: String) throws {
        let user = session.user
        try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try Registry.require(.unrestrict, .identity, of: subject, gate: gate, audit: .unrestrict)
            }
            guard subject.restricted else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` is not restricted", key: .notRestricted)
            }
            try RestrictionRecord.lift(on: beneficiary, at: session.timestamp(), by: user.id, db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .unrestrict, resource: .beneficiary(beneficiary), subject: beneficiary,
                    category: nil, purpose: nil),
                in: db)
        }
    }
}
