extension ReportTable {
    /// The table for a terminal: a title, the period and threshold, then a cross table for
    /// two dimensions or one line per cell otherwise, and the legend.
    public func text() -> String {
        var lines = [title, ReportLegend.subtitle(period, minCell, exact: exact), ""]
        lines.append(dimensions.count == 2 ? crossTable().rendered(as: .table) : longTable().rendered(as: .table))
        lines.append(ReportLegend.suppression(minCell, exact: exact))
        if !exact { lines.append(ReportLegend.perturbationNote) }
        if dimensions.count == 2 { lines.append("\(ReportLegend.emptyMark): nobody.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per cell and total: the dimension values and the value.
    func longTable() -> Tabular {
        let columns = dimensions.isEmpty ? [measure.rawValue] : dimensions.map(\.rawValue) + [measure.rawValue]
        return Tabular(columns: columns, rows: rows.map { row in
            row.values.map(JSONValue.string) + [.string(row.displayValue(measure))]
        })
    }

    /// The first dimension down, the second across, totals last.
    func crossTable() -> Tabular {
        let down = orderedValues(0)
        let across = orderedValues(1)
        var byKey: [[String]: ReportRow] = [:]
        for row in rows { byKey[row.values] = row }
        let rowsOut = down.map { first -> [JSONValue] in
            [.string(first)] + across.map { second in
                .string(byKey[[first, second]]?.displayValue(measure) ?? ReportLegend.emptyMark)
            }
        }
        return Tabular(columns: ["\(dimensions[0].rawValue) \\ \(dimensions[1].rawValue)"] + across, rows: rowsOut)
    }

    /// The values of dimension `position` of a two-dimensional table in report order, as
    /// its totals list them, then `_total`.
    func orderedValues(_ position: Int) -> [String] {
        let other = 1 - position
        return totals.filter { $0.values[other] == Self.totalValue && $0.values[position] != Self.totalValue }
            .map { $0.values[position] } + [Self.totalValue]
    }
}
