import Foundation
import Testing
@testable import RegistroKit

/// What each dimension and measure means, checked against the rows of the imported files.
@Suite struct ReportDimensionTests {

    @Test func aPersonWithSeveralVulnerabilitiesCountsOnceUnderEachAndOnceInTheTotal() throws {
        let network = try SpreadsheetNetwork(people: 150, seed: 5)
        defer { network.remove() }
        var expected: [String: Set<String>] = [:]
        for row in network.rows {
            for code in row.vulnerabilities { expected[code, default: []].insert(row.personKey) }
        }
        let table = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.vulnerability], measure: .beneficiaries))
        #expect(
            ReportCountsTests.cells(table) == expected.mapValues(\.count).reduce(into: [:]) { $0[[$1.key]] = $1.value })
        #expect(table.rows.last?.value == Double(Set(network.rows.map(\.personKey)).count))
        let deliveries = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.vulnerability, .org], measure: .deliveries))
        #expect(deliveries.rows.last?.value == Double(network.rows.count), "a delivery counts once in the grand total")
        for member in SpreadsheetNetwork.members {
            let count = network.rows.filter { $0.org == member.id }.count
            #expect(deliveries.row([ReportTable.totalValue, member.id])?.value == Double(count))
        }
    }

    @Test func theAgeBandIsTheDeliveryYearMinusTheBirthYear() throws {
        let network = try SpreadsheetNetwork(people: 150, seed: 5)
        defer { network.remove() }
        func band(_ age: Int) -> String {
            switch age {
            case ..<18: "0-17"
            case ..<30: "18-29"
            case ..<50: "30-49"
            case ..<65: "50-64"
            default: "65+"
            }
        }
        var expected: [[String]: Int] = [:]
        for row in network.rows {
            let age = Int(row.date.prefix(4))! - Int(row.birthDate.prefix(4))!
            expected[[band(age)], default: 0] += 1
        }
        let table = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.ageBand], measure: .deliveries))
        #expect(ReportCountsTests.cells(table) == expected)
        let order = table.cells.map { $0.values[0] }
        #expect(order == ReportDimension.ageBands.filter(order.contains), "bands are listed in age order")
    }

    @Test func hoursAddUpAndImpactIsTheMeanOfTheRatings() throws {
        let network = try SpreadsheetNetwork(people: 150, seed: 5)
        defer { network.remove() }
        let hours = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.org], measure: .hours))
        let impact = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.org], measure: .impact))
        for member in SpreadsheetNetwork.members {
            let rows = network.rows.filter { $0.org == member.id }
            let sum = rows.reduce(0.0) { $0 + Double($1.hours)! }
            let mean = Double(rows.reduce(0) { $0 + $1.impact }) / Double(rows.count)
            #expect(hours.row([member.id])?.value == (sum * 100).rounded() / 100)
            #expect(impact.row([member.id])?.value == (mean * 10).rounded() / 10)
        }
    }

    @Test func thePeriodKeepsOnlyTheDeliveriesDatedWithinIt() throws {
        let network = try SpreadsheetNetwork(people: 150, seed: 5)
        defer { network.remove() }
        let period = try ReportPeriod.parse(from: "01/01/2020", to: "2020-06-30")
        let table = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.month], measure: .deliveries, period: period))
        let expected = network.rows.filter { $0.date >= "2020-01-01" && $0.date <= "2020-06-30" }
        #expect(table.rows.last?.value == Double(expected.count))
        #expect(table.cells.allSatisfy { $0.values[0] >= "2020-01" && $0.values[0] <= "2020-06" })
    }

    @Test func aDimensionListIsReadStrictly() throws {
        #expect(try ReportDimension.list("org, axis") == [.org, .axis])
        for bad in ["", "org,org", "org,colour", "org,axis,sex,year,month"] {
            #expect(throws: RegistroError.self) { try ReportDimension.list(bad) }
        }
        #expect(throws: RegistroError.self) { try ReportPeriod.parse(from: "2020-02-01", to: "2020-01-01") }
        #expect(throws: RegistroError.self) { try ReportMeasure.parse("people") }
    }
}
