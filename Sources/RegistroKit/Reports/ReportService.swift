/// Statistical reports, run by a session's user: counts only, each figure perturbed by the cell
/// key method and suppressed below the threshold, or exact for those the policies allow.
public struct ReportService: Sendable {
    /// The session acting.
    let session: Session

    /// The deliveries report: the measure broken down by the requested dimensions, with its
    /// totals, each perturbed by the cell key method and suppressed below the threshold, or
    /// exact (`Docs/REPORTS.md`).
    ///
    /// - Parameter request: Dimensions, measure, period and threshold.
    /// - Returns: The table as it may be published.
    /// - Throws: `RegistroError` for a bad request (usage) or a user who may not (denied).
    public func deliveriesReport(_ request: DeliveryReportRequest) throws -> ReportTable {
        guard !request.dimensions.isEmpty, request.dimensions.count <= ReportDimension.maximumCount else {
            throw RegistroError.usage(
                .dimensions, "needs one to \(ReportDimension.maximumCount) dimensions",
                key: .reportDimensionCount(maximum: ReportDimension.maximumCount))
        }
        let keys = request.dimensions.contains(.vulnerability) ? try session.keys() : nil
        let audit = ReportAudit(
            kind: "deliveries", dimensions: request.dimensions, measure: request.measure, period: request.period,
            minCell: request.minCell, exact: request.exact)
        return try session.registry.runReport(session, audit) { db, scope in
            try Registry.deliveriesTable(request, scope: scope, keys: keys, db)
        }
    }
}

extension Registry {
    /// The aggregation and disclosure control behind every delivery table, over the
    /// deliveries of `scope`, without authorisation; `keys` opens the special-category
    /// vulnerabilities when the table is by vulnerability.
    static func deliveriesTable(
        _ request: DeliveryReportRequest, scope: ReportScope, keys: KeyMaterial?, _ db: RegistryDatabase.Connection
    ) throws -> ReportTable {
        var accumulator = TableAccumulator(dimensions: request.dimensions, measure: request.measure)
        try accumulator.loadFacts(db, keys: keys)
        try accumulator.add(
            ReportQuery(
                dimensions: request.dimensions, measure: request.measure, period: request.period, scope: scope),
            db)
        let title =
            request.measure.phrase.prefix(1).uppercased() + request.measure.phrase.dropFirst()
            + (request.dimensions.isEmpty ? "" : " by " + request.dimensions.map(\.rawValue).joined(separator: " and "))
        return ReportBuilder.publish(
            accumulator.table(), measure: request.measure, minCell: request.minCell, exact: request.exact,
            report: "deliveries",
            title: title, period: request.period)
    }
}
