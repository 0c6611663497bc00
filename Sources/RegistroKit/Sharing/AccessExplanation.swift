/// Why a user may or may not read a category of a person's case file for a purpose, now: the
/// decision, the policies that made it, and the facts that fed it.
public struct AccessExplanation: Sendable {
    /// The person.
    public internal(set) var beneficiary: String
    /// The organisation owning the record; `nil` when the user's organisation has no
    /// relationship to the person (owns, serves, holds a grant of, or broke the glass on them).
    public internal(set) var owner: String?
    /// The user asking, their role and organisation.
    public internal(set) var user: Operator
    /// The networks of the user's organisation.
    public internal(set) var networks: [String]
    /// The category.
    public internal(set) var category: CaseCategory
    /// The purpose.
    public internal(set) var purpose: String
    /// The decision, with its determining policies.
    public internal(set) var decision: AccessDecision
    /// Whether the decision is on the user's organisation's own records of the person (its
    /// deliveries and their notes), the person's record itself being closed to the user.
    public internal(set) var ownRecords: Bool = false
    /// The consent grants of the person for this purpose to the user's organisation or one of
    /// its networks, in any status: the ones `given` fed the decision.
    public internal(set) var grants: [ConsentGrant]
    /// The categories the active grants open.
    public internal(set) var consented: [CaseCategory]
    /// Whether an active grant gives explicit consent for special categories.
    public internal(set) var explicitConsent: Bool
    /// The emergency access the user has open on the person, if any.
    public internal(set) var emergency: String?
    /// Whether a restriction is in force (told only to an organisation related to the person).
    public internal(set) var restricted: Bool
}
