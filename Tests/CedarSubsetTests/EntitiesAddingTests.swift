import Testing

@testable import CedarSubset

/// A store with an entity added for one request answers exactly as a store built with that
/// entity would: lookups, `in`, the count and the list, a replaced entity, a second addition.
@Suite struct EntitiesAddingTests {
    let user = EntityUID(type: "User", id: "u")
    let organisation = EntityUID(type: "Organisation", id: "o")
    let network = EntityUID(type: "Network", id: "n")
    let section = EntityUID(type: "CaseSection", id: "b/identity")
    let other = EntityUID(type: "CaseSection", id: "b/contact")

    func base() throws -> Entities {
        try Entities([
            Entity(uid: user, attributes: ["role": "social_worker"], parents: [organisation]),
            Entity(uid: organisation, parents: [network]),
            Entity(uid: network),
        ])
    }

    /// The same store built whole, as the reference.
    func built(_ extra: [Entity]) throws -> Entities {
        try Entities(
            [
                Entity(uid: user, attributes: ["role": "social_worker"], parents: [organisation]),
                Entity(uid: organisation, parents: [network]),
                Entity(uid: network),
            ].filter { entity in !extra.contains { $0.uid == entity.uid } } + extra)
    }

    func expectSame(_ store: Entities, _ reference: Entities) {
        #expect(store.count == reference.count)
        #expect(Set(store.all) == Set(reference.all))
        for uid in [user, organisation, network, section, other] {
            #expect(store[uid] == reference[uid], "\(uid)")
            for ancestor in [user, organisation, network, section, other] {
                #expect(
                    store.isEntity(uid, in: ancestor) == reference.isEntity(uid, in: ancestor), "\(uid) in \(ancestor)")
            }
        }
    }

    @Test func anAddedLeafIsFoundWithItsParentsAncestors() throws {
        let leaf = Entity(uid: section, attributes: ["category": "identity"], parents: [organisation])
        let store = try base().adding(leaf)
        expectSame(store, try built([leaf]))
        #expect(store.isEntity(section, in: network))
        #expect(try base().count == 3 && store.count == 4)
    }

    @Test func aSecondAdditionKeepsTheFirst() throws {
        let first = Entity(uid: section, attributes: ["category": "identity"])
        let second = Entity(uid: other, attributes: ["category": "contact"], parents: [section])
        let store = try base().adding(first).adding(second)
        expectSame(store, try built([first, second]))
        #expect(store.isEntity(other, in: section))
    }

    @Test func addingAnEntityAgainReplacesIt() throws {
        let first = Entity(uid: section, attributes: ["category": "identity"])
        let second = Entity(uid: section, attributes: ["category": "sensitive"])
        let store = try base().adding(first).adding(second)
        expectSame(store, try built([second]))
        #expect(store[section]?.attributes["category"] == "sensitive")
    }

    @Test func addingAnEntityOfTheStoreReplacesIt() throws {
        let replaced = Entity(uid: organisation, attributes: ["name": "o"])
        let store = try base().adding(replaced)
        #expect(store.count == 3)
        #expect(store[organisation] == replaced)
        #expect(!store.isEntity(organisation, in: network))
        #expect(Set(store.all.map(\.uid)) == [user, organisation, network])
    }

    @Test func theStoreAddedToIsUnchanged() throws {
        let store = try base()
        _ = store.adding(Entity(uid: section))
        #expect(store.count == 3 && store[section] == nil)
    }
}
