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
        #expect(Self.kind { try registry.deliveriesReport(Self.request, actor: "sw") } == .denied)
        #expect(Self.kind { try registry.overlapReport(actor: "sw") } == .denied)
        #expect(Self.kind { try registry.monitoringSheet(organisation: "casa-asti", actor: "sw") } == .denied)
    }

    @Test func aCoordinatorGetsTheDefaultThresholdButMayNotLowerIt() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        #expect(Self.kind { try registry.deliveriesReport(Self.request, actor: "coord") } == nil)
        var lowered = Self.request
        lowered.minCell = 1
        #expect(Self.kind { try registry.deliveriesReport(lowered, actor: "coord") } == .denied)
        lowered.minCell = 10
        #expect(Self.kind { try registry.deliveriesReport(lowered, actor: "coord") } == nil, "raising it is fine")
        #expect(Self.kind { try registry.overlapReport(minCell: 2, actor: "coord") } == .denied)
    }

    @Test func anAdminOrAPrivacyOfficerMayLowerTheThresholdAndAskExactFigures() throws {
        let network = try SpreadsheetNetwork(people: 60, seed: 9)
        defer { network.remove() }
        let registry = network.registry
        var lowered = Self.request
        lowered.minCell = 1
        var exact = DeliveryReportRequest(dimensions: [.org, .month], exact: true)
        for actor in ["admin", "dpo"] {
            let table = try registry.deliveriesReport(lowered, actor: actor)
            #expect(!table.exact && table.minCell == 1)
            let truth = try registry.deliveriesReport(exact, actor: actor)
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
        #expect(Self.kind { try registry.deliveriesReport(zero, actor: "admin") } == .usage)
        #expect(Self.kind { try registry.deliveriesReport(Self.request, actor: nil) } == .usage)
        #expect(Self.kind { try registry.deliveriesReport(Self.request, actor: "nobody") } == .invalidData)
        #expect(Self.kind { try registry.overlapReport(axis: "colour", actor: "admin") } == .invalidData)
        #expect(Self.kind { try registry.monitoringSheet(organisation: "nowhere", actor: "admin") } == .invalidData)
    }
}
