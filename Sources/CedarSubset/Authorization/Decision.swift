/// The answer to an authorization request, with the policies that determined it and the
/// policies that could not be evaluated.
public struct Decision: Hashable, Sendable {
    /// Allow or deny.
    public enum Outcome: String, Hashable, Sendable {
        /// Some `permit` policy is satisfied and no `forbid` policy is.
        case allow = "Allow"
        /// Otherwise.
        case deny = "Deny"
    }

    /// A policy that failed to evaluate and was skipped.
    public struct Failure: Hashable, Sendable {
        /// The policy that failed.
        public let policy: PolicySet.PolicyInfo
        /// Why it failed.
        public let error: EvaluationError
    }

    /// Allow or deny.
    public let outcome: Outcome
    /// The determining policies, in text order: the satisfied `forbid` policies when there are
    /// any, else the satisfied `permit` policies when the request is allowed, else none.
    public let reasons: [PolicySet.PolicyInfo]
    /// The policies skipped because their condition failed to evaluate, in text order.
    public let errors: [Failure]

    /// Whether the request is allowed.
    public var isAllowed: Bool { outcome == .allow }
}
