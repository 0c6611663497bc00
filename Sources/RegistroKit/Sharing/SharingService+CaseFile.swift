import Foundation

extension SharingService {
    /// How long an emergency access lasts unless told otherwise.
    public static let defaultEmergencyHours = 4
    /// The longest an emergency access may last, in hours.
    public static let maximumEmergencyHours = 4
    /// The fewest characters an emergency access's reason may have.
    public static let minimumEmergencyReason = 20

    /// The case file of `beneficiary` as the session's user may see it for `purpose`: every category is
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
        of beneficiary: String, purpose: String, emergencyReason: String? = nil,
        emergencyHours: Int = defaultEmergencyHours
    ) throws -> CaseFile {
        let keys = try session.keys()
        let user = session.user
        if let emergencyReason {
            try Validators.requireText(emergencyReason, field: .reason, maximumLength: TextLimit.notes)
            let stated = emergencyReason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard stated.count >= Self.minimumEmergencyReason else {
                throw RegistroError.invalidData(
                    .reason,
                    "is too short for an emergency access; say in at least \(Self.minimumEmergencyReason) characters "
                        + "why the person is at risk",
                    key: .emergencyReasonTooShort(minimum: Self.minimumEmergencyReason))
            }
            guard (1...Self.maximumEmergencyHours).contains(emergencyHours) else {
                throw RegistroError.usage(
                    .emergencyHours, "an emergency access lasts 1 to \(Self.maximumEmergencyHours) hours",
                    key: .emergencyHoursOutOfRange(maximum: Self.maximumEmergencyHours))
            }
        }
        var refusal: RegistroError?
        let file = try session.registry.writeAuditing { db -> CaseFile in
            let subject = try CaseSubject.load(beneficiary, db)
            try Registry.requirePurpose(purpose, db)
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` was erased: their personal data no longer exists")
            }
            let gate = session.gate()
            var emergency = try gate.openEmergencyAccess(on: subject, purpose: purpose, db)
            if let emergencyReason {
                emergency = try openEmergencyAccess(
                    on: subject, purpose: purpose, reason: emergencyReason, hours: emergencyHours, gate: gate,
                    keys: keys, db)
            }
            let consent = try gate.consent(for: subject, purpose: purpose, db)
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
            for category in CaseCategory.allCases {
                let read = try ReadDecision.decide(
                    category, of: subject, purpose: purpose, consent: consent, emergency: emergency, gate: gate, db)
                let decision = read.onRecord
                let nothingSensitive =
                    try category == .sensitive && decision.isAllowed
                    && !Self.hasSensitiveData(beneficiary, keys: keys, db)
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
            // One entry per decision, in category order, chained in one append.
            try AuditLog.append(contentsOf: entries, in: db)
            if let emergency {
                file.emergency = (emergency, try EmergencyAccessRecord.expiry(of: emergency, db) ?? "")
            }
            try fillCaseFile(&file, visible: visible, ownRecords: own, user: user, keys: keys, db)
            if !file.anythingVisible {
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
            return file
        }
        if let refusal {
            throw refusal
        }
        return file
    }

    /// Whether `beneficiary` has special-category data recorded: sealed sensitive notes or
    /// special-category vulnerabilities (their sealed list is opened, as it may be empty).
    private static func hasSensitiveData(
        _ beneficiary: String, keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws -> Bool {
        try PersonLinkRows.hasSensitiveNotes(beneficiary, db)
            || !SpecialVulnerabilities.read(of: beneficiary, keys: keys, db).entries.isEmpty
    }

    /// Fills the data of the visible sections and the deliveries the user may see: every
    /// organisation's where `services` is visible, else the user's organisation's own when
    /// `ownRecords` allows it; notes where `notes` is visible, or on own records.
    private func fillCaseFile(
        _ file: inout CaseFile, visible: Set<CaseCategory>, ownRecords: Set<CaseCategory>, user: Operator,
        keys: KeyMaterial,
        _ db: RegistryDatabase.Connection
    ) throws {
        let personal =
            visible.isDisjoint(with: [.identity, .contact, .sensitive, .notes])
            ? [:] : try Registry.personalFields(of: file.beneficiary, keys: keys, db)
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
                let special = try SpecialVulnerabilities.read(of: file.beneficiary, keys: keys, db)
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
        let dataKey = rows.contains { $0.notes != nil } ? try keys.dataKey(for: file.beneficiary, db) : nil
        file.deliveries = try rows.map { row in
            var notes: String?
            if let sealed = row.notes, let dataKey,
                visible.contains(.notes) || (row.orgID == user.org && ownRecords.contains(.notes))
            {
                notes = try FieldSealing.open(
                    Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(row.id)),
                    with: dataKey)
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

extension Registry {
    /// Requires `purpose` to be a purpose code of the registry.
    static func requirePurpose(_ purpose: String, _ db: RegistryDatabase.Connection) throws {
        guard try RegistryRows.isPurpose(purpose, db) else {
            throw RegistroError.invalidData(
                .purpose, "`\(purpose)` is not a purpose code", hint: .listCodes(.purpose),
                key: .unknownCode(.purpose, code: purpose))
        }
    }
}
