/// The one SQL aggregation behind a table: deliveries grouped by the dimension values and the
/// person, so that distinct people can be counted in every cell and every total from a single
/// pass over the deliveries.
///
/// Each result row is `(k0, k1, …, person, [deliveries], [hours], [impact_sum, impact_count])`;
/// the aggregate columns are selected only when the measure needs them.
struct ReportQuery {
    /// The dimensions computed in SQL: every dimension but `vulnerability`, in request order.
    let sqlDimensions: [ReportDimension]
    /// The measure, which decides the aggregate columns and, for `impact`, keeps rated
    /// deliveries only.
    let measure: ReportMeasure
    /// The deliveries covered.
    let period: ReportPeriod
    /// Only the deliveries of this organisation, for the monitoring sheet.
    let organisation: String?

    init(dimensions: [ReportDimension], measure: ReportMeasure, period: ReportPeriod, organisation: String? = nil) {
        sqlDimensions = dimensions.filter { $0 != .vulnerability }
        self.measure = measure
        self.period = period
        self.organisation = organisation
    }

    /// The statement's text.
    var sql: String {
        var select = sqlDimensions.enumerated().map { "\($0.element.sqlExpression!) AS k\($0.offset)" }
        select.append("d.beneficiary_id AS person")
        switch measure {
        case .beneficiaries: break
        case .deliveries: select.append("COUNT(*) AS deliveries")
        case .hours: select.append("SUM(d.hours) AS hours")
        case .impact: select.append(contentsOf: ["SUM(d.impact) AS impact_sum", "COUNT(d.impact) AS impact_count"])
        }
        var from = "delivery d"
        if sqlDimensions.contains(.territory) { from += " JOIN organisation o ON o.id = d.org_id" }
        if sqlDimensions.contains(.axis) { from += " JOIN service_code s ON s.code = d.service_code" }
        if sqlDimensions.contains(where: \.needsBeneficiary) { from += " JOIN beneficiary b ON b.id = d.beneficiary_id" }
        var conditions: [String] = []
        let period = period.sqlCondition
        if !period.sql.isEmpty { conditions.append(period.sql) }
        if measure == .impact { conditions.append("d.impact IS NOT NULL") }
        if organisation != nil { conditions.append("d.org_id = ?") }
        let groups = sqlDimensions.indices.map { "k\($0)" } + ["person"]
        return "SELECT \(select.joined(separator: ", ")) FROM \(from)"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " GROUP BY \(groups.joined(separator: ", "))"
    }

    /// The statement's arguments, in order.
    var arguments: [String] {
        period.sqlCondition.arguments + (organisation.map { [$0] } ?? [])
    }
}
