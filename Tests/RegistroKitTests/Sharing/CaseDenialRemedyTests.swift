import Foundation
import Testing
@testable import RegistroKit

/// What a denied case read says would open it: never more than the user's organisation may know
/// of the person. An organisation with no relationship to them is told, as anyone would be, that
/// the person's consent is needed: not that an emergency access would do (their owner shares its
/// network), nor that they are restricted.
@Suite struct CaseDenialRemedyTests {
    /// `alfa` (owner, in `rete`) with `sw`, `dpo`, `admin`; `beta` in `rete` and `gamma` outside,
    /// each with a social worker.
    final class Partners {
        let fixture: AuditFixture
        let person: String

        init() throws {
            fixture = try AuditFixture()
            let setUp = try fixture.registry.organisations()
            try setUp.addOrganisation(Organisation(id: "beta", name: "Beta", kind: .ets, networks: ["rete"]))
            try setUp.addOrganisation(Organisation(id: "gamma", name: "Gamma", kind: .ets, networks: []))
            for org in ["beta", "gamma"] {
                try setUp.addUser(Operator(id: "sw-\(org)", name: "Operatore", org: org, role: .socialWorker))
            }
            person = try fixture.registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        }

        /// The refusal of `user`'s case read for `presa_in_carico_condivisa`.
        func refusal(_ user: String) throws -> RegistroError {
            try #require(throws: RegistroError.self) {
                try self.fixture.registry.session(as: user).sharing.caseFile(
                    of: self.person, purpose: "presa_in_carico_condivisa")
            }
        }

        /// The remedy `user`'s refusal names.
        func remedy(_ user: String) throws -> AccessRemedy? {
            guard case .caseClosed(_, let remedy) = try refusal(user).issues.first?.key else { return nil }
            return remedy
        }
    }

    @Test func aPartnerWithNoRelationshipToThePersonIsNotOfferedAnEmergencyAccess() throws {
        let registry = try Partners()
        #expect(try registry.remedy("sw-beta") == .consent)
        #expect(try registry.remedy("sw-gamma") == .consent)
        let partner = try registry.refusal("sw-beta")
        let stranger = try registry.refusal("sw-gamma")
        #expect(!partner.message.contains("emergency"))
        // The same sentence as to an organisation outside the network, the user apart.
        #expect(
            partner.message.replacingOccurrences(of: "`sw-beta` (social_worker, beta)", with: "USER")
                == stranger.message.replacingOccurrences(of: "`sw-gamma` (social_worker, gamma)", with: "USER"))
    }

    @Test func aPartnerRelatedToThePersonIsOfferedAnEmergencyAccess() throws {
        let registry = try Partners()
        // A consent for another purpose relates beta to the person: it knows who owns them.
        _ = try registry.fixture.registry.session(as: "sw").sharing.grantConsent(
            ConsentRequest(beneficiary: registry.person, grantee: "beta", purpose: "invio", scope: [.identity]))
        #expect(try registry.remedy("sw-beta") == .consentOrEmergency)
        #expect(try registry.refusal("sw-beta").message.hasSuffix("or an emergency access"))
        #expect(try registry.remedy("sw-gamma") == .consent)
    }

    @Test func aRestrictionIsToldToTheOwnerAndToNobodyUnrelated() throws {
        let registry = try Partners()
        let unrestricted = try registry.refusal("sw-beta").message
        try registry.fixture.registry.session(as: "dpo").subjectRights.restrictSubject(
            registry.person, reason: "la persona contesta i dati")
        #expect(try registry.remedy("sw") == .liftRestriction)
        #expect(try registry.remedy("sw-beta") == .consent)
        let restricted = try registry.refusal("sw-beta").message
        #expect(restricted == unrestricted)
        #expect(!restricted.contains("restrict"))
    }
}
