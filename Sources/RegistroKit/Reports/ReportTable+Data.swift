extension ReportTable {
    /// The table in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .table: text()
        case .json: jsonValue().encoded(pretty: true) + "\n"
        case .csv: csv()
        case .html:
            HTMLPage(
                title: title, subtitle: ReportLegend.subtitle(period, minCell, exact: exact),
                body: htmlSection(level: nil)
            ).rendered()
        }
    }

    /// The JSON object: `report`, `title`, `measure`, `dimensions`, `min_cell`, `from`, `to`,
    /// `exact`, `note` (that totals need not add up; null when exact), and `rows`, each with the
    /// dimension values, `value` (null when suppressed) and `suppressed`.
    public func jsonValue() -> JSONValue {
        .object([
            ("report", .string(report)),
            ("title", .string(title)),
            ("measure", .string(measure.rawValue)),
            ("dimensions", .array(dimensions.map { .string($0.rawValue) })),
            ("min_cell", .int(Int64(minCell))),
            ("from", .text(period.from?.description)),
            ("to", .text(period.to?.description)),
            ("exact", .bool(exact)),
            ("note", .text(exact ? nil : ReportLegend.perturbationNote)),
            ("rows", .array(rows.map { row in
                .object(zip(dimensions, row.values).map { ($0.rawValue, JSONValue.string($1)) }
                    + [("value", row.jsonValue(measure)), ("suppressed", .bool(row.suppressed))])
            })),
        ])
    }

    /// CSV with a header row: the dimension columns, `value` (empty when suppressed) and
    /// `suppressed` (`true` or `false`); unless exact, a last line `# ` and the note that totals
    /// need not add up.
    public func csv() -> String {
        Tabular(
            columns: dimensions.map(\.rawValue) + ["value", "suppressed"],
            rows: rows.map { row in row.values.map(JSONValue.string) + [row.jsonValue(measure), .bool(row.suppressed)] }
        ).rendered(as: .csv) + (exact ? "" : "# \(ReportLegend.perturbationNote)\n")
    }
}
