/// What the gate decided about one request, with what fed the decision, ready for the audit
/// log and for explaining it to the user.
public struct AccessDecision: Sendable {
    /// Whether the request is allowed.
    public let isAllowed: Bool
    /// The determining policies: positional ids (`policy0`, …) with their `@id` names.
    public let policies: [(id: String, name: String?)]
    /// The policies skipped because their condition failed to evaluate.
    public let errors: [String]
    /// The consent grants that open the requested category to the user's organisation for the
    /// purpose (empty when consent played no part).
    public let consents: [String]
    /// The emergency access open for the user on this person, if one fed the decision.
    public let emergency: String?

    /// The explanation of a denial that no policy forbade: none permitted it.
    static let defaultDenyExplanation = "no policy permits it (default deny)"

    /// The determining policies as `policy3 (privacy-officers-never-read)`, or `default deny`.
    public var explanation: String {
        guard !policies.isEmpty else {
            return isAllowed ? "allowed" : Self.defaultDenyExplanation
        }
        // Written into one text: a case file explains each of its six decisions.
        var text = isAllowed ? "permitted by " : "forbidden by "
        text.reserveCapacity(80)
        for (index, policy) in policies.enumerated() {
            if index > 0 { text += ", " }
            text += policy.id
            if let name = policy.name {
                text += " (`"
                text += name
                text += "`)"
            }
        }
        return text
    }

    /// The audit event recording this decision by `user`.
    func auditEvent(
        by user: Operator, action: AuditAction, resource: AuditResource?, subject: String?, category: CaseCategory?,
        purpose: String?, detail: AuditDetail? = nil
    ) -> AuditEvent {
        AuditEvent(
            by: user, action: action, resource: resource, subject: subject, category: category, purpose: purpose,
            decision: isAllowed ? .allow : .deny, policies: policies.map(\.id), consents: consents,
            emergency: emergency != nil, emergencyReference: emergency, detail: detail)
    }
}
