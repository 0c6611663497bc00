/// A cell or total as disclosure control sees it: how many people stand behind it, its
/// value, and whether it is a total.
struct SuppressionEntry: Sendable, Equatable {
    /// Distinct people behind the entry: what the threshold applies to.
    var people: Int
    /// The entry's value, the second criterion when choosing complementary cells.
    var value: Double
    /// Whether the entry is a total; totals are hidden as complements only when no cell will do.
    var isTotal = false

    /// Whether `self` (at position `index`) is a cheaper complement than `other` (at
    /// `otherIndex`): a cell before a total, then fewer people, then a smaller value, then the
    /// earlier position, which makes the choice, and so the pattern, deterministic.
    func isCheaper(than other: SuppressionEntry, index: Int, otherIndex: Int) -> Bool {
        (isTotal ? 1 : 0, people, value, index) < (other.isTotal ? 1 : 0, other.people, other.value, otherIndex)
    }
}
