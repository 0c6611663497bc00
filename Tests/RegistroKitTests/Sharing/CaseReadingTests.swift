import Foundation
import RegistroTestSupport
import Testing

@testable import RegistroKit

/// A case file is decided and opened in a read, and only its audit entries are appended in the
/// write that follows: whatever the decisions depended on that changed in between must be decided
/// again inside the write, so that the log says what was decided and the reader gets only what
/// the log allowed. The read and the write are driven one after the other here, with the change
/// committed between them.
@Suite struct CaseReadingTests {
    static let purpose = "presa_in_carico_condivisa"

    /// `alfa` (owner, in `rete`) with `sw`, `dpo`, `admin`; `beta` in `rete` with `sw-beta`; a
    /// person of `alfa` with one delivery, who consented to `beta` reading identity and services.
    final class Sharing {
        let fixture: AuditFixture
        let person: String
        let grant: String

        init() throws {
            fixture = try AuditFixture()
            try fixture.registry.organisations().addOrganisation(
                Organisation(id: "beta", name: "Beta", kind: .ets, networks: ["rete"]))
            try fixture.registry.organisations().addUser(
                Operator(id: "sw-beta", name: "Operatore", org: "beta", role: .socialWorker))
            let owner = try fixture.registry.session(as: "sw")
            person = try owner.records.addBeneficiary(AuditFixture.person())
            _ = try owner.records.addDelivery(beneficiary: person, Self.delivery())
            grant = try owner.sharing.grantConsent(
                ConsentRequest(beneficiary: person, grantee: "beta", purpose: purpose, scope: [.identity, .services]))
        }

        static func delivery() -> DeliveryFields {
            var delivery = DeliveryFields()
            delivery.serviceCode = "RT.LAV01"
            delivery.date = "2026-10-05"
            return delivery
        }

        func sharing(_ user: String) throws -> SharingService { try fixture.registry.session(as: user).sharing }

        /// The read entries about the person after `seq`, as `user category decision`, in log order.
        func reads(after seq: Int64) throws -> [String] {
            try fixture.entries().filter { $0.seq > seq && $0.action == "read" && $0.subject == person }
                .map { "\($0.actor ?? "-") \($0.category ?? "-") \($0.decision)" }
        }

        func lastSeq() throws -> Int64 { try fixture.entries().last?.seq ?? 0 }

        func generation() throws -> Int64? { try fixture.registry.database.read { try AccessGate.generation($0) } }
    }

    /// `user`'s six entries, each `allow` for the categories of `allowed`, else `deny`.
    static func entries(_ user: String, allowing allowed: Set<CaseCategory>) -> [String] {
        CaseCategory.allCases.map { "\(user) \($0.rawValue) \(allowed.contains($0) ? "allow" : "deny")" }
    }

    @Test func aConsentRevokedBetweenTheReadAndTheWriteIsDecidedAgainAndNothingIsShown() throws {
        let sharing = try Sharing()
        let reading = try sharing.sharing("sw-beta").readCaseFile(of: sharing.person, purpose: Self.purpose)
        #expect(reading.file.sections.filter(\.visible).map(\.category) == [.identity, .services])
        let before = try sharing.lastSeq()
        try sharing.sharing("sw").revokeConsent(sharing.grant, reason: "la persona ha ritirato il consenso")

        let refusal = try #require(throws: RegistroError.self) { try sharing.sharing("sw-beta").record(reading) }
        #expect(refusal.kind == .denied)
        #expect(try sharing.reads(after: before) == Self.entries("sw-beta", allowing: []))
        // The revocation comes first in the log, then the reads it closed.
        let actions = try sharing.fixture.entries().filter { $0.seq > before }.map(\.action)
        #expect(actions.first == "revoke_consent" && actions.dropFirst().allSatisfy { $0 == "read" })
    }

    @Test func aRestrictionPlacedBetweenTheReadAndTheWriteIsDecidedAgain() throws {
        let sharing = try Sharing()
        let reading = try sharing.sharing("sw").readCaseFile(of: sharing.person, purpose: Self.purpose)
        #expect(reading.file.anythingVisible)
        let before = try sharing.lastSeq()
        try sharing.fixture.registry.session(as: "dpo").subjectRights.restrictSubject(
            sharing.person, reason: "la persona contesta i dati")

        #expect(throws: RegistroError.self) { try sharing.sharing("sw").record(reading) }
        #expect(try sharing.reads(after: before) == Self.entries("sw", allowing: []))
    }

