import GRDB

extension Registry {
    /// The territory value of a person whose overlapping services on one axis came from
    /// organisations of more than one territory.
    public static let severalTerritories = "several"

    /// The overlap report: by axis and territory, how many people received services of the
    /// same axis from two or more organisations in the period, after small-cell suppression.
    /// Nobody is named: the report holds counts only.
    ///
    /// A person counts once per axis. Their territory is the territory of the organisations
    /// that served them on that axis, or `several` when those organisations lie in more than
    /// one territory, so each row adds up.
    ///
    /// - Parameters:
    ///   - axis: Only this axis, or every axis.
    ///   - period: The deliveries considered.
    ///   - minCell: The threshold (default 5).
    ///   - actor: The operator asking; see `authorizeReport(actor:lowersThreshold:)`.
    /// - Throws: `RegistroError` for an unknown axis (invalid data), a bad threshold (usage), an
    ///   unknown actor (invalid data) or an actor who may not (denied).
    public func overlapReport(
        axis: String? = nil, period: ReportPeriod = .all, minCell: Int = DeliveryReportRequest.defaultMinCell, actor: String?
    ) throws -> ReportTable {
        try runReport(actor: actor, minCell: minCell) { db in
            if let axis {
                let axes = try String.fetchAll(db, sql: "SELECT DISTINCT axis FROM service_code ORDER BY axis")
                guard axes.contains(axis) else {
                    throw RegistroError.invalidData(
                        "--axis: `\(axis)` is not an axis of the service nomenclature; use one of \(axes.joined(separator: ", "))")
                }
            }
            let accumulator = TableAccumulator(dimensions: [.axis, .territory], measure: .beneficiaries)
            let territory = "COALESCE(o.territory, '\(ReportDimension.unknownValue)')"
            var conditions: [String] = []
            var arguments: [String] = []
            let dates = period.sqlCondition
            if !dates.sql.isEmpty {
                conditions.append(dates.sql)
                arguments += dates.arguments
            }
            if let axis {
                conditions.append("s.axis = ?")
                arguments.append(axis)
            }
            try accumulator.add(
                sql: """
                    SELECT s.axis, CASE WHEN COUNT(DISTINCT \(territory)) = 1 THEN MIN(\(territory)) \
                    ELSE '\(Self.severalTerritories)' END, d.beneficiary_id
                    FROM delivery d JOIN service_code s ON s.code = d.service_code JOIN organisation o ON o.id = d.org_id
                    \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                    GROUP BY s.axis, d.beneficiary_id HAVING COUNT(DISTINCT d.org_id) >= 2
                    """,
                arguments: arguments, sources: [.column(0), .column(1)], personColumn: 2, measureColumn: nil, db)
            return ReportBuilder.publish(
                accumulator.table(), measure: .beneficiaries, minCell: minCell, report: "overlaps",
                title: "People served on the same axis by two or more organisations, by axis and territory",
                period: period)
        }
    }
}
