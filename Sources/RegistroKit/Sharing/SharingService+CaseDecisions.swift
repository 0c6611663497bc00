import Foundation

extension SharingService {
    /// Decides every category of `beneficiary`'s case file for `purpose` on `db` and opens what
    /// the decisions allow, returning the file with the audit entries it owes; appends nothing
    /// of its own unless `emergency` is given, when it first opens (and records) an emergency
    /// access for that reason and number of hours, which needs a write transaction.
    ///
    /// - Throws: `RegistroError` (invalid data) for an unknown or erased person or an unknown
    ///   purpose; `AuditedDenial` for an emergency access refused (answered as for an unknown
    ///   person to an organisation that does not know of them). A reading of which nothing is
    ///   visible returns its refusal: the denial, or for such an organisation the unknown id's.
    func decideCaseFile(
        of beneficiary: String, purpose: String, emergency opening: (reason: String, hours: Int)?,
        keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws -> CaseReading {
        let generation = try AccessGate.generation(db)
        let user = session.user
        let subject = try CaseSubject.load(beneficiary, db)
        try Registry.requirePurpose(purpose, db)
        guard !subject.erased else {
            throw RegistroError.invalidData(
                .beneficiary, "`\(beneficiary)` was erased: their personal data no longer exists")
        }
        let gate = session.gate()
        var emergency = try gate.openEmergencyAccess(on: subject, purpose: purpose, db)
        if let opening {
            emergency = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try openEmergencyAccess(
                    on: subject, purpose: purpose, reason: opening.reason, hours: opening.hours, gate: gate, keys: keys,
                    db)
            }
        }
        let consent = try gate.consent(for: subject, purpose: purpose, db)
        let dataKey = PersonDataKey(of: beneficiary, keys: keys, db)
        var file = CaseFile(
            beneficiary: beneficiary, owner: subject.owner, purpose: purpose, sections: [], deliveries: [])
        var visible: Set<CaseCategory> = []
        var denials: [AccessDecision] = []
        // The deliveries (and their notes) the user's own organisation recorded are its own
        // records: where the person's record is closed to the user, they are read as sections
        // it owns. Each category is one decision and one audit entry, as `explainAccess` says.
        var own: Set<CaseCategory> = []
        var entries: [AuditEvent] = []
        entries.reserveCapacity(CaseCategory.allCases.count)
        var special: SpecialVulnerabilities?
        // The context and the section's attributes are the same for every category: built once.
        let requests = gate.requests(on: subject, purpose: purpose, consent: consent, emergency: emergency)
        for category in CaseCategory.allCases {
            let read = try ReadDecision.decide(category, requests, gate: gate, db)
            let decision = read.onRecord
            var nothingSensitive = false
            if category == .sensitive && decision.isAllowed {
                // Special-category data: sealed sensitive notes or special vulnerabilities (their
                // sealed list is opened, as it may be empty).
                if try !PersonLinkRows.hasSensitiveNotes(beneficiary, db) {
                    let list = try SpecialVulnerabilities.read(of: beneficiary, dataKey: dataKey.key(), db)
                    special = list
                    nothingSensitive = list.entries.isEmpty
                }
            }
            let detail: AuditDetail? =
                read.onOwnRecords != nil
                ? "own organisation's records" : nothingSensitive ? "nothing recorded" : nil
            entries.append(
                read.decision.auditEvent(
                    by: user, action: .read, resource: .beneficiary(beneficiary), subject: beneficiary,
                    category: category, purpose: purpose, detail: detail))
            if decision.isAllowed { visible.insert(category) } else { denials.append(decision) }
            if read.onOwnRecords != nil { own.insert(category) }
            file.sections.append(
                CaseFile.Section(
                    category: category, visible: decision.isAllowed, data: [], reason: decision.explanation))
        }
        if let emergency {
            file.emergency = (emergency, try EmergencyAccessRecord.expiry(of: emergency, db) ?? "")
        }
        try fillCaseFile(&file, visible: visible, ownRecords: own, user: user, dataKey: dataKey, special: special, db)
        var refusal: RegistroError?
        if !file.anythingVisible, try !subject.isKnown(to: user.org, networks: gate.networks, db) {
            // To an organisation that does not know of the person, their id is an unknown one.
            refusal = .personNotFound(beneficiary)
        } else if !file.anythingVisible {
            // The policies that decided are named only to a user related to the person: to
            // anyone else a forbidding policy could tell a restriction, and no policy that
            // permits reading applies to them.
            let related = try subject.isRelated(to: user.org, networks: gate.networks, db)
            let remedy = try AccessRemedy.opening(
                denials, on: subject, purpose: purpose, related: related, gate: gate, db)
            let reasons =
                related ? Set(denials.map(\.explanation)).sorted() : [AccessDecision.defaultDenyExplanation]
            refusal = RegistroError(
                .denied, field: nil,
                "nothing of `\(beneficiary)` is visible to `\(user.id)` (\(user.role.rawValue), \(user.org)) "
                    + "for \(purpose): " + (reasons + [remedy.sentence]).joined(separator: "; "),
                key: .caseClosed(purpose: purpose, remedy: remedy))
        }
        return CaseReading(file: file, entries: entries, refusal: refusal, generation: generation)
    }

