import RegistroKit

/// A statistical table (`report deliveries`, `report overlaps`, a section of a monitoring
/// sheet): text with a cross table for two dimensions, the JSON of the report's published
/// shape, CSV of its rows, and an HTML page with SVG bar charts. Text and HTML are written in the
/// view's language, with the code lists' labels and its decimal mark; JSON and CSV keep the codes
/// and machine formats for programs.
public struct ReportTableView: TextView, CSVView, HTMLView {
    /// What the view shows, for sentences.
    public static let noun = "a report"

    /// The table shown.
    public let table: ReportTable
    /// The language of the text and HTML renderings.
    public let language: Language

    /// The view of `table`, its text and HTML in `language`.
    public init(_ table: ReportTable, language: Language = .english) {
        self.table = table
        self.language = language
    }

    /// The strings of the view's language.
    var catalogue: Catalogue { Catalogue.of(language) }

    /// The table's title in the view's language.
    public var title: String { ReportLegend.title(table, catalogue) }

    /// The title, the period and threshold, then a cross table for two dimensions or one line
    /// per cell otherwise, the legend and, unless exact, the note that totals need not add up.
    public var text: String {
        var lines = [title, ReportLegend.subtitle(table.period, table.minCell, exact: table.exact, catalogue), ""]
        lines.append(grid.text(table.measure))
        lines.append(ReportLegend.suppression(table.minCell, exact: table.exact, catalogue))
        if !table.exact { lines.append(catalogue["report_perturbation_note"]) }
        if table.dimensions.count == 2 { lines.append("\(ReportLegend.emptyMark): \(catalogue["report_nobody"]).") }
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
            title: title, subtitle: ReportLegend.subtitle(table.period, table.minCell, exact: table.exact, catalogue),
            body: htmlSection(level: nil), language: language)
    }

    /// The figures as laid out for reading, built once for text and HTML: a cross table for
    /// two dimensions (the first down, the second across, totals last), else one row per cell
    /// and total with its dimension values.
    var grid: FigureGrid {
        guard table.dimensions.count == 2 else {
            return FigureGrid(
                columns: table.dimensions.map(catalogue.dimension) + [catalogue.measure(table.measure)],
                rows: table.rows.map { (labels: labels($0.values), figures: [$0]) }, catalogue: catalogue)
        }
        let across = orderedValues(1)
        var byKey: [[String]: ReportRow] = [:]
        for row in table.rows { byKey[row.values] = row }
        return FigureGrid(
            columns: [crossCorner] + across.map { catalogue.dimensionValue(table.dimensions[1], $0) },
            rows: orderedValues(0).map { first in
                (
                    labels: [catalogue.dimensionValue(table.dimensions[0], first)],
                    figures: across.map { byKey[[first, $0]] }
                )
            },
            catalogue: catalogue)
    }

    /// A row's dimension values as people read them: labels, not codes.
    private func labels(_ values: [String]) -> [String] {
        zip(table.dimensions, values).map { catalogue.dimensionValue($0, $1) }
    }

    /// The heading of a cross table's first column: `down \ across`, e.g. `territorio \ asse`.
    private var crossCorner: String {
        table.dimensions.prefix(2).map { ReportLegend.lowercasedFirst(catalogue.dimension($0)) }
            .joined(separator: " \\ ")
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
        if let level { html += "<h\(level)>\(HTMLPage.escape(title))</h\(level)>\n" }
        var charts: [(title: String, rows: [ReportRow])] = []
        switch dimensions.count {
        case 0: break
        case 2:
            charts.append(
                (
                    chartTitle([dimensions[0]]),
                    table.totals.filter { $0.values[1] == total && $0.values[0] != total }
                ))
            charts.append(
                (
                    chartTitle([dimensions[1]]),
                    table.totals.filter { $0.values[0] == total && $0.values[1] != total }
                ))
        default:
            charts.append((chartTitle(dimensions), table.cells))
        }
        for (index, chart) in charts.enumerated() where !chart.rows.isEmpty {
            let label = { (row: ReportRow) in
                zip(dimensions, row.values).filter { $0.1 != total }.map { catalogue.dimensionValue($0, $1) }
                    .joined(separator: " · ")
            }
            let svg = SVGBarChart(
                id: "\(idPrefix)-\(index + 1)", title: chart.title,
                bars: chart.rows.map {
                    .init(
                        label: label($0), value: $0.suppressed ? nil : $0.value,
                        text: $0.displayValue(table.measure, catalogue))
                },
                scaleMaximum: table.measure == .impact ? 10 : nil, suppressedWord: catalogue["report_suppressed"])
            html +=
                "<figure>\n\(svg.rendered())\n"
                + "<figcaption>\(HTMLPage.escape(chart.title)).</figcaption>\n</figure>\n"
        }
        html += grid.html(table.measure)
        let mark = catalogue["report_suppressed"].prefix(1).uppercased() + catalogue["report_suppressed"].dropFirst()
        let legend = ReportLegend.suppression(table.minCell, exact: table.exact, catalogue, mark: mark)
        html += "<p class=\"note\">\(HTMLPage.escape(legend))</p>\n"
        if !table.exact {
            html += "<p class=\"note\">\(HTMLPage.escape(catalogue["report_perturbation_note"]))</p>\n"
        }
        html += "</section>\n"
        return html
    }

    /// The title of a bar chart of `dimensions`: `Persone per asse`.
    private func chartTitle(_ dimensions: [ReportDimension]) -> String {
        catalogue.text(
            "report_title_by",
            [
                "measure": catalogue.measure(table.measure),
                "dimensions": catalogue.list(dimensions.map { ReportLegend.lowercasedFirst(catalogue.dimension($0)) }),
            ])
    }
}
