import Foundation
import Testing
@testable import RegistroKit

/// Who may run reports, and who may lower the threshold.
@Suite struct ReportAuthorizationTests {
    static let request = DeliveryReportRequest(dimensions: [.org, .citizenship])

    static func kind(_ body: () throws -> Any) -> RegistroError.Kind? {
        do {
            _ = try body()
            return nil
        } catch let error as RegistroError {
            return error.kind
        } catch {
            return .internal
        }
    }

    @Test func aSocialWorkerMayNotRunReports() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        #expect(Self.kind { try registry.session(as: "sw").reports.deliveriesReport(Self.request) } == .denied)
        #expect(Self.kind { try registry.session(as: "sw").reports.overlapReport() } == .denied)
        #expect(
            Self.kind { try registry.session(as: "sw").reports.monitoringSheet(organisation: "casa-asti") } == .denied)
    }

    @Test func aCoordinatorGetsTheDefaultThresholdButMayNotLowerIt() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        #expect(Self.kind { try registry.session(as: "coord").reports.deliveriesReport(Self.request) } == nil)
        var lowered = Self.request
        lowered.minCell = 1
        #expect(Self.kind { try registry.session(as: "coord").reports.deliveriesReport(lowered) } == .denied)
        lowered.minCell = 10
        #expect(
            Self.kind { try registry.session(as: "coord").reports.deliveriesReport(lowered) } == nil,
            "raising it is fine")
        #expect(Self.kind { try registry.session(as: "coord").reports.overlapReport(minCell: 2) } == .denied)
    }

    @Test func anAdminOrAPrivacyOfficerMayLowerTheThresholdAndAskExactFigures() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        var lowered = Self.request
        lowered.minCell = 1
        let exact = DeliveryReportRequest(dimensions: [.org, .month], exact: true)
        for actor in ["admin", "dpo"] {
            let table = try registry.session(as: actor).reports.deliveriesReport(lowered)
            #expect(!table.exact && table.minCell == 1)
            let truth = try registry.session(as: actor).reports.deliveriesReport(exact)
            #expect(truth.exact && !truth.rows.contains { $0.suppressed })
            #expect(truth.cells.contains { $0.value! < 5 }, "the fixture has small cells, shown as they are")
        }
    }

    @Test func aThresholdBelowOneOrNoActorIsAUsageError() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        var zero = Self.request
        zero.minCell = 0
        #expect(Self.kind { try registry.session(as: "admin").reports.deliveriesReport(zero) } == .usage)
        #expect(Self.kind { try registry.session(as: "").reports.deliveriesReport(Self.request) } == .usage)
        #expect(Self.kind { try registry.session(as: "nobody").reports.deliveriesReport(Self.request) } == .notFound)
        #expect(Self.kind { try registry.session(as: "admin").reports.overlapReport(axis: "colour") } == .invalidData)
        #expect(
            Self.kind { try registry.session(as: "admin").reports.monitoringSheet(organisation: "nowhere") }
                == .notFound)
    }

    @Test("a monitoring sheet answered as not found is recorded as a denied report, never as an allowed one")
    func aMonitoringSheetAnsweredNotFoundIsRecordedAsDenied() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        try registry.organisations().addOrganisation(
            Organisation(id: "fuori", name: "Fuori", kind: .ets, territory: "asti"))
        try registry.organisations().addUser(
            Operator(id: "fuori-coord", name: "Fuori", org: "fuori", role: .coordinator))
        func entries(after seq: Int64) throws -> [AuditEntry] {
            try registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }
                .filter { $0.seq > seq }
        }
        for (user, organisation) in [("fuori-coord", "casa-asti"), ("admin", "nowhere")] {
            let before = try registry.database.read { db in try AuditLog.head(db).seq }
            #expect(
                Self.kind { try registry.session(as: user).reports.monitoringSheet(organisation: organisation) }
                    == .notFound)
            let recorded = try entries(after: before)
            #expect(recorded.map(\.action) == ["report"], "one entry for the one request by \(user)")
            #expect(recorded.first?.decision == "deny", "what was answered: nothing")
            #expect(recorded.first?.detail == "scheda; measure all; period all dates; min cell 5; perturbed; not found")
        }
        let before = try registry.database.read { db in try AuditLog.head(db).seq }
        _ = try registry.session(as: "coord").reports.monitoringSheet(organisation: "casa-asti")
        #expect(try entries(after: before).map { "\($0.action) \($0.decision)" } == ["report allow"])
    }
}