    /// Fills the data of the visible sections and the deliveries the user may see: every
    /// organisation's where `services` is visible, else the user's organisation's own when
    /// `ownRecords` allows it; notes where `notes` is visible, or on own records. Everything
    /// sealed opens with `dataKey`; `special` is the person's special vulnerabilities when the
    /// decisions already opened them.
    private func fillCaseFile(
        _ file: inout CaseFile, visible: Set<CaseCategory>, ownRecords: Set<CaseCategory>, user: Operator,
        dataKey: PersonDataKey, special: SpecialVulnerabilities?, _ db: RegistryDatabase.Connection
    ) throws {
        let personal =
            visible.isDisjoint(with: [.identity, .contact, .sensitive, .notes])
            ? [:] : try Registry.personalFields(of: file.beneficiary, dataKey: dataKey.key(), db)
        let clear = try BeneficiaryFacts.find(file.beneficiary, db)
        func text(_ key: String) -> JSONValue { .text(personal[key]) }
        for index in file.sections.indices where file.sections[index].visible {
            switch file.sections[index].category {
            case .identity:
                file.sections[index].data = [
                    ("given_name", text("given_name")), ("family_name", text("family_name")),
                    ("codice_fiscale", text("codice_fiscale")), ("birth_date", text("birth_date")),
                    ("sex", .text(clear?.sex)), ("birth_year", clear?.birthYear.map(JSONValue.int) ?? .null),
                    ("citizenship", .text(clear?.citizenship)),
                ]
            case .contact:
                file.sections[index].data = [
                    ("phone", text("phone")), ("email", text("email")), ("address", text("address")),
                    ("comune", .text(clear?.comune)),
                ]
            case .needs:
                let rows = try VulnerabilityRecord.of(file.beneficiary, db)
                file.sections[index].data = [
                    (
                        "vulnerabilities",
                        .array(
                            rows.map {
                                .object([("code", .string($0.code)), ("recorded_by", .string($0.orgID))])
                            })
                    )
                ]
            case .services:
                let rows = try DeliveryRecord.countsByOrganisation(of: file.beneficiary, db)
                file.sections[index].data = [
                    ("deliveries", .int(rows.reduce(0) { $0 + $1.count })),
                    ("organisations", .array(rows.map { .string($0.org) })),
                ]
            case .sensitive:
                let special =
                    try special ?? SpecialVulnerabilities.read(of: file.beneficiary, dataKey: dataKey.key(), db)
                file.sections[index].data = [
                    ("sensitive", text("sensitive")),
                    (
                        "vulnerabilities",
                        .array(
                            special.entries.map {
                                .object([("code", .string($0.code)), ("recorded_by", .string($0.org))])
                            })
                    ),
                ]
            case .notes:
                file.sections[index].data = [("notes", text("notes"))]
            }
        }
        let everyOrganisation = visible.contains(.services)
        guard everyOrganisation || ownRecords.contains(.services) else { return }
        let rows = try DeliveryRecord.of(file.beneficiary, organisation: everyOrganisation ? nil : user.org, db)
        file.deliveries = try rows.map { row in
            var notes: String?
            if let sealed = row.notes,
                visible.contains(.notes) || (row.orgID == user.org && ownRecords.contains(.notes))
            {
                notes = try FieldSealing.open(
                    Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(row.id)),
                    with: dataKey.key())
            }
            return CaseFile.Delivery(
                id: row.id, org: row.orgID, serviceCode: row.serviceCode, date: row.date, hours: row.hours,
                channel: row.channel, outcome: row.outcome, impact: row.impact.map(Int.init), project: row.project,
                notes: notes)
        }
    }

    /// Opens an emergency access for the gate's user on `subject`, for `purpose` only, if their
    /// organisation shares a network with the owner and the policies allow a read under
    /// emergency, and records it; returns its id. The reason is sealed under the registry's
    /// records key, so that the owner's privacy officer reads it and erasure leaves it.
    private func openEmergencyAccess(
        on subject: CaseSubject, purpose: String, reason: String, hours: Int, gate: AccessGate, keys: KeyMaterial,
        _ db: RegistryDatabase.Connection
    ) throws -> String {
        let id = PseudonymousID.emergencyAccess()
        guard try gate.sharesNetwork(with: subject.owner, db) else {
            throw AuditedDenial(
                AuditEvent(
                    by: gate.user, action: .emergencyAccess, resource: .beneficiary(subject.id), subject: subject.id,
                    purpose: purpose, decision: .deny, detail: "no network shared with the owner"),
                message: "`\(gate.user.id)` may not open an emergency access on `\(subject.id)`: only an "
                    + "organisation sharing a network with the person's owner may",
                key: .emergencyNeedsSharedNetwork(user: gate.user.id, id: subject.id))
        }
        let decision = gate.decide(.read, .identity, of: subject, purpose: purpose, emergency: id)
        guard decision.isAllowed, decision.emergency != nil else {
            throw AuditedDenial(
                decision.auditEvent(
                    by: gate.user, action: .emergencyAccess, resource: .beneficiary(subject.id), subject: subject.id,
                    category: nil, purpose: purpose),
                message: "`\(gate.user.id)` may not open an emergency access on `\(subject.id)`: "
                    + (decision.isAllowed ? "the case is open to them already without one" : decision.explanation),
                key: .emergencyRefused(
                    user: gate.user.id, id: subject.id, reason: decision.isAllowed ? nil : AccessDenialReason(decision))
            )
        }
        let until = gate.now.addingTimeInterval(TimeInterval(hours * 3600))
        let sealed = FieldSealing.seal(
            reason, at: FieldLocation(table: "emergency_access", column: "reason", row: id),
            with: keys.recordsKey)
        try EmergencyAccessRecord(
            id: id, beneficiaryID: subject.id, userID: gate.user.id, purpose: purpose,
            openedAt: Timestamp.format(gate.now),
            expiresAt: Timestamp.format(until), reason: Data(sealed)
        ).add(db)
        try AuditLog.append(
            AuditEvent(
                by: gate.user, action: .emergencyAccess, resource: .emergencyAccess(id), subject: subject.id,
                purpose: purpose,
                decision: .allow, policies: decision.policies.map(\.id), emergency: true, emergencyReference: id,
                detail: "hours: \(hours), until: \(utc: until)"),
            in: db)
        return id
    }
}
