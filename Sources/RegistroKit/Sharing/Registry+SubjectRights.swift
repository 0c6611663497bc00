import Foundation
import GRDB

extension Registry {
    /// Exports everything the registry holds about `beneficiary` for the person themself
    /// (GDPR art. 15 and 20): their personal and statistical data, every organisation's
    /// deliveries, their consent grants and the organisations that received their data.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `export` allows it (the
    ///   owner's coordinators); (invalid data) for an unknown or erased person.
    public func exportSubject(_ beneficiary: String, actor: String?) throws -> SubjectExport {
        let keys = try keys()
        return try writeAuditing { db in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            let decision = try require(.export, .identity, of: subject, gate: try AccessGate(user: user, db), audit: .export)
            guard !subject.erased else {
                throw RegistroError.invalidData("`\(beneficiary)` was erased: their personal data no longer exists")
            }
            let personal = try Self.personalFields(of: beneficiary, keys: keys, db)
            let clear = try Row.fetchOne(
                db, sql: "SELECT owner_org, created_at, ref, sex, birth_year, citizenship, comune FROM beneficiary WHERE id = ?",
                arguments: [beneficiary])!
            let vulnerabilities = try Row.fetchAll(
                db, sql: "SELECT code, org_id FROM beneficiary_vulnerability WHERE beneficiary_id = ? ORDER BY code, org_id",
                arguments: [beneficiary])
            let special = try SpecialVulnerabilities.read(of: beneficiary, keys: keys, db)
            let dataKey = try keys.dataKey(for: beneficiary, db)
            let deliveries = try Row.fetchAll(
                db, sql: """
                    SELECT id, org_id, service_code, date, hours, channel, outcome, impact, project, notes
                    FROM delivery WHERE beneficiary_id = ? ORDER BY date, id
                    """,
                arguments: [beneficiary]
            ).map { row -> CaseFile.Delivery in
                let id: Int64 = row["id"]
                let notes = try (row["notes"] as Data?).map {
                    try FieldSealing.open(Array($0), at: FieldLocation(table: "delivery", column: "notes", row: String(id)), with: dataKey)
                }
                return CaseFile.Delivery(
                    id: id, org: row["org_id"], serviceCode: row["service_code"], date: row["date"], hours: row["hours"],
                    channel: row["channel"], outcome: row["outcome"], impact: row["impact"], project: row["project"], notes: notes)
            }
            let consents = try Self.consentGrants(of: beneficiary, db)
            let receivers = try recipients(of: beneficiary, db)
            try AuditLog.append(
                decision.auditEvent(by: user, action: .export, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil, purpose: nil),
                in: db)
            return SubjectExport(
                beneficiary: beneficiary, owner: clear["owner_org"], recordedAt: clear["created_at"], ref: clear["ref"],
                personalData: Self.personalColumns.map { ($0, personal[$0]) },
                statisticalData: SubjectExport.StatisticalData(
                    sex: clear["sex"], birthYear: clear["birth_year"], citizenship: clear["citizenship"], comune: clear["comune"]),
                vulnerabilities: vulnerabilities.map { SubjectExport.Need(code: $0["code"], recordedBy: $0["org_id"]) },
                specialVulnerabilities: special.entries.map { SubjectExport.Need(code: $0.code, recordedBy: $0.org) },
                deliveries: deliveries, consents: consents, recipients: receivers, exportedAt: Timestamp.now())
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
    public func eraseSubject(_ beneficiary: String, reason: String, actor: String?) throws -> [String] {
        let keys = try keys()
        try Validators.requireText(reason, field: "--reason", maximumLength: TextLimit.notes)
        // Older pages of the person may linger in the write-ahead log: it must be empty first.
        guard try database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError.internal(
                "nothing was erased: another program holds a read transaction open on the registry "
                    + "`\(location.database)`, and an erasure must overwrite the person's data in the files; close it "
                    + "(an open sqlite3 session, a backup in progress) and run the command again")
        }
        let toInform = try writeAuditing { db -> [String] in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            let decision = try require(.erase, .identity, of: subject, gate: try AccessGate(user: user, db), audit: .erase)
            if subject.erased {
                // An erasure recorded before but not complete in the files then completes below.
                return try recipients(of: beneficiary, db)
            }
            let toInform = try recipients(of: beneficiary, db)
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "erasure", column: "reason", row: beneficiary), with: keys.recordsKey)
            try db.execute(sql: "DELETE FROM beneficiary_key WHERE beneficiary_id = ?", arguments: [beneficiary])
            try db.execute(
                sql: "UPDATE beneficiary SET cf_index = NULL, ref = NULL, comune = NULL, \(Self.personalColumns.map { "\($0) = NULL" }.joined(separator: ", ")) WHERE id = ?",
                arguments: [beneficiary])
            try db.execute(sql: "UPDATE delivery SET notes = NULL WHERE beneficiary_id = ?", arguments: [beneficiary])
            try db.execute(sql: "DELETE FROM special_vulnerability WHERE beneficiary_id = ?", arguments: [beneficiary])
            try db.execute(
                sql: "INSERT INTO erasure (beneficiary_id, erased_at, erased_by, reason) VALUES (?, ?, ?, ?)",
                arguments: [beneficiary, Timestamp.now(), user.id, Data(sealed)])
            try AuditLog.append(
                decision.auditEvent(by: user, action: .erase, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil,
                                    purpose: nil, detail: "recipients to inform: \(toInform.count)"),
                in: db)
            return toInform
        }
        // The erased pages are overwritten in the database file only once the write-ahead log
        // is copied into it: until then, the file still holds the person's wrapped key.
        guard try database.checkpointCompletely(within: RegistryDatabase.checkpointWait) else {
            throw RegistroError.internal(
                "`\(beneficiary)` is not erased completely: another program holds a read transaction open on the "
                    + "registry `\(location.database)`, so the files still hold the person's data; close it (an open "
                    + "sqlite3 session, a backup in progress) and run `registro subject erase \(beneficiary)` again to "
                    + "complete the erasure")
        }
        return toInform
    }

    /// Restricts `beneficiary`'s data (GDPR art. 18): kept, but read, looked up, recorded,
    /// exported and shared by nobody, the owner included, until a privacy officer lifts it.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `restrict` allows it
    ///   (privacy officers, the owner's coordinators); (invalid data) when already restricted.
    public func restrictSubject(_ beneficiary: String, reason: String, actor: String?) throws {
        let keys = try keys()
        try Validators.requireText(reason, field: "--reason", maximumLength: TextLimit.notes)
        try writeAuditing { db in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            let decision = try require(.restrict, .identity, of: subject, gate: try AccessGate(user: user, db), audit: .restrict)
            guard !subject.restricted else {
                throw RegistroError.invalidData("`\(beneficiary)` is restricted already; lift it with `registro subject unrestrict`")
            }
            guard !subject.erased else {
                throw RegistroError.invalidData("`\(beneficiary)` was erased: there is nothing left to restrict")
            }
            let id = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM restriction")) ?? 1
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "restriction", column: "reason", row: String(id)),
                with: try keys.dataKey(for: beneficiary, db))
            try db.execute(
                sql: "INSERT INTO restriction (id, beneficiary_id, restricted_at, restricted_by, reason) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, beneficiary, Timestamp.now(), user.id, Data(sealed)])
            try AuditLog.append(
                decision.auditEvent(by: user, action: .restrict, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil, purpose: nil),
                in: db)
        }
    }

    /// Lifts the restriction of `beneficiary`.
    ///
    /// - Throws: `RegistroError` (denied, recorded) unless the policies' `unrestrict` allows it
    ///   (privacy officers); (invalid data) when not restricted.
    public func unrestrictSubject(_ beneficiary: String, actor: String?) throws {
        try writeAuditing { db in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            let decision = try require(.unrestrict, .identity, of: subject, gate: try AccessGate(user: user, db), audit: .unrestrict)
            guard subject.restricted else {
                throw RegistroError.invalidData("`\(beneficiary)` is not restricted")
            }
            try db.execute(
                sql: "UPDATE restriction SET lifted_at = ?, lifted_by = ? WHERE beneficiary_id = ? AND lifted_at IS NULL",
                arguments: [Timestamp.now(), user.id, beneficiary])
            try AuditLog.append(
                decision.auditEvent(by: user, action: .unrestrict, resource: .beneficiary(beneficiary), subject: beneficiary, category: nil, purpose: nil),
                in: db)
        }
    }
}
