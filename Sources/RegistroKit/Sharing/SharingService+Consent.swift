import Foundation

/// Sharing a person's data: consent, case files, access explanations and emergency access, for
/// a session's user.
public struct SharingService: Sendable {
    /// The session acting.
    let session: Session
}

extension SharingService {
    /// Records a consent grant (or a refusal) for a person, collected by the user's
    /// organisation, and returns its id. Grants are never changed afterwards.
    ///
    /// - Throws: `RegistroError` for an unknown person, grantee, purpose or category, a date in
    ///   the past, sensitive data without explicit consent, or a user the policies deny
    ///   (`grant_consent`: the owner's social workers and coordinators); (not found), as for an
    ///   unknown id, to a user whose organisation has no relationship to the person.
    public func grantConsent(_ request: ConsentRequest) throws -> String {
        let keys = try session.keys()
        let user = session.user
        let evidenceDigest = try request.evidenceFile.map { Hex.encode(try BLAKE2b.digest(ofFileAt: $0)) }
        let today = session.today()
        let expires = try request.expires.map { text -> CalendarDate in
            let date: CalendarDate
            do throws(FieldProblem) { date = try CalendarDate.parse(text) } catch {
                throw RegistroError.invalidData(.expires, error.message, key: error.key)
            }
            guard date >= today else {
                throw RegistroError.invalidData(
                    .expires, "the date is in the past; give the last day the consent is valid",
                    key: .consentExpiryPast)
            }
            return date
        }
        guard !request.scope.isEmpty else {
            throw RegistroError.usage(
                .scope, "name at least one category: \(CaseCategory.allCases.map(\.rawValue).joined(separator: ", "))",
                key: .consentWithoutCategory)
        }
        if request.scope.contains(.sensitive) && !request.explicit && !request.refused {
            throw RegistroError.usage(
                .scope, "sharing `sensitive` needs the person's explicit consent (GDPR art. 9)",
                hint: .recordExplicitConsent, key: .consentSensitiveNeedsExplicit)
        }
        try Validators.requireText(request.noticeVersion, field: .noticeVersion, maximumLength: 40)
        if let reference = request.evidenceReference {
            try Validators.requireText(reference, field: .evidenceReference)
        }
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(request.beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, db) {
                try Registry.require(
                    .grantConsent, .identity, of: subject, purpose: request.purpose, gate: gate, audit: .grantConsent)
            }
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(subject.id)` was erased; no consent can be recorded for them", key: .personErased)
            }
            try Registry.requirePurpose(request.purpose, db)
            let isOrganisation = try RegistryRows.exists("organisation", request.grantee, db)
            let isNetwork = try RegistryRows.exists("network", request.grantee, db)
            guard isOrganisation != isNetwork else {
                throw isOrganisation
                    ? RegistroError.invalidData(
                        .grantee, "`\(request.grantee)` names both an organisation and a network; rename one of them",
                        key: .setUp(.granteeAmbiguous(request.grantee)))
                    : RegistroError.invalidData(
                        .grantee, "no organisation or network `\(request.grantee)`",
                        hint: .listOrganisationsAndNetworks,
                        key: .granteeNotFound(request.grantee))
            }
            let id = PseudonymousID.consentGrant()
            let sealedReference = try request.evidenceReference.map {
                Data(
                    FieldSealing.seal(
                        $0, at: FieldLocation(table: "consent_grant", column: "evidence_reference", row: id),
                        with: try keys.dataKey(for: subject.id, db)))
            }
            try ConsentGrantRecord(
                id: id, beneficiaryID: subject.id, grantorOrg: user.org,
                granteeOrg: isOrganisation ? request.grantee : nil, granteeNetwork: isNetwork ? request.grantee : nil,
                purpose: request.purpose, scope: ConsentScope.text(Set(request.scope)), explicit: request.explicit,
                given: !request.refused, givenAt: session.timestamp(), expiresOn: expires?.description,
                noticeVersion: request.noticeVersion, evidenceReference: sealedReference,
                evidenceDigest: evidenceDigest,
                recordedBy: user.id
            ).add(db)
            if isNetwork { try ConsentGrantRecord.recordMembers(of: id, network: request.grantee, db) }
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .grantConsent, resource: .consent(id), subject: subject.id, category: nil,
                    purpose: request.purpose, detail: request.refused ? "refused" : nil),
                in: db)
            return id
        }
    }

    /// Revokes a consent grant: a new event, the grant itself is kept as it was. A person's
    /// consent can be withdrawn while their data is restricted, and stays withdrawn when the
    /// restriction is lifted.
    ///
    /// - Throws: `RegistroError` for an unknown or already revoked grant, an empty reason, or a
    ///   user the policies deny (`grant_consent` on the person); a grant of a person the user's
    ///   organisation has no relationship to is answered as an unknown one.
    public func revokeConsent(_ id: String, reason: String) throws {
        let keys = try session.keys()
        let user = session.user
        try Validators.requireText(reason, field: .reason, maximumLength: TextLimit.notes)
        try session.registry.writeAuditing { db in
            let unknown = RegistroError.notFound(
                .consentGrant, "no consent grant `\(id)`", hint: .listConsentGrants, key: .consentGrantNotFound(id))
            guard let grant = try ConsentGrantRecord.find(id, db) else { throw unknown }
            let subject = try CaseSubject.load(grant.beneficiaryID, db)
            let purpose = grant.purpose
            // Withdrawing a consent is always possible, restricted or not.
            let withdrawable = CaseSubject(
                id: subject.id, owner: subject.owner, restricted: false, erased: subject.erased)
            let gate = session.gate()
            let decision = try Registry.hidingFromStrangers(subject, gate: gate, answering: unknown, db) {
                try Registry.require(
                    .grantConsent, .identity, of: withdrawable, purpose: purpose, gate: gate, audit: .revokeConsent,
                    resource: .consent(id))
            }
            guard try !ConsentRevocationRecord.exists(grant: id, db) else {
                throw RegistroError.invalidData(
                    .consentGrant, "consent grant `\(id)` was revoked already", key: .consentAlreadyRevoked(id))
            }
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "consent_revocation", column: "reason", row: id),
                with: try keys.dataKey(for: subject.id, db))
            try ConsentRevocationRecord(
                grantID: id, revokedAt: session.timestamp(), revokedBy: user.id, reason: Data(sealed)
            )
            .add(db)
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .revokeConsent, resource: .consent(id), subject: subject.id, category: nil,
                    purpose: purpose),
                in: db)
        }
    }

    /// Every consent grant of a person, oldest first, with its status now.
    ///
    /// - Throws: `RegistroError` for an unknown person, or a user who may neither record
    ///   consent for them (`grant_consent`) nor audit (`audit`): as an unknown person when the
    ///   user's organisation has no relationship to them.
    public func consentGrants(of beneficiary: String) throws -> [ConsentGrant] {
        try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            if !gate.decide(.audit).isAllowed {
                try Registry.hidingFromStrangers(subject, gate: gate, db) {
                    try Registry.require(.grantConsent, .identity, of: subject, gate: gate, audit: .audit)
                }
            }
            return try ConsentGrantRecord.grants(of: beneficiary, today: session.today(), db)
        }
    }
}
