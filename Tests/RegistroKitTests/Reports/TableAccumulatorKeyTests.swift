import Foundation
import GRDB
import Testing
@testable import RegistroKit

/// What the accumulator's single pass gives the cell key method: cell keys from the record keys
/// of distinct people, and the largest contribution of one person to a magnitude.
@Suite struct TableAccumulatorKeyTests {
    static func accumulate(
        _ network: SpreadsheetNetwork, _ dimensions: [ReportDimension], _ measure: ReportMeasure
    ) throws -> AggregatedTable {
        try network.registry.database.read { db in
            var accumulator = TableAccumulator(dimensions: dimensions, measure: measure)
            try accumulator.loadFacts(db, keys: nil)
            try accumulator.add(ReportQuery(dimensions: dimensions, measure: measure, period: .all), db)
            return accumulator.table()
        }
    }

    @Test func aCellKeyIsTheSumOfTheRecordKeysOfItsDistinctPeople() throws {
        let network = try SpreadsheetNetwork(people: 120, seed: 6)
        defer { network.remove() }
        let rows = try network.registry.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT d.org_id, b.id, b.record_key FROM delivery d JOIN beneficiary b ON b.id = d.beneficiary_id
                    """)
        }
        var expected: [String: UInt32] = [:]
        var everyone: [String: UInt32] = [:]
        for row in rows {
            let key = UInt32(row["record_key"] as Int64)
            expected[row["org_id"], default: 0] &+= key
            everyone[row["id"]] = key
        }
        for measure in [ReportMeasure.beneficiaries, .deliveries] {
            let table = try Self.accumulate(network, [.org], measure)
            for (index, org) in table.values[0].enumerated() {
                #expect(table.cell([UInt16(index)])?.cellKey.sum == expected[org], "\(org)")
            }
            let total = everyone.values.reduce(UInt32(0), &+)
            #expect(
                table.cell([AggregatedTable.totalIndex])?.cellKey.sum == total,
                "a person served by two organisations adds their key to the total once")
        }
    }

    @Test func theLargestContributionIsTheMostHoursOfOnePersonInTheCell() throws {
        let network = try SpreadsheetNetwork(people: 120, seed: 6)
        defer { network.remove() }
        var hours: [String: [String: Double]] = [:]
        for row in network.rows {
            hours[row.org, default: [:]][row.personKey, default: 0] += Double(row.hours)!
        }
        var overall: [String: Double] = [:]
        for row in network.rows { overall[row.personKey, default: 0] += Double(row.hours)! }
        let table = try Self.accumulate(network, [.org], .hours)
        for (index, org) in table.values[0].enumerated() {
            let largest = try #require(table.cell([UInt16(index)])?.largestContribution)
            #expect(abs(largest - hours[org]!.values.max()!) < 1e-9, "\(org)")
        }
        #expect(abs(table.cell([AggregatedTable.totalIndex])!.largestContribution - overall.values.max()!) < 1e-9)
    }
}
