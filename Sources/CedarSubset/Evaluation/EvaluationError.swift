/// Why a policy's condition could not be evaluated for a request. The authorizer skips such a
/// policy and reports it with the decision, as Cedar does.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of evaluation error Cedar distinguishes.
    public enum Kind: Sendable, Hashable {
        /// An operand has the wrong type.
        case typeError
        /// An entity that the expression reads is not in the entity store.
        case entityDoesNotExist
        /// An entity or record has no attribute of that name.
        case attributeDoesNotExist
        /// Long arithmetic overflowed.
        case overflow
    }

    /// What kind of error this is.
    public let kind: Kind
    /// What went wrong, in Cedar's message style.
    public let message: String
    /// Where in the policy text the failing expression starts.
    public let location: SourceLocation

    init(_ kind: Kind, _ message: String, at span: SourceSpan) {
        self.kind = kind
        self.message = message
        self.location = span.start
    }

    /// `LINE:COL: message`.
    public var description: String { "\(location): \(message)" }

    static func type(expected: String, got value: Value, at span: SourceSpan) -> EvaluationError {
        EvaluationError(.typeError, "type error: expected \(expected), got \(value.typeName)", at: span)
    }
}
