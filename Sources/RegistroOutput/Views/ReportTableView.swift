import RegistroKit

/// A statistical table (`report deliveries`, `report overlaps`, a section of a monitoring
/// sheet): text with a cross table for two dimensions, the JSON of the report's published
/// shape, CSV of its rows, and an HTML page with SVG bar charts.
public struct ReportTableView: TextView, CSVView, HTMLView {
    /// What the view shows, for sentences.
    public static let noun = "a report"

    /// The table shown.
    public let table: ReportTable

    /// The view of `table`.
    public init(_ table: ReportTable) {
        self.table = table
    }

    /// The title, the period and threshold, then a cross table for two dimensions or one line
    /// per cell otherwise, the legend and, unless exact, the note that totals need not add up.
    public var text: String {
        var lines = [table.title, ReportLegend.subtitle(table.period, table.minCell, exact: table.exact), ""]
        lines.append(grid.text(table.measure))
        lines.append(ReportLegend.suppression(table.minCell, exact: table.exact))
        if !table.exact { lines.append(ReportLegend.perturbationNote) }
        if table.dimensions.count == 2 { lines.append("\(ReportLegend.emptyMark): nobody.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `report`, `title`, `measure`, `dimensions`, `min_cell`, `from`, `to`, `exact`, `note` (that
    /// totals need not add up; null when exact), and `rows`, each with the dimension values,
    /// `value` (null when suppressed) and `suppressed`.
    public var json: JSONValue {
        .object([
            ("report", .string(table.report)),
            ("title", .string(table.title)),
            ("measure", .string(table.measure.rawValue)),
            ("dimensions", .array(table.dimensions.map { .string($0.rawValue) })),
            ("min_cell", .int(Int64(table.minCell))),
            ("from", .text(table.period.from?.description)),
            ("to", .text(table.period.to?.description)),
            ("exact", .bool(table.exact)),
            ("note", .text(table.exact ? nil : ReportLegend.perturbationNote)),
            (
                "rows",
                .array(
                    table.rows.map { row in
                        .object(
                            zip(table.dimensions, row.values).map { ($0.rawValue, JSONValue.string($1)) }
                                + [("value", row.jsonValue(table.measure)), ("suppressed", .bool(row.suppressed))])
                    })
            ),
        ])
    }

    /// The dimension columns, `value` (empty when suppressed) and `suppressed` (`true` or
    /// `false`); unless exact, a last line `# ` and the note that totals need not add up.
    public var csv: Tabular {
        Tabular(
            columns: table.dimensions.map(\.rawValue) + ["value", "suppressed"],
            rows: table.rows.map { row in
                row.values.map(JSONValue.string) + [row.jsonValue(table.measure), .bool(row.suppressed)]
            },
            note: table.exact ? nil : ReportLegend.perturbationNote)
    }

    /// A page whose heading is the table's title.
    public var html: HTMLPage {
        HTMLPage(
            title: table.title, subtitle: ReportLegend.subtitle(table.period, table.minCell, exact: table.exact),
            body: htmlSection(level: nil))
    }

    /// The figures as laid out for reading, built once for text and HTML: a cross table for
    /// two dimensions (the first down, the second across, totals last), else one row per cell
    /// and total with its dimension values.
    var grid: FigureGrid {
        guard table.dimensions.count == 2 else {
            return FigureGrid(
                columns: table.dimensions.map(\.rawValue) + [table.measure.rawValue],
                rows: table.rows.map { (labels: $0.values, figures: [$0]) })
        }
        let across = orderedValues(1)
        var byKey: [[String]: ReportRow] = [:]
        for row in table.rows { byKey[row.values] = row }
        return FigureGrid(
            columns: [crossCorner] + across,
            rows: orderedValues(0).map { first in (labels: [first], figures: across.map { byKey[[first, $0]] }) })
    }

    /// The heading of a cross table's first column: `down \ across`.
    private var crossCorner: String {
        "\(table.dimensions[0].rawValue) \\ \(table.dimensions[1].rawValue)"
    }

    /// The values of dimension `position` of a two-dimensional table in report order, as
    /// its totals list them, then `_total`.
    private func orderedValues(_ position: Int) -> [String] {
        let other = 1 - position
        return table.totals
            .filter { $0.values[other] == ReportTable.totalValue && $0.values[position] != ReportTable.totalValue }
            .map { $0.values[position] } + [ReportTable.totalValue]
    }

    /// The table as an HTML section: a heading at `level` (none when `level` is `nil`, for a
    /// page whose own heading is the table's title), bar charts of what it publishes
    /// (the cells of a one-dimensional table; the row and column totals of a two-dimensional
    /// one; every cell of a larger one), the figures as an HTML table, and the legend.
    public func htmlSection(level: Int?, idPrefix: String = "chart") -> String {
        let total = ReportTable.totalValue
        let dimensions = table.dimensions
        var html = "<section>\n"
        if let level { html += "<h\(level)>\(HTMLPage.escape(table.title))</h\(level)>\n" }
        var charts: [(title: String, rows: [ReportRow])] = []
        switch dimensions.count {
        case 0: break
        case 2:
            charts.append(
                (
                    "\(measureTitle) by \(dimensions[0].rawValue)",
                    table.totals.filter { $0.values[1] == total && $0.values[0] != total }
                ))
            charts.append(
                (
                    "\(measureTitle) by \(dimensions[1].rawValue)",
                    table.totals.filter { $0.values[0] == total && $0.values[1] != total }
                ))
        default:
            charts.append(("\(measureTitle) by \(dimensions.map(\.rawValue).joined(separator: ", "))", table.cells))
        }
        for (index, chart) in charts.enumerated() where !chart.rows.isEmpty {
            let label = { (row: ReportRow) in row.values.filter { $0 != total }.joined(separator: " · ") }
            let svg = SVGBarChart(
                id: "\(idPrefix)-\(index + 1)", title: chart.title,
                bars: chart.rows.map {
                    .init(label: label($0), value: $0.suppressed ? nil : $0.value, text: $0.displayValue(table.measure))
                },
                scaleMaximum: table.measure == .impact ? 10 : nil)
            html +=
                "<figure>\n\(svg.rendered())\n"
                + "<figcaption>\(HTMLPage.escape(chart.title)).</figcaption>\n</figure>\n"
        }
        html += grid.html(table.measure)
        let legend = ReportLegend.suppression(table.minCell, exact: table.exact, mark: "Suppressed")
        html += "<p class=\"note\">\(HTMLPage.escape(legend))</p>\n"
        if !table.exact { html += "<p class=\"note\">\(HTMLPage.escape(ReportLegend.perturbationNote))</p>\n" }
        html += "</section>\n"
        return html
    }

    private var measureTitle: String {
        table.measure.phrase.prefix(1).uppercased() + table.measure.phrase.dropFirst()
    }
}
