/// The monitoring sheet ("scheda di monitoraggio") of one organisation, as the network's
/// members filled it in for the funder (seed document 003): how many people it served, their
/// ages, vulnerabilities, how they were referred, what came of it, and the mean impact
/// rating its operators gave. Every figure is suppressed like any report table.
public struct MonitoringSheet: Sendable, Equatable {
    /// The organisation's id.
    public var organisation: String
    /// Its name.
    public var name: String
    /// Its territory, if recorded.
    public var territory: String?
    /// The deliveries covered.
    public var period: ReportPeriod
    /// The fewest people a published figure stands for.
    public var minCell: Int
    /// Headline figures, each a table without dimensions: people served, deliveries, hours,
    /// mean impact.
    public var summary: [ReportTable]
    /// People served by sex, age band, vulnerability, referral channel and outcome: a person
    /// counts in each band, vulnerability, channel and outcome that applies to them, so these
    /// sections need not add up to the people served.
    public var sections: [ReportTable]

    /// Creates a sheet; see the properties.
    public init(
        organisation: String, name: String, territory: String?, period: ReportPeriod, minCell: Int,
        summary: [ReportTable], sections: [ReportTable]
    ) {
        self.organisation = organisation
        self.name = name
        self.territory = territory
        self.period = period
        self.minCell = minCell
        self.summary = summary
        self.sections = sections
    }

    /// The dimensions of the sheet's sections, in order.
    static let sectionDimensions: [ReportDimension] = [.sex, .ageBand, .vulnerability, .channel, .outcome]

    /// The measures of the headline figures, in order.
    static let summaryMeasures: [ReportMeasure] = [.beneficiaries, .deliveries, .hours, .impact]
}
