/// An entity store: the entities a request is decided against, with the transitive closure of
/// their hierarchy computed once, so that `in` is a set lookup.
///
/// Build it once and reuse it for every request over the same data; it is immutable and
/// `Sendable`.
public struct Entities: Sendable {
    /// An entity with every ancestor it has through entities of the store (a class, so that
    /// the evaluator passes one reference around rather than copying the entity's fields).
    final class Stored: Sendable {
        let entity: Entity
        let ancestors: Set<EntityUID>

        init(entity: Entity, ancestors: Set<EntityUID>) {
            self.entity = entity
            self.ancestors = ancestors
        }
    }

    private var storage: [EntityUID: Stored]
    /// The entity `adding(_:)` gave, kept beside `storage` rather than in it: adding it to the
    /// dictionary would copy the whole store for each request. It stands in for any entity of
    /// `storage` with its identifier.
    private var leaf: Stored?

    /// An empty store.
    public init() {
        storage = [:]
    }

    /// A store holding `entities`.
    ///
    /// As in Cedar, an entity may be listed twice only with identical contents, an action's
    /// parents must be actions, and the hierarchy must have no cycle. A parent that is not in
    /// the store is kept as a parent, but it has no parents of its own.
    /// - Throws: ``PolicyError`` naming the first entity that breaks one of these rules.
    public init(_ entities: some Sequence<Entity>) throws(PolicyError) {
        var byUID: [EntityUID: Entity] = [:]
        for entity in entities {
            if let existing = byUID[entity.uid] {
                guard existing == entity else {
                    throw PolicyError.input("entity `\(entity.uid)` is listed twice with different contents")
                }
                continue
            }
            if entity.uid.isAction, let parent = entity.parents.first(where: { !$0.isAction }) {
                throw PolicyError.input("action `\(entity.uid)` has the parent `\(parent)`, which is not an action")
            }
            byUID[entity.uid] = entity
        }
        storage = try Entities.closure(of: byUID)
    }

    /// Computes every entity's ancestors, refusing cycles.
    private static func closure(of entities: [EntityUID: Entity]) throws(PolicyError) -> [EntityUID: Stored] {
        var ancestors: [EntityUID: Set<EntityUID>] = [:]
        var inProgress: Set<EntityUID> = []
        for root in entities.keys where ancestors[root] == nil {
            // Iterative depth-first search: a long chain cannot exhaust the stack.
            var stack: [(EntityUID, [EntityUID])] = [(root, Array(entities[root]!.parents))]
            inProgress.insert(root)
            while let (uid, pending) = stack.last {
                if let next = pending.last {
                    stack[stack.count - 1].1.removeLast()
                    if inProgress.contains(next) {
                        throw PolicyError.input("the entity hierarchy has a cycle through `\(next)`")
                    }
                    guard let parent = entities[next], ancestors[next] == nil else { continue }
                    inProgress.insert(next)
                    stack.append((next, Array(parent.parents)))
                    continue
                }
                stack.removeLast()
                inProgress.remove(uid)
                var all = entities[uid]!.parents
                for parent in entities[uid]!.parents {
                    if let above = ancestors[parent] { all.formUnion(above) }
                }
                if all.contains(uid) {
                    throw PolicyError.input("the entity hierarchy has a cycle through `\(uid)`")
                }
                ancestors[uid] = all
            }
        }
        var stored: [EntityUID: Stored] = [:]
        stored.reserveCapacity(entities.count)
        for (uid, entity) in entities {
            stored[uid] = Stored(entity: entity, ancestors: ancestors[uid] ?? [])
        }
        return stored
    }

    /// This store with `entity` added or replaced: a leaf the requests of one decision need (the
    /// registry's case section), without recomputing the rest of the hierarchy. The new
    /// entity's ancestors are its parents and theirs; no entity of the store may have it as a
    /// parent.
    public func adding(_ entity: Entity) -> Entities {
        var copy = self
        if let leaf, leaf.entity.uid != entity.uid {
            // A second leaf: the first joins the store, as if it had been added to it.
            copy.storage[leaf.entity.uid] = leaf
        }
        var ancestors = entity.parents
        for parent in entity.parents {
            if let above = copy.stored(parent)?.ancestors { ancestors.formUnion(above) }
        }
        copy.leaf = Stored(entity: entity, ancestors: ancestors)
        return copy
    }

    /// The entity with identifier `uid`, if the store has it.
    public subscript(uid: EntityUID) -> Entity? {
        stored(uid)?.entity
    }

    /// The number of entities.
    public var count: Int {
        guard let leaf else { return storage.count }
        return storage.count + (storage[leaf.entity.uid] == nil ? 1 : 0)
    }

    /// Every entity, in no particular order.
    public var all: [Entity] {
        guard let leaf else { return storage.values.map(\.entity) }
        return storage.values.filter { $0.entity.uid != leaf.entity.uid }.map(\.entity) + [leaf.entity]
    }

    /// Whether `uid` is `ancestor` or a descendant of it, as Cedar's `in` decides.
    public func isEntity(_ uid: EntityUID, in ancestor: EntityUID) -> Bool {
        uid == ancestor || (stored(uid)?.ancestors.contains(ancestor) ?? false)
    }

    func stored(_ uid: EntityUID) -> Stored? {
        if let leaf, leaf.entity.uid == uid { return leaf }
        return storage[uid]
    }
}

extension PolicyError {
    /// An error about input data with no position in a text.
    static func input(_ message: String) -> PolicyError {
        PolicyError([PolicyDiagnostic(message, at: nil)])
    }
}
