/// A statistical table after disclosure control: what a report publishes.
///
/// Rows are the cells of the table, then its totals. A total has `ReportTable.totalValue`
/// (`_total`) as the value of each dimension it adds up over. Suppressed rows have no value.
/// Unless the table is exact, every figure is perturbed on its own, so totals need not equal
/// the sum of their cells.
public struct ReportTable: Sendable, Equatable {
    /// The value a total row has in the dimensions it adds up over.
    public static let totalValue = "_total"

    /// Which report made the table: `deliveries`, `overlaps`, or a section of a `scheda`.
    public var report: String
    /// A title in words, for terminals and HTML.
    public var title: String
    /// What each cell counts.
    public var measure: ReportMeasure
    /// The dimensions, in order.
    public var dimensions: [ReportDimension]
    /// The deliveries covered.
    public var period: ReportPeriod
    /// The fewest people a published cell stands for.
    public var minCell: Int
    /// The cells, then the totals.
    public var rows: [ReportRow]
    /// Whether the figures are the true ones (`--exact`); otherwise each is perturbed by the
    /// cell key method, and totals need not add up.
    public var exact: Bool

    /// Creates a table; see the properties.
    public init(
        report: String, title: String, measure: ReportMeasure, dimensions: [ReportDimension], period: ReportPeriod,
        minCell: Int, rows: [ReportRow], exact: Bool = false
    ) {
        self.exact = exact
        self.report = report
        self.title = title
        self.measure = measure
        self.dimensions = dimensions
        self.period = period
        self.minCell = minCell
        self.rows = rows
    }

    /// The rows that are cells, not totals.
    public var cells: [ReportRow] { rows.filter { !$0.isTotal } }

    /// The rows that are totals.
    public var totals: [ReportRow] { rows.filter(\.isTotal) }

    /// The row whose dimension values are `values`, if the table has it.
    public func row(_ values: [String]) -> ReportRow? {
        rows.first { $0.values == values }
    }
}

/// One published cell or total of a `ReportTable`.
public struct ReportRow: Sendable, Equatable {
    /// The value of each dimension, `_total` where the row adds up over a dimension.
    public var values: [String]
    /// The measure, or `nil` when the cell is suppressed.
    public var value: Double?
    /// Whether the value is hidden by disclosure control: fewer than the threshold of people
    /// stand behind it after perturbation.
    public var suppressed: Bool

    /// Creates a row; see the properties.
    public init(values: [String], value: Double?, suppressed: Bool) {
        self.values = values
        self.value = value
        self.suppressed = suppressed
    }

    /// Whether the row is a total over at least one dimension.
    public var isTotal: Bool { values.contains(ReportTable.totalValue) || values.isEmpty }
}
