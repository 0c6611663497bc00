/// The one SQL statement behind a table: a single scan of the deliveries in the period,
/// selecting for each delivery the columns its dimensions and measure need and the person.
///
/// There is no GROUP BY: grouping 1,000,000 deliveries by cell and person makes SQLite sort
/// them all (about 5 s on the development machine), while `TableAccumulator` counts cells,
/// totals and distinct people with hash tables in one pass over the scan (see
/// `Docs/PERFORMANCE.md`). Nor are there joins: the facts of organisations (territory),
/// services (axis) and people (sex, birth year, citizenship, vulnerabilities) are small
/// tables read once by `ReportLookups`.
struct ReportQuery {
    /// How the value of a dimension is found for a delivery.
    enum Source: Equatable {
        /// Column `index` of the row holds the value.
        case column(Int)
        /// Column `index` holds the organisation; the value is its territory.
        case territoryOfOrganisation(Int)
        /// Column `index` holds the service code; the value is its axis.
        case axisOfService(Int)
        /// Column `index` holds the delivery's year; the value is the person's age band then.
        case ageBand(Int)
        /// The value is a fact of the person (sex, citizenship).
        case person
        /// The values are the person's vulnerabilities.
        case vulnerabilities
    }

    /// The statement's text.
    let sql: String
    /// Its arguments, in order.
    let arguments: [String]
    /// Where each dimension's value comes from, in dimension order.
    let sources: [Source]
    /// The column of the person's id.
    let personColumn: Int
    /// The column of the measure's first sum (`hours` or `impact`), if it needs one.
    let measureColumn: Int?

    /// The scan for `dimensions` and `measure` over `period`, optionally of one organisation's
    /// deliveries only (the monitoring sheet).
    init(dimensions: [ReportDimension], measure: ReportMeasure, period: ReportPeriod, organisation: String? = nil) {
        var columns: [String] = []
        func column(_ expression: String) -> Int {
            if let index = columns.firstIndex(of: expression) { return index }
            columns.append(expression)
            return columns.count - 1
        }
        sources = dimensions.map { dimension in
            switch dimension {
            case .territory: .territoryOfOrganisation(column("d.org_id"))
            case .axis: .axisOfService(column("d.service_code"))
            case .ageBand: .ageBand(column("CAST(substr(d.date, 1, 4) AS INTEGER)"))
            case .sex, .citizenship: .person
            case .vulnerability: .vulnerabilities
            default: .column(column(dimension.sqlExpression!))
            }
        }
        personColumn = column("d.beneficiary_id")
        switch measure {
        case .beneficiaries, .deliveries: measureColumn = nil
        case .hours: measureColumn = column("d.hours")
        case .impact: measureColumn = column("d.impact")
        }
        var conditions: [String] = []
        let dates = period.sqlCondition
        if !dates.sql.isEmpty { conditions.append(dates.sql) }
        if measure == .impact { conditions.append("d.impact IS NOT NULL") }
        if organisation != nil { conditions.append("d.org_id = ?") }
        sql = "SELECT \(columns.joined(separator: ", ")) FROM delivery d"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        arguments = dates.arguments + (organisation.map { [$0] } ?? [])
    }
}
