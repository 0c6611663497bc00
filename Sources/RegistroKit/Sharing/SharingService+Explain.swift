
extension SharingService {
    /// Explains whether the session's user may read `category` of `beneficiary` for `purpose` now: the
    /// decision, the policies that made it, and the consent grants, emergency access and
    /// restriction that fed it. Nothing personal is read, so nothing is recorded.
    ///
    /// - Throws: `RegistroError` for an unknown person or purpose.
    public func explainAccess(
        beneficiary: String, category: CaseCategory, purpose: String
    ) throws -> AccessExplanation {
        let user = session.user
        return try session.registry.database.read { db in
            let subject = try CaseSubject.load(beneficiary, db)
            try Registry.requirePurpose(purpose, db)
            let gate = session.gate()
            let consent = try gate.consent(for: subject, purpose: purpose, db)
            let emergency = try gate.openEmergencyAccess(on: subject, db)
            let decision = gate.decide(.read, category, of: subject, purpose: purpose, consent: consent, emergency: emergency)
            let grants = try ConsentGrantRecord.grants(of: beneficiary, today: session.today(), db).filter { grant in
                grant.purpose == purpose && (grant.granteeIsNetwork ? gate.networks.contains(grant.grantee) : grant.grantee == user.org)
            }
            return AccessExplanation(
                beneficiary: beneficiary, owner: subject.owner, user: user, networks: gate.networks, category: category,
                purpose: purpose, decision: decision, grants: grants,
                consented: CaseCategory.allCases.filter(consent.consented.contains), explicitConsent: consent.explicitConsent,
                emergency: emergency, restricted: subject.restricted)
        }
    }
}
