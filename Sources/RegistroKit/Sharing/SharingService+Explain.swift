extension SharingService {
    /// Explains whether the session's user may read `category` of `beneficiary` for `purpose` now: the
    /// decision, the policies that made it, and the consent grants, emergency access and
    /// restriction that fed it. No personal field is read, but the answer tells who owns the
    /// record and which grants exist, so it is recorded with the person as subject, the
    /// category, the purpose and the policies that decided.
    ///
    /// - Throws: `RegistroError` for an unknown person or purpose.
    public func explainAccess(
        beneficiary: String, category: CaseCategory, purpose: String
    ) throws -> AccessExplanation {
        let user = session.user
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            try Registry.requirePurpose(purpose, db)
            let gate = session.gate()
            let consent = try gate.consent(for: subject, purpose: purpose, db)
            let emergency = try gate.openEmergencyAccess(on: subject, db)
            let decision = gate.decide(
                .read, category, of: subject, purpose: purpose, consent: consent, emergency: emergency)
            let grants = try ConsentGrantRecord.grants(of: beneficiary, today: session.today(), db).filter { grant in
                grant.purpose == purpose
                    && (grant.granteeIsNetwork ? gate.networks.contains(grant.grantee) : grant.grantee == user.org)
            }
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .explain, resource: .beneficiary(beneficiary), subject: beneficiary,
                    category: category, purpose: purpose, decision: .allow, policies: decision.policies.map(\.id),
                    consents: decision.consents,
                    emergencyReference: decision.emergency,
                    detail: decision.isAllowed ? "explain: would allow" : "explain: would deny"),
                in: db)
            return AccessExplanation(
                beneficiary: beneficiary, owner: subject.owner, user: user, networks: gate.networks, category: category,
                purpose: purpose, decision: decision, grants: grants,
                consented: CaseCategory.allCases.filter(consent.consented.contains),
                explicitConsent: consent.explicitConsent,
                emergency: emergency, restricted: subject.restricted)
        }
    }
}
