/// Statistical reports, run by a session's user: counts only, after small-cell suppression.
public struct ReportService: Sendable {
    /// The session acting.
    let session: Session

    /// The deliveries report: the measure broken down by the requested dimensions, with its
    /// totals, after small-cell suppression (SPEC §7, `Docs/REPORTS.md`).
    ///
    /// - Parameters:
    ///   - request: Dimensions, measure, period and threshold.
    /// - Returns: The table as it may be published.
    /// - Throws: `RegistroError` for a bad request (usage) or a user who may not (denied).
    public func deliveriesReport(_ request: DeliveryReportRequest) throws -> ReportTable {
        guard !request.dimensions.isEmpty, request.dimensions.count <= ReportDimension.maximumCount else {
            throw RegistroError.usage(.dimensions, "needs one to \(ReportDimension.maximumCount) dimensions")
        }
        let keys = request.dimensions.contains(.vulnerability) ? try session.keys() : nil
        return try session.registry.runReport(session, kind: "deliveries", minCell: request.minCell) { db in
            try Registry.deliveriesTable(request, organisation: nil, keys: keys, db)
        }
    }
}

extension Registry {
    /// The aggregation and suppression behind every delivery table, without authorisation;
    /// `keys` opens the special-category vulnerabilities when the table is by vulnerability.
    static func deliveriesTable(
        _ request: DeliveryReportRequest, organisation: String?, keys: KeyMaterial?, _ db: RegistryDatabase.Connection
    ) throws -> ReportTable {
        var accumulator = TableAccumulator(dimensions: request.dimensions, measure: request.measure)
        try accumulator.loadFacts(db, keys: keys)
        try accumulator.add(
            ReportQuery(dimensions: request.dimensions, measure: request.measure, period: request.period, organisation: organisation), db)
        let title = request.measure.phrase.prefix(1).uppercased() + request.measure.phrase.dropFirst()
            + (request.dimensions.isEmpty ? "" : " by " + request.dimensions.map(\.rawValue).joined(separator: " and "))
        return ReportBuilder.publish(
            accumulator.table(), measure: request.measure, minCell: request.minCell, report: "deliveries",
            title: title, period: request.period)
    }
}
