import Foundation
@testable import RegistroKit
import Testing

/// The privacy officer's overview and the subject report over the entries the sharing work
/// records: reads under consent, emergency accesses, revocations.
@Suite struct AuditOverviewTests {
    /// A fixture with a person owned by `alfa`, and reads by a partner `beta`.
    private func sharedCase() throws -> (AuditFixture, String) {
        let fixture = try AuditFixture()
        let id = try fixture.registry.session(as: "sw").records.addBeneficiary(AuditFixture.person())
        let purpose = "presa_in_carico_condivisa"
        let events = [
            AuditEvent(
                actor: "p-sw", org: "beta", action: .read, resource: .beneficiary(id), subject: id,
                category: .identity, purpose: purpose, decision: .allow, policies: ["policy2"], consents: ["12"]),
            AuditEvent(
                actor: "p-sw", org: "beta", action: .read, resource: .beneficiary(id), subject: id,
                category: .sensitive, purpose: purpose, decision: .deny, policies: ["policy5"]),
            AuditEvent(
                actor: "p-sw", org: "beta", action: .read, resource: .beneficiary(id), subject: id,
                category: .sensitive, purpose: purpose, decision: .allow, policies: ["policy7"],
                emergency: true, emergencyReference: "3"),
            AuditEvent(
                actor: "sw", org: "alfa", action: .revokeConsent, resource: .consent("12"), subject: id,
                decision: .allow),
            AuditEvent(
                actor: "p-sw", org: "beta", action: .read, resource: .beneficiary(id), subject: id,
                category: .identity, purpose: purpose, decision: .deny, policies: []),
        ]
        try fixture.registry.database.write { db in
            for event in events { try AuditLog.append(event, in: db) }
        }
        return (fixture, id)
    }

    @Test func theOverviewListsEmergencySensitiveAndWithdrawnConsentReads() throws {
        let (fixture, id) = try sharedCase()
        let (overview, verification) = try fixture.registry.session(as: "dpo").audit.auditOverview()
        #expect(verification.isValid)
        #expect(overview.emergencyAccesses.map(\.emergencyReference) == ["3"])
        #expect(overview.sensitiveReads.map(\.emergency) == [true])
        #expect(overview.readsUnderWithdrawnConsent.map(\.consent) == ["12"])
        #expect(overview.readsUnderWithdrawnConsent.first?.read.category == "identity")
        #expect(overview.readsUnderWithdrawnConsent.first?.read.subject == id)
        #expect(overview.denialsByUser.map { "\($0.org ?? "") \($0.actor ?? "") \($0.count)" } == ["beta p-sw 2"])
        #expect(overview.denials == 2)
    }

    @Test func aUserAskingSeveralReportsAppearsWithEachReportAndOneAskingOneDoesNot() throws {
        let fixture = try AuditFixture()
        let admin = try fixture.registry.session(as: "admin").organisations
        try admin.addUser(Operator(id: "coord", name: "Coordinamento", org: "alfa", role: .coordinator))
        try admin.addUser(Operator(id: "coord2", name: "Altro coordinamento", org: "alfa", role: .coordinator))
        let coordinator = try fixture.registry.session(as: "coord").reports
        let months = [("2020-01-01", "2020-01-31"), ("2020-01-01", "2020-02-29")]
        for (from, to) in months {
            _ = try coordinator.deliveriesReport(
                DeliveryReportRequest(
                    dimensions: [.org, .citizenship], measure: .hours,
                    period: try ReportPeriod.parse(from: from, to: to),
                    minCell: 7))
        }
        _ = try coordinator.deliveriesReport(DeliveryReportRequest(dimensions: [.sex, .ageBand]))
        _ = try fixture.registry.session(as: "coord2").reports
            .deliveriesReport(DeliveryReportRequest(dimensions: [.org]))

        let (overview, _) = try fixture.registry.session(as: "dpo").audit.auditOverview()
        #expect(overview.reportSeries.map(\.actor) == ["coord"], "a single report is no series")
        let series = try #require(overview.reportSeries.first)
        #expect(series.org == "alfa" && series.count == 3)
        #expect(
            series.details == [
                "deliveries by org,citizenship; measure hours; period 2020-01-01 to 2020-01-31; min cell 7; perturbed",
                "deliveries by org,citizenship; measure hours; period 2020-01-01 to 2020-02-29; min cell 7; perturbed",
                "deliveries by sex,age_band; measure beneficiaries; period all dates; min cell 5; perturbed",
            ])
        let reports = try fixture.entries().filter { $0.action == "report" && $0.actor == "coord" }
        #expect(series.lastTime == reports.last?.time)
    }

    @Test func theSubjectReportGivesTheBasisOfEachAccessAndTheRecipients() throws {
        let (fixture, id) = try sharedCase()
        let report = try fixture.registry.session(as: "dpo").audit.subjectReport(beneficiary: id)
        #expect(report.accesses.map { report.basis(of: $0) } == ["consent 12", "", "emergency 3", ""])
        #expect(report.accesses.map(\.decision) == ["allow", "deny", "allow", "deny"])
        #expect(report.changes.map(\.action) == ["record", "revoke_consent"])
        #expect(report.recipients == ["beta"])
        let last = try #require(try fixture.entries().last)
        #expect(last.action == "audit" && last.subject == id && last.detail == "subject report")
    }

    @Test func aSubjectReportOnAnUnknownPersonSaysSo() throws {
        let fixture = try AuditFixture()
        #expect(
            throws: RegistroError.notFound("no beneficiary `BNOBODY` in this registry; check the pseudonymous id")
        ) {
            try fixture.registry.session(as: "dpo").audit.subjectReport(beneficiary: "BNOBODY")
        }
    }
}
