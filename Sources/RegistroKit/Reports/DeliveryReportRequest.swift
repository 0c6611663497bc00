/// What `report deliveries` is asked for: dimensions, measure, period and threshold.
public struct DeliveryReportRequest: Sendable, Equatable {
    /// The threshold used when none is given: cells of fewer than five people are hidden.
    public static let defaultMinCell = 5

    /// The dimensions, in order (one to `ReportDimension.maximumCount`).
    public var dimensions: [ReportDimension]
    /// What each cell counts.
    public var measure: ReportMeasure
    /// The deliveries covered.
    public var period: ReportPeriod
    /// The fewest people a published cell may stand for.
    public var minCell: Int

    /// A request; see the properties.
    public init(
        dimensions: [ReportDimension], measure: ReportMeasure = .beneficiaries, period: ReportPeriod = .all,
        minCell: Int = DeliveryReportRequest.defaultMinCell
    ) {
        self.dimensions = dimensions
        self.measure = measure
        self.period = period
        self.minCell = minCell
    }
}
