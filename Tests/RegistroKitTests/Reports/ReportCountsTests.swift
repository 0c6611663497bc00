import Foundation
import Testing
@testable import RegistroKit

/// Counts of `report deliveries` checked against counts computed independently from the
/// spreadsheet files the registry was filled from.
@Suite struct ReportCountsTests {
    /// Distinct people (by the registry's own rule: codice fiscale, else organisation and
    /// file number) and deliveries of `rows`, grouped by `key`.
    static func expected(
        _ rows: [(org: String, personKey: String, service: String, date: String)],
        by key: ((org: String, personKey: String, service: String, date: String)) -> [String]
    ) -> (people: [[String]: Int], deliveries: [[String]: Int]) {
        var people: [[String]: Set<String>] = [:]
        var deliveries: [[String]: Int] = [:]
        for row in rows {
            people[key(row), default: []].insert(row.personKey)
            deliveries[key(row), default: 0] += 1
        }
        return (people.mapValues(\.count), deliveries)
    }

    /// The report's cells as `[values: value]`, totals left out.
    static func cells(_ table: ReportTable) -> [[String]: Int] {
        Dictionary(uniqueKeysWithValues: table.cells.map { ($0.values, Int($0.value!)) })
    }

    @Test func everyCountByTerritoryOrganisationAndAxisEqualsTheCountFromTheInputFiles() throws {
        let network = try SpreadsheetNetwork(people: 300)
        defer { network.remove() }
        let rows = try network.rowsFromFiles()
        let territory = Dictionary(uniqueKeysWithValues: SpreadsheetNetwork.members.map { ($0.id, $0.territory) })
        let axis = network.axisOfService
        let groupings:
            [([ReportDimension], ((org: String, personKey: String, service: String, date: String)) -> [String])] = [
                ([.org], { [$0.org] }),
                ([.territory], { [territory[$0.org]!] }),
                ([.axis], { [axis[$0.service]!] }),
                ([.org, .axis], { [$0.org, axis[$0.service]!] }),
                ([.territory, .axis], { [territory[$0.org]!, axis[$0.service]!] }),
            ]
        // A fifth of the people are served by two organisations, so distinct people and
        // per-organisation people differ: the test would catch counting a person twice.
        let twice = Dictionary(grouping: rows, by: \.personKey).values.filter { Set($0.map(\.org)).count == 2 }.count
        #expect(twice >= 40)
        for (dimensions, key) in groupings {
            let expected = Self.expected(rows, by: key)
            let people = try network.registry.exactTable(
                DeliveryReportRequest(dimensions: dimensions, measure: .beneficiaries))
            let deliveries = try network.registry.exactTable(
                DeliveryReportRequest(dimensions: dimensions, measure: .deliveries))
            #expect(Self.cells(people) == expected.people, "people by \(dimensions)")
            #expect(Self.cells(deliveries) == expected.deliveries, "deliveries by \(dimensions)")
            let grand = people.rows.last!
            #expect(grand.values.allSatisfy { $0 == ReportTable.totalValue })
            #expect(grand.value == Double(Set(rows.map(\.personKey)).count), "everyone counts once in the grand total")
            #expect(deliveries.rows.last!.value == Double(rows.count))
        }
    }

    @Test func rowAndColumnTotalsCountDistinctPeopleFromTheInputFiles() throws {
        let network = try SpreadsheetNetwork(people: 200, seed: 11)
        defer { network.remove() }
        let rows = try network.rowsFromFiles()
        let territory = Dictionary(uniqueKeysWithValues: SpreadsheetNetwork.members.map { ($0.id, $0.territory) })
        let table = try network.registry.exactTable(
            DeliveryReportRequest(dimensions: [.territory, .axis], measure: .beneficiaries))
        let byTerritory = Self.expected(rows) { [territory[$0.org]!] }.people
        let byAxis = Self.expected(rows) { [network.axisOfService[$0.service]!] }.people
        for (key, count) in byTerritory {
            #expect(table.row([key[0], ReportTable.totalValue])?.value == Double(count))
        }
        for (key, count) in byAxis {
            #expect(table.row([ReportTable.totalValue, key[0]])?.value == Double(count))
        }
    }

    @Test func publishedFiguresLieWithinTheMaximumPerturbationOfTheTrueOnes() throws {
        let network = try SpreadsheetNetwork(people: 120, seed: 3)
        defer { network.remove() }
        let maximum = Double(PerturbationTable.standard.maximum)
        for measure in [ReportMeasure.beneficiaries, .deliveries] {
            let request = DeliveryReportRequest(dimensions: [.org, .citizenship, .sex], measure: measure)
            let published = try network.registry.session(as: "coord").reports.deliveriesReport(request)
            let exact = try network.registry.exactTable(request)
            #expect(published.rows.map(\.values) == exact.rows.map(\.values))
            #expect(published.rows.contains { $0.suppressed })
            #expect(
                published.rows.contains { !$0.suppressed && $0.value != exact.row($0.values)?.value },
                "figures are perturbed")
            for (shown, truth) in zip(published.rows, exact.rows) {
                if shown.suppressed {
                    #expect(shown.value == nil)
                } else {
                    #expect(abs(shown.value! - truth.value!) <= maximum, "\(shown.values)")
                }
            }
        }
    }
}

/// The overlap report against the input files.
@Suite struct OverlapCountsTests {
    @Test func overlapsByAxisAndTerritoryEqualTheCountsFromTheInputFiles() throws {
        let network = try SpreadsheetNetwork(people: 300, seed: 13)
        defer { network.remove() }
        let territory = Dictionary(uniqueKeysWithValues: SpreadsheetNetwork.members.map { ($0.id, $0.territory) })
        var organisations: [[String]: Set<String>] = [:]
        for row in try network.rowsFromFiles() {
            organisations[[network.axisOfService[row.service]!, row.personKey], default: []].insert(row.org)
        }
        var expected: [[String]: Int] = [:]
        for (key, orgs) in organisations where orgs.count >= 2 {
            let territories = Set(orgs.map { territory[$0]! })
            expected[
                [key[0], territories.count == 1 ? territories.first! : Registry.severalTerritories], default: 0] += 1
        }
        #expect(!expected.isEmpty)
        let table = try network.registry.exactOverlaps()
        #expect(ReportCountsTests.cells(table) == expected)
        #expect(table.rows.last?.value == Double(expected.values.reduce(0, +)), "a person counts once per axis")
        let lavoro = try network.registry.exactOverlaps(axis: "lavoro")
        #expect(ReportCountsTests.cells(lavoro) == expected.filter { $0.key[0] == "lavoro" })
    }
}
