import Foundation
import GRDB

extension Registry {
    /// How long an emergency access lasts unless told otherwise.
    public static let defaultEmergencyHours = 4

    /// The case file of `beneficiary` as `actor` may see it for `purpose`: every category is
    /// decided by the policies (owner, consent for this purpose, explicit consent for
    /// `sensitive`, restriction, emergency), each decision recorded in the audit log, allowed or
    /// denied.
    ///
    /// - Parameters:
    ///   - emergencyReason: Opens an emergency access ("break the glass") first, for
    ///     `emergencyHours`: always audited and flagged for the privacy officer.
    /// - Throws: `RegistroError` (denied, exit 77) naming the determining policies when nothing at
    ///   all is visible; (invalid data) for an unknown or erased person or an unknown purpose.
    public func caseFile(
        of beneficiary: String, purpose: String, actor: String?, emergencyReason: String? = nil,
        emergencyHours: Int = defaultEmergencyHours
    ) throws -> CaseFile {
        let keys = try keys()
        if let emergencyReason {
            try Validators.requireText(emergencyReason, field: "--reason", maximumLength: TextLimit.notes)
            guard (1...24).contains(emergencyHours) else {
                throw RegistroError.usage("--hours: an emergency access lasts 1 to 24 hours")
            }
        }
        var refusal: String?
        let file = try writeAuditing { db -> CaseFile in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            try Self.requirePurpose(purpose, db)
            guard !subject.erased else {
                throw RegistroError.invalidData("`\(beneficiary)` was erased: their personal data no longer exists")
            }
            let gate = try AccessGate(user: user, db)
            var emergency = try gate.openEmergencyAccess(on: subject, db)
            if let emergencyReason {
                emergency = try openEmergencyAccess(
                    on: subject, purpose: purpose, reason: emergencyReason, hours: emergencyHours, gate: gate, keys: keys, db)
            }
            let consent = try gate.consent(for: subject, purpose: purpose, db)
            var file = CaseFile(beneficiary: beneficiary, owner: subject.owner, purpose: purpose, sections: [], deliveries: [])
            var visible: Set<CaseCategory> = []
            var denials: [AccessDecision] = []
            for category in CaseCategory.allCases {
                let decision = gate.decide(.read, category, of: subject, purpose: purpose, consent: consent, emergency: emergency)
                try AuditLog.append(
                    decision.auditEvent(
                        by: user, action: .read, resource: .beneficiary(beneficiary), subject: beneficiary, category: category,
                        purpose: purpose),
                    in: db)
                if decision.isAllowed { visible.insert(category) } else { denials.append(decision) }
                file.sections.append(CaseFile.Section(category: category, visible: decision.isAllowed, data: [], reason: decision.explanation))
            }
            if let emergency {
                file.emergency = (emergency, try String.fetchOne(db, sql: "SELECT expires_at FROM emergency_access WHERE id = ?", arguments: [emergency]) ?? "")
            }
            // The deliveries (and their notes) the user's own organisation recorded are its own
            // records: read as sections it owns, decided and recorded like any read.
            var own: Set<CaseCategory> = []
            for category in [CaseCategory.services, .notes] where !visible.contains(category) && subject.owner != user.org {
                let decision = gate.decide(.read, category, of: subject, owner: user.org, purpose: purpose, consent: consent, emergency: emergency)
                if decision.isAllowed {
                    own.insert(category)
                    try AuditLog.append(
                        decision.auditEvent(
                            by: user, action: .read, resource: .beneficiary(beneficiary), subject: beneficiary, category: category,
                            purpose: purpose, detail: "own organisation's records"),
                        in: db)
                }
            }
            try fillCaseFile(&file, visible: visible, ownRecords: own, user: user, keys: keys, db)
            if !file.anythingVisible {
                refusal = "nothing of `\(beneficiary)` is visible to `\(user.id)` (\(user.role.rawValue), \(user.org)) for \(purpose): "
                    + Set(denials.map(\.explanation)).sorted().joined(separator: "; ")
            }
            return file
        }
        if let refusal {
            throw RegistroError.denied(refusal)
        }
        return file
    }

