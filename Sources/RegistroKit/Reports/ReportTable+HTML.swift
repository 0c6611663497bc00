extension ReportTable {
    /// The table as an HTML section: a heading at `level` (none when `level` is `nil`, for a
    /// page whose own heading is the table's title), bar charts of what it publishes
    /// (the cells of a one-dimensional table; the row and column totals of a two-dimensional
    /// one; every cell of a larger one), the figures as an HTML table, and the legend.
    public func htmlSection(level: Int?, idPrefix: String = "chart") -> String {
        var html = "<section>\n"
        if let level { html += "<h\(level)>\(HTMLPage.escape(title))</h\(level)>\n" }
        var charts: [(title: String, rows: [ReportRow])] = []
        switch dimensions.count {
        case 0: break
        case 2:
            charts.append(("\(measureTitle) by \(dimensions[0].rawValue)", totals.filter { $0.values[1] == Self.totalValue && $0.values[0] != Self.totalValue }))
            charts.append(("\(measureTitle) by \(dimensions[1].rawValue)", totals.filter { $0.values[0] == Self.totalValue && $0.values[1] != Self.totalValue }))
        default:
            charts.append(("\(measureTitle) by \(dimensions.map(\.rawValue).joined(separator: ", "))", cells))
        }
        for (index, chart) in charts.enumerated() where !chart.rows.isEmpty {
            let label = { (row: ReportRow) in row.values.filter { $0 != Self.totalValue }.joined(separator: " · ") }
            let svg = SVGBarChart(
                id: "\(idPrefix)-\(index + 1)", title: chart.title,
                bars: chart.rows.map { .init(label: label($0), value: $0.suppressed ? nil : $0.value, text: $0.displayValue(measure)) },
                scaleMaximum: measure == .impact ? 10 : nil)
            html += "<figure>\n\(svg.rendered())\n<figcaption>\(HTMLPage.escape(chart.title)).</figcaption>\n</figure>\n"
        }
        html += dimensions.count == 2 ? htmlCrossTable() : htmlLongTable()
        let legend = ReportLegend.suppression(minCell, exact: exact, mark: "Suppressed")
        html += "<p class=\"note\">\(HTMLPage.escape(legend))</p>\n"
        if !exact { html += "<p class=\"note\">\(HTMLPage.escape(ReportLegend.perturbationNote))</p>\n" }
        html += "</section>\n"
        return html
    }

    private var measureTitle: String {
        measure.phrase.prefix(1).uppercased() + measure.phrase.dropFirst()
    }

    private func htmlCell(_ row: ReportRow?) -> String {
        guard let row else { return "<td>\(ReportLegend.emptyMark)</td>" }
        let classes = [row.isTotal ? "total" : nil, row.suppressed ? "suppressed" : nil].compactMap { $0 }
        let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        let text = row.suppressed ? "suppressed" : row.displayValue(measure)
        return "<td\(attribute)>\(HTMLPage.escape(text))</td>"
    }

    private func htmlLongTable() -> String {
        let header = (dimensions.isEmpty ? [] : dimensions.map(\.rawValue)) + [measure.rawValue]
        var html = "<table>\n<thead><tr>" + header.map { "<th scope=\"col\">\(HTMLPage.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.values.map { "<th scope=\"row\">\(HTMLPage.escape($0))</th>" }.joined() + htmlCell(row) + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private func htmlCrossTable() -> String {
        let down = orderedValues(0)
        let across = orderedValues(1)
        var byKey: [[String]: ReportRow] = [:]
        for row in rows { byKey[row.values] = row }
        var html = "<table>\n<thead><tr><th scope=\"col\">\(HTMLPage.escape("\(dimensions[0].rawValue) \\ \(dimensions[1].rawValue)"))</th>"
        html += across.map { "<th scope=\"col\">\(HTMLPage.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for first in down {
            html += "<tr><th scope=\"row\">\(HTMLPage.escape(first))</th>" + across.map { htmlCell(byKey[[first, $0]]) }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
