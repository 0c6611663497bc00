extension Registry {
    /// The territory value of a person whose overlapping services on one axis came from
    /// organisations of more than one territory.
    public static let severalTerritories = "several"
}

extension ReportService {
    /// The overlap report: by axis and territory, how many people received services of the
    /// same axis from two or more organisations of the user's networks in the period, each
    /// figure perturbed by the cell key method and suppressed below the threshold. Nobody is
    /// named: the report holds counts only.
    ///
    /// A person counts once per axis. Their territory is the territory of the organisations
    /// that served them on that axis, or `several` when those organisations lie in more than
    /// one territory, so each row adds up.
    ///
    /// - Parameters:
    ///   - axis: Only this axis, or every axis.
    ///   - period: The deliveries considered.
    ///   - minCell: The threshold (default 5).
    /// - Throws: `RegistroError` for an unknown axis (invalid data), a bad threshold (usage) or
    ///   a user who may not (denied).
    public func overlapReport(
        axis: String? = nil, period: ReportPeriod = .all, minCell: Int = DeliveryReportRequest.defaultMinCell
    ) throws -> ReportTable {
        let audit = ReportAudit(
            kind: "overlaps", dimensions: [.axis, .territory], measure: .beneficiaries, period: period,
            minCell: minCell)
        return try session.registry.runReport(session, audit) { db, scope in
            try Registry.overlapTable(axis: axis, period: period, minCell: minCell, scope: scope, db)
        }
    }
}

extension Registry {
    /// The aggregation and disclosure control behind the overlap report, over the deliveries
    /// of `scope`, without authorisation; `exact` publishes the true counts.
    static func overlapTable(
        axis: String?, period: ReportPeriod, minCell: Int, exact: Bool = false, scope: ReportScope,
        _ db: RegistryDatabase.Connection
    ) throws -> ReportTable {
        if let axis {
            let axes = try RegistryRows.serviceAxes(db)
            guard axes.contains(axis) else {
                let names = axes.joined(separator: ", ")
                throw RegistroError.invalidData(
                    .axis, "`\(axis)` is not an axis of the service nomenclature; use one of \(names)",
                    key: .setUp(.notAnAxis(axis, names: names)))
            }
        }
        var accumulator = TableAccumulator(dimensions: [.axis, .territory], measure: .beneficiaries)
        try accumulator.loadFacts(db, keys: nil)
        for overlap in try OverlapFinder.overlaps(db, period: period, scope: scope, axis: axis) {
            accumulator.add(values: [overlap.axis, overlap.territory], person: overlap.person)
        }
        return ReportBuilder.publish(
            accumulator.table(), measure: .beneficiaries, minCell: minCell, exact: exact, report: "overlaps",
            title: "People served on the same axis by two or more organisations, by axis and territory",
            period: period)
    }
}
