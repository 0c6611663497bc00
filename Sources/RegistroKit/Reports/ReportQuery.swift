/// The one SQL statement behind a table: a single scan of the deliveries in the period,
/// selecting for each delivery the raw columns its dimensions and measure need, and the person.
///
/// There is no GROUP BY: grouping a million deliveries by cell and person makes SQLite sort
/// them all, several times slower than counting cells, totals and distinct people with hash
/// tables in one pass (`TableAccumulator`; see `Docs/PERFORMANCE.md`). Nor are there joins:
/// the facts of organisations (territory), services (axis) and people (sex, birth year,
/// citizenship, vulnerabilities) are small tables read once.
struct ReportQuery {
    /// How the value of a dimension is found for a scanned row.
    enum Source: Equatable {
        /// The text of a column, as it is or turned into the dimension's value; NULL is `unknown`.
        case text(column: Int, TextValue)
        /// The person's age band at the date in a column.
        case ageBand(dateColumn: Int)
        /// A fact of the person (sex, citizenship).
        case person
        /// The person's vulnerabilities.
        case vulnerabilities
    }

    /// What a text column gives a dimension.
    enum TextValue: Equatable {
        /// The text itself.
        case asIs
        /// The territory of the organisation named.
        case territory
        /// The axis of the service code.
        case axis
        /// `YYYY-MM` of an ISO date.
        case month
        /// `YYYY-Qn` of an ISO date.
        case quarter
        /// `YYYY` of an ISO date.
        case year

        /// How many leading bytes of the column decide the value (`nil`: all of them).
        var significantPrefix: Int? {
            switch self {
            case .month, .quarter: 7
            case .year: 4
            default: nil
            }
        }
    }

    /// The statement's text.
    let sql: String
    /// Its arguments, in order.
    let arguments: [String]
    /// Where each dimension's value comes from, in dimension order.
    let sources: [Source]
    /// The column of the person's id.
    let personColumn: Int
    /// The column of the hours or rating the measure adds up, if any.
    let measureColumn: Int?

    /// The scan for `dimensions` and `measure` over the deliveries of `scope` in `period`.
    init(
        dimensions: [ReportDimension], measure: ReportMeasure, period: ReportPeriod, scope: ReportScope = ReportScope()
    ) {
        var columns: [String] = []
        func column(_ name: String) -> Int {
            if let index = columns.firstIndex(of: "d." + name) { return index }
            columns.append("d." + name)
            return columns.count - 1
        }
        sources = dimensions.map { dimension in
            switch dimension {
            case .org: .text(column: column("org_id"), .asIs)
            case .territory: .text(column: column("org_id"), .territory)
            case .axis: .text(column: column("service_code"), .axis)
            case .serviceCode: .text(column: column("service_code"), .asIs)
            case .channel: .text(column: column("channel"), .asIs)
            case .outcome: .text(column: column("outcome"), .asIs)
            case .project: .text(column: column("project"), .asIs)
            case .month: .text(column: column("date"), .month)
            case .quarter: .text(column: column("date"), .quarter)
            case .year: .text(column: column("date"), .year)
            case .ageBand: .ageBand(dateColumn: column("date"))
            case .sex, .citizenship: .person
            case .vulnerability: .vulnerabilities
            }
        }
        personColumn = column("beneficiary_id")
        switch measure {
        case .beneficiaries, .deliveries: measureColumn = nil
        case .hours: measureColumn = column("hours")
        case .impact: measureColumn = column("impact")
        }
        var conditions: [String] = [ReportScope.usablePeopleCondition]
        let dates = period.sqlCondition
        if !dates.sql.isEmpty { conditions.append(dates.sql) }
        if measure == .impact { conditions.append("d.impact IS NOT NULL") }
        let organisations = scope.sqlCondition
        if !organisations.sql.isEmpty { conditions.append(organisations.sql) }
        sql =
            "SELECT \(columns.joined(separator: ", ")) FROM delivery d"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        arguments = dates.arguments + organisations.arguments
    }
}
