/// What a report counts in each cell.
///
/// Whatever the measure, a cell is published only when enough *people* stand behind it
/// (`--min-cell`): the number of people is what identifies, not the number of deliveries or
/// hours.
public enum ReportMeasure: String, CaseIterable, Sendable {
    /// Deliveries recorded.
    case deliveries
    /// Distinct people served, across every organisation: one person served by two
    /// organisations counts once.
    case beneficiaries
    /// Hours delivered (deliveries without hours add nothing).
    case hours
    /// The mean impact rating (1–10) of the rated deliveries; unrated deliveries are left out,
    /// and the people behind a cell are the people with a rated delivery in it.
    case impact

    /// The measure named `text`.
    ///
    /// - Throws: `RegistroError` (usage) about `field`, naming the measures.
    public static func parse(_ text: String, field: RegistroField = .measure) throws -> ReportMeasure {
        guard let measure = ReportMeasure(rawValue: text) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw RegistroError.usage(
                field, "`\(text)` is not a measure; use one of \(names)", key: .reportUnknownMeasure(text, names: names)
            )
        }
        return measure
    }

    /// Whether the cells of a line add up to the line's total (distinct people and means do
    /// not: a person can stand in several cells, and means average).
    public var isAdditive: Bool {
        self == .deliveries || self == .hours
    }

    /// A short English phrase for titles: "people", "deliveries", "hours", "mean impact".
    public var phrase: String {
        switch self {
        case .deliveries: "deliveries"
        case .beneficiaries: "people served"
        case .hours: "hours delivered"
        case .impact: "mean impact (1–10)"
        }
    }
}
