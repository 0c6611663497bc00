import Foundation
import Testing
@testable import RegistroKit

/// What a denied case read says would open it: never more than the user's organisation may know
/// of the person. An organisation with no relationship to them that found them by codice fiscale
/// is told, as anyone would be, that the person's consent is needed: not that an emergency access
/// would do (their owner shares its network), nor that they are restricted. One that never found
/// them is answered as for an id that does not exist.
@Suite struct CaseDenialRemedyTests {
    /// `alfa` (owner, in `rete`) with `sw`, `dpo`, `admin`; `beta` in `rete` and `gamma` outside,
    /// each with a social worker, who found the person by codice fiscale (unless `found` is false).
    final class Partners {
        let fixture: AuditFixture
        let person: String

        static let codiceFiscale = "NRENNA85T50A479E"

        init(found: Bool = true) throws {
            fixture = try AuditFixture()
            let setUp = fixture.registry.organisations()
            try setUp.addOrganisation(Organisation(id: "beta", name: "Beta", kind: .ets, networks: ["rete"]))
            try setUp.addOrganisation(Organisation(id: "gamma", name: "Gamma", kind: .ets, networks: []))
            for org in ["beta", "gamma"] {
                try setUp.addUser(Operator(id: "sw-\(org)", name: "Operatore", org: org, role: .socialWorker))
            }
            var fields = AuditFixture.person()
            fields.codiceFiscale = Self.codiceFiscale
            person = try fixture.registry.session(as: "sw").records.addBeneficiary(fields)
            for user in ["sw-beta", "sw-gamma"] where found {
                _ = try fixture.registry.session(as: user).records.findBeneficiary(codiceFiscale: Self.codiceFiscale)
            }
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

    @Test func anOrganisationThatNeverFoundThePersonIsAnsweredAsForAnUnknownIDAndTheDenialsRecorded() throws {
        let registry = try Partners(found: false)
        let unknown = try #require(throws: RegistroError.self) {
            try registry.fixture.registry.session(as: "sw-beta").sharing.caseFile(
                of: "B7K3M9Q2X4TA", purpose: "presa_in_carico_condivisa")
        }
        for user in ["sw-beta", "sw-gamma"] {
            let refusal = try registry.refusal(user)
            #expect(refusal.kind == .notFound)
            #expect(
                refusal.message.replacingOccurrences(of: registry.person, with: "ID")
                    == unknown.message.replacingOccurrences(of: "B7K3M9Q2X4TA", with: "ID"))
            #expect(refusal.issues.first?.key == .personNotFound(registry.person))
        }
        let entries = try registry.fixture.registry.database.read { db in
            try AuditLog.entries(matching: AuditFilter(subject: registry.person), db)
        }
        for user in ["sw-beta", "sw-gamma"] {
            let denials = entries.filter { $0.actor == user && $0.action == "read" && $0.decision == "deny" }
            #expect(denials.count == CaseCategory.allCases.count, "\(user)'s denials were not all recorded")
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
