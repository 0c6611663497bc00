/// What a report asks, as its authorisation decides it and its audit entry records it:
/// dimensions, measure, period, threshold, and whether the figures are exact.
///
/// It holds only literals, codes of closed lists, dates and numbers, never text a user typed,
/// so its detail can go into the audit log.
struct ReportAudit: Sendable {
    /// The report: `deliveries`, `overlaps` or `scheda`.
    var kind: StaticString
    /// The dimensions, in order (none for a monitoring sheet, whose sections are fixed).
    var dimensions: [ReportDimension] = []
    /// The measure, or `nil` for a monitoring sheet, which shows every measure.
    var measure: ReportMeasure?
    /// The deliveries covered.
    var period: ReportPeriod
    /// The threshold asked.
    var minCell: Int
    /// Whether the figures are exact (unperturbed, unsuppressed).
    var exact = false
    /// Whether the report was answered as if what it names did not exist (a monitoring sheet of
    /// an organisation outside the user's networks), so that nothing was reported.
    var answeredNotFound = false

    /// The audit entry's detail, e.g. `deliveries by org,citizenship; measure beneficiaries;
    /// period 2020-01-01 to 2020-06-30; min cell 5; perturbed`, with `; not found` when the
    /// report was answered so.
    var detail: String {
        let by = dimensions.isEmpty ? "" : " by " + dimensions.map(\.rawValue).joined(separator: ",")
        var parts = [kind.description + by]
        parts.append("measure " + (measure?.rawValue ?? "all"))
        parts.append("period " + period.text)
        parts.append("min cell \(exact ? 1 : minCell)")
        parts.append(exact ? "exact" : "perturbed")
        if answeredNotFound { parts.append("not found") }
        return parts.joined(separator: "; ")
    }
}

extension AuditDetail {
    /// The detail of a report's entry: made of `ReportAudit`'s codes, dates and numbers only.
    init(_ report: ReportAudit) {
        text = report.detail
    }
}
