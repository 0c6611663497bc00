extension SharingService {
    /// Explains whether the session's user may read `category` of `beneficiary` for `purpose` now: the
    /// decision, the policies that made it, and the consent grants, emergency access and
    /// restriction that fed it. No personal field is read, but the answer tells who owns the
    /// record and which grants exist, so it is recorded with the person as subject, the
    /// category, the purpose and the policies that decided. To a user whose organisation has no
    /// relationship to the person, the owner and a restriction are not told; one that neither has
    /// a relationship to them nor found them by codice fiscale gets, once the explanation is
    /// recorded, the answer to an unknown id.
    ///
    /// - Throws: `RegistroError` for an unknown person or purpose, or such an organisation's user.
    public func explainAccess(
        beneficiary: String, category: CaseCategory, purpose: String
    ) throws -> AccessExplanation {
        let user = session.user
        let (explanation, known) = try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            try Registry.requirePurpose(purpose, db)
            let gate = session.gate()
            let consent = try gate.consent(for: subject, purpose: purpose, db)
            let emergency = try gate.openEmergencyAccess(on: subject, purpose: purpose, db)
            let read = try ReadDecision.decide(
                category, gate.requests(on: subject, purpose: purpose, consent: consent, emergency: emergency),
                gate: gate, db)
            let decision = read.decision
            // To an organisation with no relationship to the person, the answer says nothing
            // the user may not read: not who owns them, not whether they are restricted.
            let related = try subject.isRelated(to: user.org, networks: gate.networks, db)
            let shown =
                related || !subject.restricted
                ? decision
                : gate.decide(
                    .read, category,
                    of: CaseSubject(id: subject.id, owner: subject.owner, restricted: false, erased: false),
                    purpose: purpose, consent: consent, emergency: emergency)
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
                    detail: read.onOwnRecords != nil
                        ? "explain: would allow on own organisation's records"
                        : decision.isAllowed ? "explain: would allow" : "explain: would deny"),
                in: db)
            let known = try related || decision.isAllowed || subject.isKnown(to: user.org, networks: gate.networks, db)
            let explanation = AccessExplanation(
                beneficiary: beneficiary, owner: related ? subject.owner : nil, user: user, networks: gate.networks,
                category: category, purpose: purpose, decision: shown, ownRecords: read.onOwnRecords != nil,
                grants: grants,
                consented: CaseCategory.allCases.filter(consent.consented.contains),
                explicitConsent: consent.explicitConsent,
                emergency: emergency, restricted: related && subject.restricted)
            return (explanation, known)
        }
        // The explanation is recorded; to an organisation that does not know of the person, their
        // id is answered as an unknown one.
        guard known else { throw RegistroError.personNotFound(beneficiary) }
        return explanation
    }
}
