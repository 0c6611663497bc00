import Foundation
import GRDB

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
    ///   (`grant_consent`: the owner's social workers and coordinators).
    public func grantConsent(_ request: ConsentRequest) throws -> String {
        let keys = try session.keys()
        let user = session.user
        let evidenceDigest = try request.evidenceFile.map { Hex.encode(try BLAKE2b.digest(ofFileAt: $0)) }
        let today = session.today()
        let expires = try request.expires.map { text -> CalendarDate in
            let date: CalendarDate
            do throws(FieldProblem) { date = try CalendarDate.parse(text) } catch {
                throw RegistroError.invalidData(.expires, error.message)
            }
            guard date >= today else {
                throw RegistroError.invalidData(.expires, "the date is in the past; give the last day the consent is valid")
            }
            return date
        }
        guard !request.scope.isEmpty else {
            throw RegistroError.usage(
                .scope, "name at least one category: \(CaseCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if request.scope.contains(.sensitive) && !request.explicit && !request.refused {
            throw RegistroError.usage(
                .scope, "sharing `sensitive` needs the person's explicit consent (GDPR art. 9)", hint: .recordExplicitConsent)
        }
        try Validators.requireText(request.noticeVersion, field: .noticeVersion, maximumLength: 40)
        if let reference = request.evidenceReference {
            try Validators.requireText(reference, field: .evidenceReference)
        }
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(request.beneficiary, db)
            let gate = session.gate()
            let decision = try Registry.require(.grantConsent, .identity, of: subject, purpose: request.purpose, gate: gate, audit: .grantConsent)
            guard !subject.erased else {
                throw RegistroError.invalidData(.beneficiary, "`\(subject.id)` was erased; no consent can be recorded for them")
            }
            try Registry.requirePurpose(request.purpose, db)
            let isOrganisation = try Registry.exists(db, "organisation", request.grantee)
            let isNetwork = try Registry.exists(db, "network", request.grantee)
            guard isOrganisation != isNetwork else {
                throw isOrganisation
                    ? RegistroError.invalidData(
                        .grantee, "`\(request.grantee)` names both an organisation and a network; rename one of them")
                    : RegistroError.invalidData(
                        .grantee, "no organisation or network `\(request.grantee)`", hint: .listOrganisationsAndNetworks)
            }
            let id = PseudonymousID.consentGrant()
            let sealedReference = try request.evidenceReference.map {
                Data(FieldSealing.seal($0, at: FieldLocation(table: "consent_grant", column: "evidence_reference", row: id),
                                       with: try keys.dataKey(for: subject.id, db)))
            }
            try db.execute(
                sql: """
                    INSERT INTO consent_grant (id, beneficiary_id, grantor_org, grantee_org, grantee_network, purpose, scope,
                        explicit, given, given_at, expires_on, notice_version, evidence_reference, evidence_digest, recorded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, subject.id, user.org, isOrganisation ? request.grantee : nil, isNetwork ? request.grantee : nil,
                    request.purpose, ConsentScope.text(Set(request.scope)), request.explicit, !request.refused,
                    session.timestamp(), expires?.description, request.noticeVersion, sealedReference, evidenceDigest, user.id,
                ])
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: .grantConsent, resource: .consent(id), subject: subject.id, category: nil,
                    purpose: request.purpose, detail: request.refused ? "refused" : nil),
                in: db)
            return id
        }
    }

    /// Revokes a consent grant: a new event, the grant itself is kept as it was.
    ///
    /// - Throws: `RegistroError` for an unknown or already revoked grant, an empty reason, or an
    ///   user the policies deny (`grant_consent` on the person).
    public func revokeConsent(_ id: String, reason: String) throws {
        let keys = try session.keys()
        let user = session.user
        try Validators.requireText(reason, field: .reason, maximumLength: TextLimit.notes)
        try session.registry.writeAuditing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT beneficiary_id, purpose FROM consent_grant WHERE id = ?", arguments: [id]) else {
                throw RegistroError.invalidData(.consentGrant, "no consent grant `\(id)`", hint: .listConsentGrants)
            }
            let subject = try CaseSubject.load(row["beneficiary_id"], db)
            let purpose: String = row["purpose"]
            let decision = try Registry.require(
                .grantConsent, .identity, of: subject, purpose: purpose, gate: session.gate(), audit: .revokeConsent,
                resource: .consent(id))
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM consent_revocation WHERE grant_id = ?", arguments: [id]) != true else {
                throw RegistroError.invalidData(.consentGrant, "consent grant `\(id)` was revoked already")
            }
            let sealed = FieldSealing.seal(
                reason, at: FieldLocation(table: "consent_revocation", column: "reason", row: id),
                with: try keys.dataKey(for: subject.id, db))
            try db.execute(
                sql: "INSERT INTO consent_revocation (grant_id, revoked_at, revoked_by, reason) VALUES (?, ?, ?, ?)",
                arguments: [id, session.timestamp(), user.id, Data(sealed)])
            try AuditLog.append(
                decision.auditEvent(by: user, action: .revokeConsent, resource: .consent(id), subject: subject.id, category: nil, purpose: purpose),
                in: db)
        }
    }

    /// Every consent grant of a person, oldest first, with its status now.
    ///
    /// - Throws: `RegistroError` for an unknown person, or a user who may neither record
    ///   consent for them (`grant_consent`) nor audit (`audit`).
    public func consentGrants(of beneficiary: String) throws -> [ConsentGrant] {
        try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            if !gate.decide(.audit).isAllowed {
                try Registry.require(.grantConsent, .identity, of: subject, gate: gate, audit: .audit)
            }
            return try Registry.consentGrants(of: beneficiary, today: session.today(), db)
        }
    }
}

extension Registry {
    /// Every consent grant of `beneficiary`, oldest first, with its status on `today`.
    static func consentGrants(
        of beneficiary: String, today: CalendarDate = .today(), _ db: Database
    ) throws -> [ConsentGrant] {
        let today = today.description
        return try Row.fetchAll(
            db,
            sql: """
                SELECT g.*, r.revoked_at, r.revoked_by FROM consent_grant g
                LEFT JOIN consent_revocation r ON r.grant_id = g.id
                WHERE g.beneficiary_id = ? ORDER BY g.given_at, g.id
                """,
            arguments: [beneficiary]
        ).map { row in
            let network: String? = row["grantee_network"]
            let revokedAt: String? = row["revoked_at"]
            let expiresOn: String? = row["expires_on"]
            let status: ConsentStatus = !(row["given"] as Bool) ? .refused
                : revokedAt != nil ? .withdrawn
                : expiresOn.map { $0 < today } == true ? .expired : .given
            return ConsentGrant(
                id: row["id"], beneficiary: beneficiary, grantor: row["grantor_org"], grantee: network ?? row["grantee_org"],
                granteeIsNetwork: network != nil, purpose: row["purpose"],
                scope: CaseCategory.allCases.filter(ConsentScope.categories(row["scope"]).contains), explicit: row["explicit"],
                status: status, givenAt: row["given_at"], expiresOn: expiresOn, noticeVersion: row["notice_version"],
                evidenceDigest: row["evidence_digest"], recordedBy: row["recorded_by"], revokedAt: revokedAt,
                revokedBy: row["revoked_by"])
        }
    }
}
