/// The period a report covers: deliveries dated from `from` to `to`, both included; either
/// end may be open.
public struct ReportPeriod: Sendable, Equatable {
    /// The first day included, or `nil` for no lower bound.
    public var from: CalendarDate?
    /// The last day included, or `nil` for no upper bound.
    public var to: CalendarDate?

    /// A period from `from` to `to`, both included.
    public init(from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.from = from
        self.to = to
    }

    /// Every delivery, whatever its date.
    public static let all = ReportPeriod()

    /// The period from its first and last days as typed (`YYYY-MM-DD` or `DD/MM/YYYY`).
    ///
    /// - Throws: `RegistroError` (usage) for a date that cannot be read or a period that ends
    ///   before it starts.
    public static func parse(from: String?, to: String?) throws -> ReportPeriod {
        func date(_ text: String?, _ field: RegistroField) throws -> CalendarDate? {
            guard let text else { return nil }
            do throws(FieldProblem) { return try CalendarDate.parse(text) } catch {
                throw RegistroError.usage(field, error.message)
            }
        }
        let period = ReportPeriod(from: try date(from, .periodStart), to: try date(to, .periodEnd))
        if let start = period.from, let end = period.to, end < start {
            throw RegistroError.usage(
                .periodEnd, "is before the first day; give a period that ends after it starts",
                key: .reportPeriodReversed)
        }
        return period
    }

    /// Requires the period to cover whole months: to start on the first of a month and end on
    /// the last day of one (either end may be open). Perturbed reports are asked on whole
    /// months, so that two reports a day apart cannot be compared.
    ///
    /// - Throws: `RegistroError` (usage) naming the end to move and where.
    public func requireWholeMonths() throws {
        if let from, from.day != 1 {
            let first = CalendarDate(year: from.year, month: from.month, day: 1)!
            throw RegistroError.usage(
                .periodStart, "`\(from)`: reports cover whole months; start on the first of a month (\(first))",
                hint: .askExactFigures, key: .reportPeriodStartNotWholeMonth(day: "\(from)", first: "\(first)"))
        }
        if let to, to.day != CalendarDate.daysIn(month: to.month, year: to.year) {
            let length = CalendarDate.daysIn(month: to.month, year: to.year)
            let last = CalendarDate(year: to.year, month: to.month, day: length)!
            throw RegistroError.usage(
                .periodEnd, "`\(to)`: reports cover whole months; end on the last day of a month (\(last))",
                hint: .askExactFigures, key: .reportPeriodEndNotWholeMonth(day: "\(to)", last: "\(last)"))
        }
    }

    /// The SQL condition on `d.date` and its arguments.
    var sqlCondition: (sql: String, arguments: [String]) {
        var clauses: [String] = []
        var arguments: [String] = []
        if let from {
            clauses.append("d.date >= ?")
            arguments.append(from.description)
        }
        if let to {
            clauses.append("d.date <= ?")
            arguments.append(to.description)
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// The period in words, for titles: "2020-01-01 to 2020-12-31", "from 2020-01-01", "all dates".
    public var text: String {
        switch (from, to) {
        case (nil, nil): "all dates"
        case (let from?, nil): "from \(from)"
        case (nil, let to?): "up to \(to)"
        case (let from?, let to?): "\(from) to \(to)"
        }
    }
}
