import Foundation
import Testing
@testable import RegistroKit

/// The list of case files other organisations share with the user's organisation by consent.
@Suite struct SharedCaseFilesTests {
    /// `alfa` (owner) and `beta` in the network `rete`, `gamma` outside it, each with a
    /// coordinator; `alfa`'s social worker records the people and their consents.
    final class Network {
        let fixture: AuditFixture
        let worker: Session

        init() throws {
            fixture = try AuditFixture()
            let operatorSetUp = fixture.registry.organisations()
            try operatorSetUp.addOrganisation(
                Organisation(id: "beta", name: "Beta", kind: .ets, networks: ["rete"]))
            try operatorSetUp.addOrganisation(Organisation(id: "gamma", name: "Gamma", kind: .ets, networks: []))
            for org in ["alfa", "beta", "gamma"] {
                try operatorSetUp.addUser(Operator(id: "coord-\(org)", name: "Coord", org: org, role: .coordinator))
            }
            worker = try fixture.registry.session(as: "sw")
        }

        /// A new person of `alfa`, with a consent to `grantee` for `purpose` when given one.
        func person(
            _ name: String, grantee: String? = nil, purpose: String = "presa_in_carico_condivisa"
        )
            throws -> (id: String, grant: String?)
        {
            let id = try worker.records.addBeneficiary(AuditFixture.person(name))
            let grant = try grantee.map {
                try worker.sharing.grantConsent(
                    ConsentRequest(beneficiary: id, grantee: $0, purpose: purpose, scope: [.identity, .services]))
            }
            return (id, grant)
        }

        func list(_ user: String, page: Int = 1) throws -> SharedCaseFilePage {
            try fixture.registry.session(as: user).sharing.sharedCaseFiles(page: page)
        }
    }

    @Test func aPartnerSeesThePeopleSharedWithItOrItsNetworkAndNothingElse() throws {
        let network = try Network()
        let toNetwork = try network.person("Anna", grantee: "rete")
        let toBeta = try network.person("Bice", grantee: "beta", purpose: "invio")
        _ = try network.person("Carla")
        _ = try network.person("Dora", grantee: "gamma")
        let revoked = try network.person("Elsa", grantee: "rete")
        try network.worker.sharing.revokeConsent(revoked.grant!, reason: "la persona ha ritirato il consenso")
        let restricted = try network.person("Fede", grantee: "rete")
        try network.fixture.registry.session(as: "dpo").subjectRights.restrictSubject(
            restricted.id, reason: "la persona contesta l'esattezza dei dati")

        let beta = try network.list("coord-beta")
        #expect(beta.total == 2 && beta.pageCount == 1 && beta.page == 1)
        #expect(Set(beta.files.map(\.beneficiary)) == [toNetwork.id, toBeta.id])
        let shared = try #require(beta.files.first { $0.beneficiary == toBeta.id })
        #expect(shared.owner == "alfa" && shared.purpose == "invio" && shared.categories == [.identity, .services])
        #expect(try network.list("coord-gamma").files.map(\.beneficiary).count == 1)
        #expect(try network.list("coord-alfa").files.isEmpty, "the organisation's own people are not 'shared'")
    }

    @Test func readingTheListIsAuditedAsALookupWithoutAnyPersonalValue() throws {
        let network = try Network()
        _ = try network.person("Anna", grantee: "rete")
        _ = try network.list("coord-beta")
        let entry = try #require(try network.fixture.entries().last)
        #expect(entry.actor == "coord-beta" && entry.action == "lookup" && entry.decision == "allow")
        #expect(entry.subject == nil)
    }

    @Test func aPagePastTheLastAndAUserWhoMayNotLookPeopleUpAreRefused() throws {
        let network = try Network()
        let pastTheEnd = try #require(throws: RegistroError.self) { try network.list("coord-beta", page: 2) }
        #expect(pastTheEnd.kind == .invalidData && pastTheEnd.field == .page)
        let denied = try #require(throws: RegistroError.self) { try network.list("dpo") }
        #expect(denied.kind == .denied)
    }
}
