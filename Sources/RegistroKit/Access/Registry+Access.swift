extension CaseSubject {
    /// The subject of a request about a record not made yet (a new person), owned by `owner`.
    static func newRecord(owner: String) -> CaseSubject {
        CaseSubject(id: "new", owner: owner, restricted: false, erased: false)
    }

    /// Whether this is a real person rather than a record not made yet.
    var isRecorded: Bool { id != "new" }
}

extension Registry {
    /// Asks the gate whether `gate.user` may do `action` on `category` of `subject`; when the
    /// policies deny it, throws an `AuditedDenial` (recorded by `writeAuditing`) whose message
    /// names the determining policies.
    ///
    /// - Parameters:
    ///   - audit: The audit action recording the denial.
    ///   - resource: The audited resource; by default the person.
    /// - Returns: The allowing decision, to record with the change.
    @discardableResult
    static func require(
        _ action: AccessAction, _ category: CaseCategory, of subject: CaseSubject, owner: String? = nil,
        purpose: String? = nil, consent: ConsentState = ConsentState(grants: []), emergency: String? = nil,
        gate: AccessGate, audit: AuditAction, resource: AuditResource? = nil
    ) throws -> AccessDecision {
        let decision = gate.decide(
            action, category, of: subject, owner: owner, purpose: purpose, consent: consent, emergency: emergency)
        guard decision.isAllowed else {
            let person = subject.isRecorded ? subject.id : nil
            throw AuditedDenial(
                decision.auditEvent(
                    by: gate.user, action: audit, resource: resource ?? person.map(AuditResource.beneficiary),
                    subject: person,
                    category: category, purpose: purpose),
                // A lookup never tells a denied user whom the codice fiscale belongs to.
                denying: gate.user, action, subject: action == .lookup ? nil : person, decision)
        }
        return decision
    }

    /// Asks the gate whether `gate.user` may do `action` on the registry as a whole; throws an
    /// `AuditedDenial` when the policies deny it.
    @discardableResult
    static func require(
        _ action: AccessAction, gate: AccessGate, audit: AuditAction, resource: AuditResource
    ) throws -> AccessDecision {
        let decision = gate.decide(action)
        guard decision.isAllowed else {
            throw AuditedDenial(
                decision.auditEvent(
                    by: gate.user, action: audit, resource: resource, subject: nil, category: nil, purpose: nil),
                denying: gate.user, action, subject: nil, decision)
        }
        return decision
    }

    /// One sentence saying who may not do what, and which policies decided it, in the library's
    /// English.
    static func denialMessage(
        _ user: Operator, _ action: AccessAction, subject: String?, _ decision: AccessDecision
    ) -> String {
        "`\(user.id)` (\(user.role.rawValue), \(user.org)) may not \(action.phrase(subject: subject)): \(decision.explanation)"
    }
}
