/// Disclosure control of one line: cells and the total they add up to (a one-dimensional
/// table, the row or column totals of a two-dimensional one, or every cell of a table of three
/// or more dimensions under its grand total).
///
/// Guarantees, for a threshold `k`: no published cell stands for fewer than `k` people; a
/// line never hides exactly one entry (so no hidden value is the total minus the published
/// cells); and, while the total is published, the hidden cells together stand for at least
/// `k` people (so their sum, which the total gives away, is not itself a small cell).
enum LineSuppression {
    /// The cells to hide among `cells`, and whether to hide `total` too.
    ///
    /// - Parameters:
    ///   - cells: The line's cells, in report order (the order breaks ties).
    ///   - total: The line's total.
    ///   - minCell: The threshold `k` (at least 1).
    static func hidden(cells: [SuppressionEntry], total: SuppressionEntry, minCell: Int) -> (cells: Set<Int>, total: Bool) {
        if total.people < minCell {
            return (Set(cells.indices), true)
        }
        var hidden = Set(cells.indices.filter { cells[$0].people < minCell })
        while !hidden.isEmpty {
            let hiddenPeople = hidden.reduce(0) { $0 + cells[$1].people }
            guard hidden.count == 1 || hiddenPeople < minCell else { break }
            let candidates = cells.indices.filter { !hidden.contains($0) }
            guard let cheapest = candidates.min(by: { cells[$0].isCheaper(than: cells[$1], index: $0, otherIndex: $1) }) else {
                return (hidden, true)
            }
            hidden.insert(cheapest)
        }
        return (hidden, false)
    }
}
