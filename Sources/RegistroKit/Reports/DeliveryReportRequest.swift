/// What `report deliveries` is asked for: dimensions, measure, period, threshold, and whether
/// the figures are to be exact.
public struct DeliveryReportRequest: Sendable, Equatable {
    /// The threshold used when none is given: cells of fewer than five people are hidden.
    public static let defaultMinCell = 5

    /// The dimensions, in order (one to `ReportDimension.maximumCount`).
    public var dimensions: [ReportDimension]
    /// What each cell counts.
    public var measure: ReportMeasure
    /// The deliveries covered.
    public var period: ReportPeriod
    /// The fewest people, after perturbation, a published figure may stand for.
    public var minCell: Int
    /// Whether to publish the true figures, unperturbed and unsuppressed, of the actor's own
    /// organisation (`--exact`: privacy officers and admins).
    public var exact: Bool

    /// A request; see the properties.
    public init(
        dimensions: [ReportDimension], measure: ReportMeasure = .beneficiaries, period: ReportPeriod = .all,
        minCell: Int = DeliveryReportRequest.defaultMinCell, exact: Bool = false
    ) {
        self.exact = exact
        self.dimensions = dimensions
        self.measure = measure
        self.period = period
        self.minCell = minCell
    }
}
