import Foundation
import Testing
@testable import RegistroKit

/// Properties of disclosure control on random tables: whatever the data, no published figure
/// stands for fewer than `k` people, no line hides exactly one entry, hidden entries of a line
/// with a published total stand for at least `k` people, no hidden value of a two-dimensional
/// table can be solved for from the published ones, published figures are the true ones, and
/// the same table always gets the same pattern.
@Suite struct SuppressionPropertyTests {
    /// A random additive table (values are people, totals are sums) of `dimensions`
    /// dimensions, sparse, with many small cells.
    static func randomTable(dimensions: Int, _ random: inout SeededRandom) -> AggregatedTable {
        let sizes = (0..<dimensions).map { _ in Int.random(in: 1...(dimensions == 1 ? 12 : 6), using: &random) }
        let names: [ReportDimension] = Array([.org, .axis, .sex, .year].prefix(dimensions))
        var cells: [UInt64: CellTotals] = [:]
        func add(_ key: [UInt16], _ people: Int) {
            let packed = AggregatedTable.pack(key)
            cells[packed, default: CellTotals()].people += people
            cells[packed]!.deliveries += people
        }
        var combinations: [[UInt16]] = [[]]
        for size in sizes {
            combinations = combinations.flatMap { prefix in (0..<size).map { prefix + [UInt16($0)] } }
        }
        var used = Array(repeating: Set<UInt16>(), count: dimensions)
        for key in combinations where random.chance(0.75) {
            let people = random.chance(0.35) ? Int.random(in: 1...4, using: &random) : Int.random(in: 5...40, using: &random)
            add(key, people)
            for (position, index) in key.enumerated() { used[position].insert(index) }
            // The totals this shape publishes.
            let total = AggregatedTable.totalIndex
            if dimensions == 2 {
                add([key[0], total], people)
                add([total, key[1]], people)
            }
            add(Array(repeating: total, count: dimensions), people)
        }
        if cells.isEmpty { return randomTable(dimensions: dimensions, &random) }
        // Renumber each dimension's values densely, in order, as the accumulator does.
        let renumber = used.map { Dictionary(uniqueKeysWithValues: $0.sorted().enumerated().map { ($0.element, UInt16($0.offset)) }) }
        var dense: [UInt64: CellTotals] = [:]
        for (key, totals) in cells {
            let indexes = AggregatedTable.unpack(key, count: dimensions).enumerated().map { position, index in
                index == AggregatedTable.totalIndex ? index : renumber[position][index]!
            }
            dense[AggregatedTable.pack(indexes)] = totals
        }
        let values = used.map { $0.sorted().map { "v\($0)" } }
        return AggregatedTable(dimensions: names, values: values, cells: dense)
    }

    static func publish(_ table: AggregatedTable, minCell: Int) -> ReportTable {
        ReportBuilder.publish(table, measure: .deliveries, minCell: minCell, report: "test", title: "test", period: .all)
    }

    /// The lines of a published table: the entries of each row and column (two dimensions) or
    /// of the whole table (other shapes), with their total.
    static func lines(_ table: ReportTable) -> [(members: [ReportRow], total: ReportRow)] {
        let total = ReportTable.totalValue
        guard table.dimensions.count == 2 else {
            return [(table.rows.dropLast().map { $0 }, table.rows.last!)]
        }
        var lines: [(members: [ReportRow], total: ReportRow)] = []
        for position in 0..<2 {
            let other = 1 - position
            for value in Set(table.rows.map { $0.values[position] }) {
                let line = table.rows.filter { $0.values[position] == value }
                let lineTotal = line.first { $0.values[other] == total }!
                lines.append((line.filter { $0.values[other] != total }, lineTotal))
            }
        }
        return lines
    }

