/// A schema in Cedar's JSON schema format: the entity types (their parents' types and
/// attributes), the actions (the principal and resource types they apply to, their context),
/// and common types, grouped in namespaces. Policies are validated against it.
public struct Schema: Sendable {
    /// An attribute type as a schema declares it.
    indirect enum AttributeType: Sendable {
        case bool, long, string
        case set(AttributeType)
        case record(RecordType)
        case entity(String)
        case `extension`(String)
    }

    /// A record type: attributes with their types and whether they are required.
    struct RecordType: Sendable {
        var attributes: [ScalarString: (type: AttributeType, required: Bool)]
        /// Whether other attributes may be present (`additionalAttributes`).
        var isOpen: Bool

        static let empty = RecordType(attributes: [:], isOpen: false)
    }

    /// A declared entity type.
    struct EntityTypeInfo: Sendable {
        let name: String
        /// The types its entities may have as parents.
        let memberOfTypes: Set<String>
        let shape: RecordType
        /// The ids its entities may have, for an enumerated type.
        let enumeratedIDs: Set<ScalarString>?
    }

    /// A declared action.
    struct ActionInfo: Sendable {
        let uid: EntityUID
        /// The action groups it is directly a member of.
        let memberOf: Set<EntityUID>
        /// Whether the action has `appliesTo`, and so can appear in requests.
        let appliesToAnything: Bool
        let principalTypes: [String]
        let resourceTypes: [String]
        let context: RecordType
    }

    let entityTypes: [String: EntityTypeInfo]
    let actions: [EntityUID: ActionInfo]
    /// The transitive ancestor types of every entity type.
    let ancestorTypes: [String: Set<String>]
    /// The transitive ancestors of every action.
    let actionAncestors: [EntityUID: Set<EntityUID>]

    init(entityTypes: [String: EntityTypeInfo], actions: [EntityUID: ActionInfo]) {
        self.entityTypes = entityTypes
        self.actions = actions
        ancestorTypes = Schema.closure(entityTypes.mapValues(\.memberOfTypes))
        actionAncestors = Schema.closure(actions.mapValues(\.memberOf))
    }

    /// Reads a schema in Cedar's JSON schema format.
    /// - Parameters:
    ///   - json: the schema text.
    ///   - file: the file name diagnostics name.
    /// - Throws: ``PolicyError`` naming each problem with its line and column.
    public init(json: String, file: String? = nil) throws(PolicyError) {
        var reader = SchemaReader(text: json, file: file)
        self = try reader.read()
    }

    /// The entity types the schema declares, sorted.
    public var entityTypeNames: [String] { entityTypes.keys.sorted() }

    /// The actions the schema declares, sorted by id.
    public var actionUIDs: [EntityUID] { actions.keys.sorted { ($0.type, $0.id) < ($1.type, $1.id) } }

    /// Whether an entity of type `descendant` may be `in` an entity of type `ancestor`.
    func mayBeDescendant(_ descendant: String, of ancestor: String) -> Bool {
        descendant == ancestor || (ancestorTypes[descendant]?.contains(ancestor) ?? false)
            || (descendant.hasSuffix("Action") && ancestor.hasSuffix("Action"))
    }

    private static func closure<Key: Hashable>(_ edges: [Key: Set<Key>]) -> [Key: Set<Key>] {
        var result: [Key: Set<Key>] = [:]
        for start in edges.keys {
            var seen: Set<Key> = []
            var pending = Array(edges[start] ?? [])
            while let next = pending.popLast() {
                if seen.insert(next).inserted { pending += edges[next] ?? [] }
            }
            result[start] = seen
        }
        return result
    }
}
