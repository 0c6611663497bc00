extension AccessRemedy {
    /// What would open to `gate`'s user what `denials` closed on `subject` for `purpose`: the
    /// person's restriction lifted, nothing (a rule no consent overrides), or the person's
    /// consent, with an emergency access as the other way when the user's organisation shares a
    /// network with the owner and the policies would let an emergency access read the person.
    /// Emergency access never opens special-category data, so it is offered only beside consent.
    ///
    /// A remedy says no more than the user may know: to a user whose organisation has no
    /// relationship to the person (`related` false, see `CaseSubject.isRelated`) it is the
    /// person's consent, as to anyone, for a restriction or an emergency access would tell it
    /// that the person is restricted, or that their owner is in its network.
    static func opening(
        _ denials: [AccessDecision], on subject: CaseSubject, purpose: String, related: Bool, gate: AccessGate,
        _ db: RegistryDatabase.Connection
    ) throws -> AccessRemedy {
        let rules = Set(denials.flatMap { $0.policies.compactMap(\.name) })
        if related, subject.restricted || rules.contains("restricted-used-by-nobody") { return .liftRestriction }
        if rules.contains("privacy-officers-never-read") { return .none }
        guard related, try gate.sharesNetwork(with: subject.owner, db) else { return .consent }
        let underEmergency = gate.decide(.read, .identity, of: subject, purpose: purpose, emergency: "probe")
        return underEmergency.isAllowed && underEmergency.emergency != nil ? .consentOrEmergency : .consent
    }

    /// What would open it, in the library's English, for the end of a denial's sentence.
    var sentence: String {
        switch self {
        case .consent: "the person's consent for this purpose is needed"
        case .consentOrEmergency: "the person's consent for this purpose is needed, or an emergency access"
        case .liftRestriction: "the privacy officer must lift the person's restriction first"
        case .none: "no consent opens it: the privacy officer audits reads but never reads people's data"
        }
    }
}