    @Test(arguments: [1, 2, 3])
    func noPublishedFigureStandsForFewerPeopleThanTheThreshold(dimensions: Int) {
        var random = SeededRandom(seed: UInt64(100 + dimensions))
        for _ in 0..<150 {
            let table = Self.randomTable(dimensions: dimensions, &random)
            let minCell = Int.random(in: 2...6, using: &random)
            let published = Self.publish(table, minCell: minCell)
            for row in published.rows where !row.suppressed {
                #expect(row.value! >= Double(minCell))
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func noLineHidesExactlyOneEntryAndHiddenEntriesTogetherReachTheThreshold(dimensions: Int) {
        var random = SeededRandom(seed: UInt64(200 + dimensions))
        for _ in 0..<150 {
            let table = Self.randomTable(dimensions: dimensions, &random)
            let minCell = Int.random(in: 2...6, using: &random)
            let published = Self.publish(table, minCell: minCell)
            let truth = Self.publish(table, minCell: 1)
            let trueValue = Dictionary(uniqueKeysWithValues: truth.rows.map { ($0.values, $0.value!) })
            for line in Self.lines(published) {
                let hidden = line.members.filter(\.suppressed)
                let hiddenCount = hidden.count + (line.total.suppressed ? 1 : 0)
                #expect(hiddenCount != 1, "a line hides exactly one entry")
                if !line.total.suppressed && !hidden.isEmpty {
                    // What the published total gives away: the hidden entries' sum.
                    let shown = line.members.filter { !$0.suppressed }.reduce(0) { $0 + $1.value! }
                    let recoverable = line.total.value! - shown
                    #expect(recoverable == hidden.reduce(0) { $0 + trueValue[$1.values]! }, "totals consistent with the published cells")
                    #expect(recoverable >= Double(minCell), "hidden entries together below the threshold")
                }
            }
        }
    }

    @Test func noHiddenValueOfATwoDimensionalTableCanBeSolvedForFromThePublishedOnes() {
        var random = SeededRandom(seed: 300)
        for _ in 0..<150 {
            let table = Self.randomTable(dimensions: 2, &random)
            let minCell = Int.random(in: 2...6, using: &random)
            let published = Self.publish(table, minCell: minCell)
            let hidden = published.rows.indices.filter { published.rows[$0].suppressed }
            guard !hidden.isEmpty else { continue }
            // One equation per line over the hidden entries: members minus total.
            var equations: [[Double]] = []
            for line in Self.lines(published) {
                var coefficients = [Double](repeating: 0, count: hidden.count)
                for member in line.members where member.suppressed {
                    coefficients[hidden.firstIndex { published.rows[$0].values == member.values }!] += 1
                }
                if line.total.suppressed {
                    coefficients[hidden.firstIndex { published.rows[$0].values == line.total.values }!] -= 1
                }
                if coefficients.contains(where: { $0 != 0 }) { equations.append(coefficients) }
            }
            let rank = LinearAlgebra.rank(equations)
            for variable in hidden.indices {
                var unit = [Double](repeating: 0, count: hidden.count)
                unit[variable] = 1
                #expect(LinearAlgebra.rank(equations + [unit]) > rank, "a hidden value is determined by the published ones")
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func theSameTableAlwaysGetsTheSamePattern(dimensions: Int) {
        var random = SeededRandom(seed: UInt64(400 + dimensions))
        for _ in 0..<60 {
            let table = Self.randomTable(dimensions: dimensions, &random)
            let minCell = Int.random(in: 2...6, using: &random)
            let first = Self.publish(table, minCell: minCell)
            // The same cells, inserted in another order.
            var shuffled: [UInt64: CellTotals] = [:]
            for key in table.cells.keys.shuffled(using: &random) { shuffled[key] = table.cells[key] }
            let second = Self.publish(AggregatedTable(dimensions: table.dimensions, values: table.values, cells: shuffled), minCell: minCell)
            #expect(first == second)
        }
    }

    @Test func thresholdOnePublishesEveryFigureAsItIs() {
        var random = SeededRandom(seed: 500)
        for dimensions in 0...3 {
            let table = dimensions == 0
                ? AggregatedTable(dimensions: [], values: [], cells: [0: CellTotals(people: 2, deliveries: 2)])
                : Self.randomTable(dimensions: dimensions, &random)
            let published = Self.publish(table, minCell: 1)
            #expect(!published.rows.contains { $0.suppressed })
        }
    }
}

/// Rank of small dense matrices, for checking that no hidden value is determined.
enum LinearAlgebra {
    /// The rank of `rows`, by Gaussian elimination with partial pivoting.
    static func rank(_ rows: [[Double]]) -> Int {
        var matrix = rows
        guard let width = matrix.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width where rank < matrix.count {
            guard let pivot = (rank..<matrix.count).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
                  abs(matrix[pivot][column]) > 1e-9 else { continue }
            matrix.swapAt(rank, pivot)
            for row in 0..<matrix.count where row != rank {
                let factor = matrix[row][column] / matrix[rank][column]
                if factor != 0 {
                    for index in column..<width { matrix[row][index] -= factor * matrix[rank][index] }
                }
            }
            rank += 1
        }
        return rank
    }
}
