/// Disclosure control by the cell key method: what one cell or total publishes.
///
/// Counts of people and of deliveries get the perturbation `PerturbationTable` gives their
/// true value at the cell's key. Magnitudes (hours, the sum of impact ratings) get, as the
/// Australian Bureau of Statistics perturbs magnitudes, noise scaled to the largest
/// contribution of one person in the cell: `magnitudeScale × largest × e`, `e` uniform in
/// [-1, 1) read at the cell's key, so that no single contribution can be told from two figures
/// that differ by one person. A mean impact is the perturbed sum over the perturbed count of
/// rated deliveries.
///
/// Then, whatever the measure, a figure whose perturbed count of people is below the threshold
/// is suppressed. Everything is a function of the people behind the figure and of their
/// deliveries, so the same people give the same figure in whatever table it is asked.
struct CellPerturbation: Sendable {
    /// The fraction of the largest contribution a magnitude's noise reaches at most.
    static let magnitudeScale = 0.5

    /// The perturbation table of counts.
    var table = PerturbationTable.standard
    /// The threshold: the fewest people, after perturbation, a published figure stands for.
    var minCell: Int

    /// The perturbed count of people behind the cell: what the threshold applies to.
    func people(_ totals: CellTotals) -> Int {
        totals.people + table.perturbation(of: totals.people, key: totals.cellKey.fraction(.people))
    }

    /// The figure `totals` publishes for `measure`, or `nil` when it is suppressed (and
    /// `.some(nil)` for a mean over nothing).
    func published(_ totals: CellTotals, measure: ReportMeasure) -> Double?? {
        let people = people(totals)
        guard people >= minCell else { return nil }
        let key = totals.cellKey
        switch measure {
        case .beneficiaries:
            return Double(people)
        case .deliveries:
            return Double(totals.deliveries + table.perturbation(of: totals.deliveries, key: key.fraction(.deliveries)))
        case .hours:
            let hours = totals.hours + noise(largest: totals.largestContribution, key: key)
            return (max(0, hours) * 100).rounded() / 100
        case .impact:
            let count = totals.impactCount + table.perturbation(of: totals.impactCount, key: key.fraction(.deliveries))
            guard count > 0 else { return .some(nil) }
            let sum = Double(totals.impactSum) + noise(largest: totals.largestContribution, key: key)
            return (min(10, max(1, sum / Double(count))) * 10).rounded() / 10
        }
    }

    /// The noise of a magnitude whose largest contribution by one person is `largest`.
    private func noise(largest: Double, key: CellKey) -> Double {
        Self.magnitudeScale * largest * (2 * key.fraction(.magnitude) - 1)
    }
}
