import Foundation
import Testing
@testable import RegistroKit

/// A session identifies its user once, for every operation done through it.
@Suite struct SessionTests {
    @Test func anUnknownUserIsOneNotFoundErrorNamingTheUserField() throws {
        let fixture = try AuditFixture()
        let error = try #require(throws: RegistroError.self) { try fixture.registry.session(as: "nobody") }
        #expect(error.kind == .notFound)
        #expect(error.field == .user)
        #expect(error.issues[0].hint == .addUser)
        #expect(!error.message.contains("--"))
    }

    @Test func anEmptyUserIsAUsageErrorNamingTheUserField() throws {
        let fixture = try AuditFixture()
        let error = try #require(throws: RegistroError.self) { try fixture.registry.session(as: "") }
        #expect(error.kind == .usage && error.field == .user)
    }

    @Test func aSessionCarriesTheUserAndTheirNetworks() throws {
        let fixture = try AuditFixture()
        let session = try fixture.registry.session(as: "sw")
        #expect(session.user == Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker))
        #expect(session.networks == ["rete"])
    }

    @Test func theSessionsClockDecidesItsAccessGate() throws {
        let fixture = try AuditFixture()
        let then = Date(timeIntervalSince1970: 1_700_000_000)
        let session = try fixture.registry.session(as: "sw", clock: { then })
        #expect(session.now() == then)
        #expect(session.gate().now == then)
    }

    @Test func oneSessionServesManyConcurrentOperations() async throws {
        let fixture = try AuditFixture()
        let records = try fixture.registry.session(as: "sw").records
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<4 {
                group.addTask {
                    var fields = AuditFixture.person()
                    fields.codiceFiscale = nil
                    fields.ref = "R-\(index)"
                    return try records.addBeneficiary(fields)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(ids).count == 4)
    }

    @Test func networksAreTheOperatorsNotAnAdmins() throws {
        let fixture = try AuditFixture()
        let error = try #require(throws: RegistroError.self) {
            try fixture.registry.session(as: "admin").organisations.addNetwork(Network(id: "altra", name: "Altra rete"))
        }
        #expect(error.kind == .denied)
        try fixture.registry.organisations().addNetwork(Network(id: "altra", name: "Altra rete"))
        #expect(try fixture.registry.organisations().networks().map(\.id).contains("altra"))
    }

    @Test func invalidFieldsAreNamedEachByItsField() throws {
        let fixture = try AuditFixture()
        var fields = BeneficiaryFields()
        fields.givenName = "Anna"
        fields.familyName = "Neri"
        fields.sex = "F"
        fields.codiceFiscale = "NOTACODE"
        fields.vulnerabilities = "nessuna"
        let error = try #require(throws: RegistroError.self) {
            try fixture.registry.session(as: "sw").records.addBeneficiary(fields)
        }
        #expect(error.issues.map(\.field) == [.codiceFiscale, .vulnerabilities])
        #expect(error.issues[1].hint == .listCodes(.vulnerability))
    }

    @Test func aConsentGrantsStatusFollowsTheSessionsClock() throws {
        let fixture = try AuditFixture()
        let id = try fixture.registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        var request = ConsentRequest(
            beneficiary: id, grantee: "rete", purpose: "presa_in_carico_condivisa", scope: [.identity])
        request.expires = "2030-12-31"
        let grant = try fixture.registry.session(as: "sw").sharing.grantConsent(request)
        let later = Date(timeIntervalSince1970: 1_930_000_000)  // in 2031
        let grants = try fixture.registry.session(as: "sw", clock: { later }).sharing.consentGrants(of: id)
        #expect(grants.map(\.id) == [grant])
        #expect(grants.map(\.status) == [.expired])
        #expect(try fixture.registry.session(as: "sw").sharing.consentGrants(of: id).map(\.status) == [.given])
    }
}