    /// Fills the data of the visible sections and the deliveries the user may see: every
    /// organisation's where `services` is visible, else the user's organisation's own when
    /// `ownRecords` allows it; notes where `notes` is visible, or on own records.
    private func fillCaseFile(
        _ file: inout CaseFile, visible: Set<CaseCategory>, ownRecords: Set<CaseCategory>, user: Operator, keys: KeyMaterial,
        _ db: Database
    ) throws {
        let personal = visible.isDisjoint(with: [.identity, .contact, .sensitive, .notes])
            ? [:] : try Self.personalFields(of: file.beneficiary, keys: keys, db)
        let clear = try Row.fetchOne(
            db, sql: "SELECT sex, birth_year, citizenship, comune FROM beneficiary WHERE id = ?", arguments: [file.beneficiary])
        func text(_ key: String) -> JSONValue { .text(personal[key]) }
        for index in file.sections.indices where file.sections[index].visible {
            switch file.sections[index].category {
            case .identity:
                file.sections[index].data = [
                    ("given_name", text("given_name")), ("family_name", text("family_name")),
                    ("codice_fiscale", text("codice_fiscale")), ("birth_date", text("birth_date")),
                    ("sex", .text(clear?["sex"])), ("birth_year", (clear?["birth_year"] as Int64?).map(JSONValue.int) ?? .null),
                    ("citizenship", .text(clear?["citizenship"])),
                ]
            case .contact:
                file.sections[index].data = [
                    ("phone", text("phone")), ("email", text("email")), ("address", text("address")), ("comune", .text(clear?["comune"])),
                ]
            case .needs:
                let rows = try Row.fetchAll(
                    db, sql: "SELECT code, org_id FROM beneficiary_vulnerability WHERE beneficiary_id = ? ORDER BY code, org_id",
                    arguments: [file.beneficiary])
                file.sections[index].data = [("vulnerabilities", .array(rows.map {
                    .object([("code", .string($0["code"])), ("recorded_by", .string($0["org_id"]))])
                }))]
            case .services:
                let rows = try Row.fetchAll(
                    db, sql: "SELECT org_id, COUNT(*) AS n FROM delivery WHERE beneficiary_id = ? GROUP BY org_id ORDER BY org_id",
                    arguments: [file.beneficiary])
                file.sections[index].data = [
                    ("deliveries", .int(rows.reduce(0) { $0 + ($1["n"] as Int64) })),
                    ("organisations", .array(rows.map { .string($0["org_id"]) })),
                ]
            case .sensitive:
                let special = try SpecialVulnerabilities.read(of: file.beneficiary, keys: keys, db)
                file.sections[index].data = [
                    ("sensitive", text("sensitive")),
                    ("vulnerabilities", .array(special.entries.map {
                        .object([("code", .string($0.code)), ("recorded_by", .string($0.org))])
                    })),
                ]
            case .notes:
                file.sections[index].data = [("notes", text("notes"))]
            }
        }
        let everyOrganisation = visible.contains(.services)
        guard everyOrganisation || ownRecords.contains(.services) else { return }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, org_id, service_code, date, hours, channel, outcome, impact, project, notes FROM delivery
                WHERE beneficiary_id = ? AND (? OR org_id = ?) ORDER BY date, id
                """,
            arguments: [file.beneficiary, everyOrganisation, user.org])
        let dataKey = rows.contains { $0["notes"] != nil } ? try keys.dataKey(for: file.beneficiary, db) : nil
        file.deliveries = try rows.map { row in
            let id: Int64 = row["id"]
            let org: String = row["org_id"]
            var notes: String?
            if let sealed = row["notes"] as Data?, let dataKey,
               visible.contains(.notes) || (org == user.org && ownRecords.contains(.notes)) {
                notes = try FieldSealing.open(
                    Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(id)), with: dataKey)
            }
            return CaseFile.Delivery(
                id: id, org: org, serviceCode: row["service_code"], date: row["date"], hours: row["hours"],
                channel: row["channel"], outcome: row["outcome"], impact: row["impact"], project: row["project"], notes: notes)
        }
    }

    /// Opens an emergency access for the gate's user on `subject`, if the policies allow a read
    /// under emergency, and records it; returns its id.
    private func openEmergencyAccess(
        on subject: CaseSubject, purpose: String, reason: String, hours: Int, gate: AccessGate, keys: KeyMaterial, _ db: Database
    ) throws -> String {
        let id = PseudonymousID.emergencyAccess()
        let decision = gate.decide(.read, .identity, of: subject, purpose: purpose, emergency: id)
        guard decision.isAllowed, decision.emergency != nil else {
            throw AuditedDenial(
                decision.auditEvent(
                    by: gate.user, action: .emergencyAccess, resource: .beneficiary(subject.id), subject: subject.id,
                    category: nil, purpose: purpose),
                message: "`\(gate.user.id)` may not open an emergency access on `\(subject.id)`: \(decision.isAllowed ? "the case is open to them already without one" : decision.explanation)")
        }
        let until = gate.now.addingTimeInterval(TimeInterval(hours * 3600))
        let sealed = FieldSealing.seal(
            reason, at: FieldLocation(table: "emergency_access", column: "reason", row: id), with: try keys.dataKey(for: subject.id, db))
        try db.execute(
            sql: """
                INSERT INTO emergency_access (id, beneficiary_id, user_id, purpose, opened_at, expires_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, subject.id, gate.user.id, purpose, Timestamp.format(gate.now), Timestamp.format(until), Data(sealed)])
        try AuditLog.append(
            AuditEvent(
                by: gate.user, action: .emergencyAccess, resource: .emergencyAccess(id), subject: subject.id, purpose: purpose,
                decision: .allow, policies: decision.policies.map(\.id), emergency: true, emergencyReference: id,
                detail: "hours: \(hours), until: \(utc: until)"),
            in: db)
        return id
    }

    /// Requires `purpose` to be a purpose code of the registry.
    static func requirePurpose(_ purpose: String, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM purpose_code WHERE code = ?", arguments: [purpose]) == true else {
            throw RegistroError.invalidData("--purpose: `\(purpose)` is not a purpose code; see `registro codes purpose`")
        }
    }
}
