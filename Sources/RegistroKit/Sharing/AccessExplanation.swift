/// Why a user may or may not read a category of a person's case file for a purpose, now: the
/// decision, the policies that made it, and the facts that fed it.
public struct AccessExplanation: Sendable {
    /// The person.
    public var beneficiary: String
    /// The organisation owning the record; `nil` when the user's organisation has no
    /// relationship to the person (owns, serves, holds a grant of, or broke the glass on them).
    public var owner: String?
    /// The user asking, their role and organisation.
    public var user: Operator
    /// The networks of the user's organisation.
    public var networks: [String]
    /// The category.
    public var category: CaseCategory
    /// The purpose.
    public var purpose: String
    /// The decision, with its determining policies.
    public var decision: AccessDecision
    /// The consent grants of the person for this purpose to the user's organisation or one of
    /// its networks, in any status: the ones `given` fed the decision.
    public var grants: [ConsentGrant]
    /// The categories the active grants open.
    public var consented: [CaseCategory]
    /// Whether an active grant gives explicit consent for special categories.
    public var explicitConsent: Bool
    /// The emergency access the user has open on the person, if any.
    public var emergency: String?
    /// Whether a restriction is in force (told only to an organisation related to the person).
    public var restricted: Bool
}
