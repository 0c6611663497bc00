import GRDB

extension Registry {
    /// The deliveries report: the measure broken down by the requested dimensions, with its
    /// totals, after small-cell suppression (SPEC §7, `Docs/REPORTS.md`).
    ///
    /// - Parameters:
    ///   - request: Dimensions, measure, period and threshold.
    ///   - actor: The operator asking (`--as`); see `authorizeReport(actor:kind:minCell:)`.
    /// - Returns: The table as it may be published.
    /// - Throws: `RegistroError` for a bad request (usage), an unknown actor (invalid data) or
    ///   an actor who may not (denied).
    public func deliveriesReport(_ request: DeliveryReportRequest, actor: String?) throws -> ReportTable {
        guard !request.dimensions.isEmpty, request.dimensions.count <= ReportDimension.maximumCount else {
            throw RegistroError.usage("--by needs one to \(ReportDimension.maximumCount) dimensions")
        }
        let keys = request.dimensions.contains(.vulnerability) ? try keys() : nil
        return try runReport(actor: actor, kind: "deliveries", minCell: request.minCell) { db in
            try Self.deliveriesTable(request, organisation: nil, keys: keys, db)
        }
    }

    /// The aggregation and suppression behind every delivery table, without authorisation;
    /// `keys` opens the special-category vulnerabilities when the table is by vulnerability.
    static func deliveriesTable(
        _ request: DeliveryReportRequest, organisation: String?, keys: KeyMaterial?, _ db: Database
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
