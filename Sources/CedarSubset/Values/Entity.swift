/// An entity: its identifier, attributes and parents in the entity hierarchy.
public struct Entity: Hashable, Sendable {
    /// The entity's identifier.
    public let uid: EntityUID
    /// The entity's attributes.
    public var attributes: Record
    /// The entities this one is directly `in`.
    public var parents: Set<EntityUID>

    /// Creates an entity.
    /// - Parameters:
    ///   - uid: the entity's identifier.
    ///   - attributes: its attributes.
    ///   - parents: the entities it is directly a member of.
    public init(uid: EntityUID, attributes: Record = Record(), parents: Set<EntityUID> = []) {
        self.uid = uid
        self.attributes = attributes
        self.parents = parents
    }

    /// Creates an entity from attributes given as a Swift dictionary.
    public init(uid: EntityUID, attributes: [String: Value], parents: Set<EntityUID> = []) {
        self.init(uid: uid, attributes: Record(attributes), parents: parents)
    }
}
