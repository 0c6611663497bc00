/// What is known of one cell (or total) before disclosure control: the people behind it and
/// the sums every measure is computed from.
struct CellTotals: Sendable, Equatable {
    /// Distinct people behind the cell (for `impact`: people with a rated delivery).
    var people = 0
    /// Deliveries.
    var deliveries = 0
    /// Hours delivered.
    var hours = 0.0
    /// Sum of the impact ratings.
    var impactSum = 0
    /// Rated deliveries.
    var impactCount = 0
    /// The cell key: the record keys of the distinct people behind the cell, added up.
    var cellKey = CellKey()
    /// For hours and impact: the largest contribution of one person (their hours, or the sum
    /// of their ratings) to the cell.
    var largestContribution = 0.0

    /// Adds the sums of `other`, and one person with record key `recordKey` when `newPerson`
    /// (people are counted distinct by the caller).
    mutating func addSums(_ other: CellTotals, newPerson: Bool, recordKey: UInt32) {
        if newPerson {
            people += 1
            cellKey.add(recordKey)
        }
        deliveries += other.deliveries
        hours += other.hours
        impactSum += other.impactSum
        impactCount += other.impactCount
    }

    /// What one row adds to its person's contribution to a magnitude: its hours, or the sum of
    /// its ratings.
    var contribution: Double {
        hours + Double(impactSum)
    }

    /// The cell's value for `measure`: counts as they are, hours to the hundredth, the mean
    /// impact to the tenth; `nil` for a mean over nothing.
    func value(of measure: ReportMeasure) -> Double? {
        switch measure {
        case .beneficiaries: Double(people)
        case .deliveries: Double(deliveries)
        case .hours: (hours * 100).rounded() / 100
        case .impact: impactCount == 0 ? nil : (Double(impactSum) / Double(impactCount) * 10).rounded() / 10
        }
    }
}
