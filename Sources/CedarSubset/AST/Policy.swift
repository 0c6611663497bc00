/// Whether a satisfied policy allows or forbids.
public enum Effect: String, Sendable {
    /// The policy allows the request when satisfied.
    case permit
    /// The policy denies the request when satisfied, whatever other policies say.
    case forbid
}

/// A scope constraint on the principal or the resource.
enum EntityConstraint: Sendable {
    /// No constraint.
    case any
    /// `== E`.
    case equal(EntityUID)
    /// `in E`: the entity is `E` or a descendant of `E`.
    case `in`(EntityUID)
    /// `is T`.
    case isType(String)
    /// `is T in E`.
    case isTypeIn(String, EntityUID)
}

/// A scope constraint on the action.
enum ActionConstraint: Sendable {
    /// No constraint.
    case any
    /// `== A`.
    case equal(EntityUID)
    /// `in A` or `in [A, B, …]`: the action is one of them or a descendant of one.
    case `in`([EntityUID])
}

/// One parsed policy: its positional id, annotations, effect, scope and condition.
struct Policy: Sendable {
    /// The positional id Cedar gives the policy in its text: `policy0`, `policy1`, ….
    let id: String
    /// The annotations in text order, with their values (`@key` alone has the value `""`).
    let annotations: [(key: String, value: String)]
    let effect: Effect
    let principal: EntityConstraint
    let action: ActionConstraint
    let resource: EntityConstraint
    /// The `when` and `unless` clauses joined with `&&` (`unless` negated), or `nil` if none.
    let condition: Expr?
    /// Where the policy starts.
    let location: SourceLocation
    /// The text of each scope constraint (principal, action, resource), for diagnostics.
    let scopeSpans: [SourceSpan]

    /// The value of the `@id` annotation, if any.
    var annotatedID: String? {
        annotations.first { $0.key == "id" }?.value
    }
}
