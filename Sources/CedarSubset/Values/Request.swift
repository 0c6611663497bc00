/// An authorization request: who (principal) wants to do what (action) to which resource,
/// in which context.
public struct Request: Hashable, Sendable {
    /// The entity making the request.
    public var principal: EntityUID
    /// The action requested; its type is `Action` (or ends with `::Action`).
    public var action: EntityUID
    /// The entity acted on.
    public var resource: EntityUID
    /// Facts about the request, as a record.
    public var context: Record

    /// Creates a request.
    /// - Parameters:
    ///   - principal: the entity making the request.
    ///   - action: the action requested.
    ///   - resource: the entity acted on.
    ///   - context: facts about the request (empty by default).
    public init(principal: EntityUID, action: EntityUID, resource: EntityUID, context: Record = Record()) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
    }
}
