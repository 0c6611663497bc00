/// Why the policies denied a request, in the terms of the job, for a front end to word: the
/// person's restriction, the rule that privacy officers never use people's data, no rule allowing
/// it to the user's role, or another forbidding rule by its name. Never a personal value.
public enum AccessDenialReason: Sendable, Equatable {
    /// The person's data is restricted (GDPR art. 18): the privacy officer must lift it first.
    case restricted
    /// Privacy officers audit, but never read, look up, record or export people's data.
    case privacyOfficersNeverUse
    /// No rule allows it to the user's role (the policies' default deny).
    case noRuleAllows
    /// The rule of this name (its `@id`) forbids it.
    case rule(String)

    /// The reason of a denying `decision`: the first of its determining rules the registry knows,
    /// else the first rule's name, else the default deny.
    init(_ decision: AccessDecision) {
        let names = decision.policies.compactMap(\.name)
        if names.contains("restricted-used-by-nobody") {
            self = .restricted
        } else if names.contains("privacy-officers-never-read") {
            self = .privacyOfficersNeverUse
        } else if let name = names.first {
            self = .rule(name)
        } else {
            self = .noRuleAllows
        }
    }
}
