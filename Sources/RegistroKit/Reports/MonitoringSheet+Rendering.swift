extension MonitoringSheet {
    /// The sheet's title.
    public var title: String {
        "Scheda di monitoraggio: \(name)"
    }

    /// The sheet in `format`, ending with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .table: text()
        case .json: jsonValue().encoded(pretty: true) + "\n"
        case .csv: csv()
        case .html: html()
        }
    }

    /// The headline figures as label and value text.
    private var headline: [(label: String, text: String)] {
        zip(["People served", "Deliveries", "Hours delivered", "Mean impact (1–10)"], summary).map { label, table in
            (label, table.rows.first?.displayValue(table.measure) ?? ReportLegend.emptyMark)
        }
    }

    /// The sheet for a terminal.
    public func text() -> String {
        var lines = [title, "Organisation \(organisation)" + (territory.map { ", territory \($0)" } ?? ""),
                     ReportLegend.subtitle(period, minCell, exact: false), ""]
        lines += headline.map { "\($0.label): \($0.text)" }
        for section in sections {
            lines.append("")
            lines.append(section.title)
            lines.append(section.longTable().rendered(as: .table))
        }
        lines.append(ReportLegend.suppression(minCell, exact: false))
        lines.append(ReportLegend.perturbationNote)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"report": "scheda", "org", "name", "territory", "min_cell", "from", "to", "summary":
    /// {measure: value}, "summary_suppressed": {measure: bool}, "sections": [table objects]}`.
    public func jsonValue() -> JSONValue {
        .object([
            ("report", .string("scheda")),
            ("org", .string(organisation)),
            ("name", .string(name)),
            ("territory", .text(territory)),
            ("min_cell", .int(Int64(minCell))),
            ("from", .text(period.from?.description)),
            ("to", .text(period.to?.description)),
            ("note", .string(ReportLegend.perturbationNote)),
            ("summary", .object(summary.map { table in (table.measure.rawValue, table.rows.first?.jsonValue(table.measure) ?? .null) })),
            ("summary_suppressed", .object(summary.map { table in (table.measure.rawValue, .bool(table.rows.first?.suppressed ?? false)) })),
            ("sections", .array(sections.map { $0.jsonValue() })),
        ])
    }

    /// CSV with one line per figure: `section`, `category`, `value`, `suppressed`, where a
    /// headline figure has section `summary` and its measure as category.
    public func csv() -> String {
        var rows: [[JSONValue]] = summary.map { table in
            let row = table.rows.first
            return [.string("summary"), .string(table.measure.rawValue), row?.jsonValue(table.measure) ?? .null, .bool(row?.suppressed ?? false)]
        }
        for section in sections {
            rows += section.rows.map { row in
                [.string(section.dimensions[0].rawValue), .string(row.values[0]), row.jsonValue(section.measure), .bool(row.suppressed)]
            }
        }
        return Tabular(columns: ["section", "category", "value", "suppressed"], rows: rows).rendered(as: .csv)
            + "# \(ReportLegend.perturbationNote)\n"
    }

    /// A standalone HTML page with a bar chart per section.
    public func html() -> String {
        var body = "<dl class=\"summary\">\n"
        body += headline.map { "<dt>\(HTMLPage.escape($0.label))</dt><dd>\(HTMLPage.escape($0.text == ReportLegend.suppressedMark ? "suppressed" : $0.text))</dd>" }
            .joined(separator: "\n")
        body += "\n</dl>\n"
        for (index, section) in sections.enumerated() {
            body += section.htmlSection(level: 2, idPrefix: "section-\(index + 1)")
        }
        let place = "Organisation \(organisation)" + (territory.map { ", territory \($0)" } ?? "") + ". "
        let subtitle = place + ReportLegend.subtitle(period, minCell, exact: false)
        return HTMLPage(title: title, subtitle: subtitle, body: body).rendered()
    }
}