    @Test func aChangeNoDecisionDependsOnKeepsTheReadsDecisionsAndFile() throws {
        let sharing = try Sharing()
        let reading = try sharing.sharing("sw").readCaseFile(of: sharing.person, purpose: Self.purpose)
        let before = try sharing.lastSeq()
        // A new delivery changes what is recorded, not what the user may read.
        _ = try sharing.fixture.registry.session(as: "sw").records.addDelivery(
            beneficiary: sharing.person, Sharing.delivery())

        let file = try sharing.sharing("sw").record(reading)
        #expect(file.deliveries.count == 1, "the file read, not a file read again")
        #expect(try sharing.reads(after: before) == Self.entries("sw", allowing: Set(CaseCategory.allCases)))
    }

    @Test func aCaseFileReadWithNothingChangedInBetweenIsRecordedOnceWithOneEntryPerDecision() throws {
        let sharing = try Sharing()
        let before = try sharing.lastSeq()
        let file = try sharing.sharing("sw-beta").caseFile(of: sharing.person, purpose: Self.purpose)
        #expect(file.deliveries.count == 1)
        #expect(try sharing.reads(after: before) == Self.entries("sw-beta", allowing: [.identity, .services]))
        let refusal = try #require(throws: RegistroError.self) {
            try sharing.sharing("sw-beta").caseFile(of: sharing.person, purpose: "invio")
        }
        #expect(refusal.kind == .denied)
    }

    @Test func aCaseFileShowsThePersonsClearFactsAndTheirDeliveriesCountedByOrganisation() throws {
        let sharing = try Sharing()
        let file = try sharing.sharing("sw-beta").caseFile(of: sharing.person, purpose: Self.purpose)
        func data(_ category: CaseCategory) -> JSONValue {
            .object(file.sections.first { $0.category == category }?.data ?? [])
        }
        let identity = data(.identity).encoded(pretty: false)
        // Recorded with a sex only: the other clear facts are null, not empty or zero.
        #expect(identity.contains(#""sex": "F", "birth_year": null, "citizenship": null"#))
        #expect(data(.services) == .object([("deliveries", .int(1)), ("organisations", .array([.string("alfa")]))]))
    }

    @Test func everyChangeADecisionDependsOnMovesTheAccessGeneration() throws {
        let sharing = try Sharing()
        let registry = sharing.fixture.registry
        var last = try #require(try sharing.generation())
        func expectMoved(_ change: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let now = try #require(try sharing.generation())
            #expect(now > last, "\(change) did not move the access generation", sourceLocation: sourceLocation)
            last = now
        }
        let grant = try registry.session(as: "sw").sharing.grantConsent(
            ConsentRequest(beneficiary: sharing.person, grantee: "rete", purpose: "invio", scope: [.identity]))
        try expectMoved("a consent grant")
        try registry.session(as: "sw").sharing.revokeConsent(grant, reason: "la persona ha ritirato il consenso")
        try expectMoved("a revocation")
        _ = try registry.session(as: "sw-beta").sharing.caseFile(
            of: sharing.person, purpose: "invio",
            emergencyReason: "la persona è in pericolo immediato, serve il contatto")
        try expectMoved("an emergency access")
        try registry.session(as: "dpo").subjectRights.restrictSubject(sharing.person, reason: "contesta i dati")
        try expectMoved("a restriction")
        try registry.session(as: "dpo").subjectRights.unrestrictSubject(sharing.person)
        try expectMoved("a restriction lifted")
        try registry.organisations().addOrganisation(
            Organisation(id: "gamma", name: "Gamma", kind: .ets, networks: ["rete"]))
        try expectMoved("an organisation joining a network")
        try sharing.fixture.execute("UPDATE operator SET role = 'coordinator' WHERE id = 'sw-beta'")
        try expectMoved("a user's role")
        let accounts = try registry.accounts(rules: .testing(clock: TestClock()))
        try accounts.setPassword("una password lunga abbastanza", for: "sw")
        try accounts.disable("sw", by: Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin))
        try expectMoved("an account disabled")
        _ = try registry.session(as: "dpo").subjectRights.eraseSubject(sharing.person, reason: "richiesta 12/2026")
        try expectMoved("an erasure")
        try sharing.fixture.execute("UPDATE beneficiary SET owner_org = 'beta' WHERE id = '\(sharing.person)'")
        try expectMoved("a person's owner")

        // Recording people and deliveries, and reading, decide nothing anew.
        let worker = try registry.session(as: "sw")
        let other = try worker.records.addBeneficiary(AuditFixture.person("Ada", "Neri"))
        _ = try worker.records.addDelivery(beneficiary: other, Sharing.delivery())
        _ = try worker.sharing.caseFile(of: other, purpose: Self.purpose)
        #expect(try sharing.generation() == last)
    }
}
