import RegistroKit

/// Report figures laid out in rows under column headings: each row has labels (its dimension
/// values) then figures (a cell or total, or `nil` where nobody stands behind one).
struct FigureGrid {
    /// The column headings: the labels' columns, then the figures'.
    var columns: [String]
    /// The rows.
    var rows: [(labels: [String], figures: [ReportRow?])]
    /// The language the figures are written in.
    var catalogue: Catalogue

    /// The grid as aligned text: `x` for a suppressed figure, `-` for none.
    func text(_ measure: ReportMeasure) -> String {
        Tabular(
            columns: columns,
            rows: rows.map { row in
                row.labels.map(JSONValue.string)
                    + row.figures.map { .string($0?.displayValue(measure, catalogue) ?? ReportLegend.emptyMark) }
            }
        ).alignedText()
    }

    /// The grid as an HTML table: labels as row headings, totals bold, suppressed figures
    /// written out and greyed.
    func html(_ measure: ReportMeasure) -> String {
        var html =
            "<table>\n<thead><tr>"
            + columns.map { "<th scope=\"col\">\(HTMLPage.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html +=
                "<tr>" + row.labels.map { "<th scope=\"row\">\(HTMLPage.escape($0))</th>" }.joined()
                + row.figures.map { cell($0, measure) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func cell(_ row: ReportRow?, _ measure: ReportMeasure) -> String {
        guard let row else { return "<td>\(ReportLegend.emptyMark)</td>" }
        let classes = [row.isTotal ? "total" : nil, row.suppressed ? "suppressed" : nil].compactMap { $0 }
        let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        let text = row.suppressed ? catalogue["report_suppressed"] : row.displayValue(measure, catalogue)
        return "<td\(attribute)>\(HTMLPage.escape(text))</td>"
    }
}
