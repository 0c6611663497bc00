import Foundation
import Testing
@testable import RegistroKit

/// The perturbation table and the perturbation of single figures: bounded, unbiased, zero kept
/// zero, never negative, and never suppressing what 20 or more people stand behind.
@Suite struct PerturbationTableTests {
    static let table = PerturbationTable.standard

    @Test(arguments: Array(1...40))
    func everyRowIsADistributionWithinTheMaximumWithMeanZeroAndTheDocumentedVariance(value: Int) {
        let row = Self.table.distribution(of: value)
        #expect(abs(row.reduce(0) { $0 + $1.probability } - 1) < 1e-12)
        #expect(row.allSatisfy { $0.probability > 0 })
        #expect(row.allSatisfy { abs($0.perturbation) <= Self.table.maximum })
        #expect(row.allSatisfy { value + $0.perturbation >= 0 }, "a count never becomes negative")
        let mean = row.reduce(0) { $0 + Double($1.perturbation) * $1.probability }
        let variance = row.reduce(0) { $0 + Double($1.perturbation * $1.perturbation) * $1.probability }
        #expect(abs(mean) < 1e-9)
        #expect(abs(variance - Self.table.variance) < 1e-9)
    }

    @Test func zeroStaysZero() {
        for step in 0..<1000 {
            #expect(Self.table.perturbation(of: 0, key: Double(step) / 1000) == 0)
        }
    }

    @Test(arguments: [1, 2, 3, 7, 250])
    func readAtEvenlySpreadCellKeysThePerturbationAveragesToZero(value: Int) {
        let steps = 200_000
        var sum = 0
        var largest = 0
        for step in 0..<steps {
            let perturbation = Self.table.perturbation(of: value, key: (Double(step) + 0.5) / Double(steps))
            sum += perturbation
            largest = max(largest, abs(perturbation))
        }
        #expect(abs(Double(sum) / Double(steps)) < 1e-3)
        #expect(largest == Self.table.maximum, "the extremes are reached, rarely")
    }

    @Test func aTableWithOtherParametersKeepsItsVarianceAndBound() {
        let table = PerturbationTable(maximum: 5, variance: 2.5)
        for value in 1...8 {
            let row = table.distribution(of: value)
            let variance = row.reduce(0) { $0 + Double($1.perturbation * $1.perturbation) * $1.probability }
            #expect(abs(variance - 2.5) < 1e-9)
            #expect(row.map(\.perturbation) == Array(-min(value, 5)...5))
        }
    }

    /// Random cell totals with random cell keys, as the accumulator makes them.
    static func randomCells(_ count: Int, people: ClosedRange<Int>, seed: UInt64) -> [CellTotals] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            var totals = CellTotals()
            totals.people = Int.random(in: people, using: &random)
            totals.deliveries = totals.people * Int.random(in: 1...6, using: &random)
            totals.hours = Double(totals.deliveries) * Double(Int.random(in: 1...30, using: &random)) / 4
            totals.largestContribution = totals.hours / Double(max(totals.people, 1)) * 2
            totals.impactCount = totals.deliveries
            totals.impactSum = totals.deliveries * Int.random(in: 1...10, using: &random)
            totals.cellKey = CellKey(sum: UInt32.random(in: 0...UInt32.max, using: &random))
            return totals
        }
    }

    @Test func everyPublishedFigureStaysWithinItsBoundAndSuppressionFollowsThePerturbedPeople() {
        let perturbation = CellPerturbation(minCell: 5)
        for totals in Self.randomCells(5000, people: 1...60, seed: 4) {
            let people = perturbation.people(totals)
            #expect(abs(people - totals.people) <= Self.table.maximum)
            let figures = ReportMeasure.allCases.map { perturbation.published(totals, measure: $0) }
            #expect(
                figures.allSatisfy { ($0 == nil) == (people < 5) },
                "every measure of a cell is suppressed together")
            guard people >= 5 else { continue }
            #expect(abs(figures[0]!! - Double(totals.deliveries)) <= Double(Self.table.maximum))
            #expect(figures[1]!! == Double(people))
            let hoursBound = CellPerturbation.magnitudeScale * totals.largestContribution + 0.005
            #expect(abs(figures[2]!! - totals.hours) <= hoursBound)
            #expect((1...10).contains(figures[3]!!))
        }
    }

    @Test func theNoiseOfMagnitudesAveragesToZero() {
        var totals = CellTotals()
        (totals.people, totals.hours, totals.largestContribution) = (40, 1000, 60)
        let steps = 100_000
        var sum = 0.0
        for step in 0..<steps {
            totals.cellKey = CellKey(sum: UInt32(UInt64(step) * (1 << 32) / UInt64(steps)))
            sum += CellPerturbation(minCell: 1).published(totals, measure: .hours)!! - 1000
        }
        #expect(abs(sum / Double(steps)) < 0.05)
    }

    @Test func noFigureThatTwentyOrMorePeopleStandBehindIsEverSuppressed() {
        for minCell in 1...Registry.maximumMinCell {
            let perturbation = CellPerturbation(minCell: minCell)
            for totals in Self.randomCells(2000, people: 20...40, seed: UInt64(minCell)) {
                for measure in ReportMeasure.allCases {
                    #expect(perturbation.published(totals, measure: measure) != nil)
                }
            }
        }
    }

    @Test func theSamePeopleGiveTheSameCellKeyInAnyOrder() {
        var random = SeededRandom(seed: 8)
        let keys = (0..<50).map { _ in UInt32.random(in: 0...UInt32.max, using: &random) }
        var forward = CellKey()
        var backward = CellKey()
        for key in keys { forward.add(key) }
        for key in keys.reversed() { backward.add(key) }
        #expect(forward == backward)
        var withOneMore = forward
        withOneMore.add(keys[0])
        #expect(withOneMore != forward)
    }
}
