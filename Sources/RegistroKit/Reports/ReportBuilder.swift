/// Turns an `AggregatedTable` into the `ReportTable` it may publish: applies disclosure
/// control for the table's shape and lays the rows out, cells first, then totals.
enum ReportBuilder {
    /// The published table.
    ///
    /// - Parameters:
    ///   - table: The cells and totals.
    ///   - measure: What each cell shows.
    ///   - minCell: The threshold; 1 publishes the exact table. A table nobody stands behind
    ///     publishes its zero total as it is.
    ///   - report, title, period: Carried into the result.
    static func publish(
        _ table: AggregatedTable, measure: ReportMeasure, minCell: Int, report: String, title: String, period: ReportPeriod
    ) -> ReportTable {
        let layout = layout(of: table)
        let isEmpty = table.grandTotal.people == 0
        let hidden = isEmpty ? layout.map { _ in false } : suppression(of: table, layout: layout, minCell: minCell, measure: measure)
        let rows = layout.indices.map { position -> ReportRow in
            let key = layout[position]
            let totals = table.cell(key)!
            let values = key.enumerated().map { dimension, index in
                index == AggregatedTable.totalIndex ? ReportTable.totalValue : table.values[dimension][Int(index)]
            }
            return ReportRow(
                values: values, value: hidden[position] ? nil : totals.value(of: measure), suppressed: hidden[position])
        }
        return ReportTable(
            report: report, title: title, measure: measure, dimensions: table.dimensions, period: period,
            minCell: minCell, rows: rows)
    }

    /// The keys of the rows in publication order: the cells, then (two dimensions) each row's
    /// total, then the column totals, then the grand total.
    static func layout(of table: AggregatedTable) -> [[UInt16]] {
        let total = AggregatedTable.totalIndex
        var keys = table.cellKeys
        switch table.dimensions.count {
        case 0: keys = [[]]
        case 2:
            keys += table.values[0].indices.map { [UInt16($0), total] }
            keys += table.values[1].indices.map { [total, UInt16($0)] }
            keys.append([total, total])
        default:
            keys.append(Array(repeating: total, count: table.dimensions.count))
        }
        return keys
    }

    /// Which rows of `layout` to hide; complements are chosen by people, then by the value of
    /// `measure`.
    static func suppression(of table: AggregatedTable, layout: [[UInt16]], minCell: Int, measure: ReportMeasure) -> [Bool] {
        func entry(_ key: [UInt16]) -> SuppressionEntry? {
            guard let totals = table.cell(key) else { return nil }
            return SuppressionEntry(
                people: totals.people, value: totals.value(of: measure) ?? 0,
                isTotal: key.contains(AggregatedTable.totalIndex))
        }
        switch table.dimensions.count {
        case 0:
            return [table.grandTotal.people < minCell]
        case 2:
            let grid = TwoWaySuppression(rows: table.values[0].count, columns: table.values[1].count) { row, column in
                let total = AggregatedTable.totalIndex
                return entry([row == table.values[0].count ? total : UInt16(row), column == table.values[1].count ? total : UInt16(column)])
            }
            let hidden = grid.hidden(minCell: minCell)
            return layout.map { key in
                let row = key[0] == AggregatedTable.totalIndex ? table.values[0].count : Int(key[0])
                let column = key[1] == AggregatedTable.totalIndex ? table.values[1].count : Int(key[1])
                return hidden[grid.index(row, column)!]
            }
        default:
            let cells = layout.dropLast().map { entry($0)! }
            let pattern = LineSuppression.hidden(cells: Array(cells), total: entry(layout.last!)!, minCell: minCell)
            return cells.indices.map { pattern.cells.contains($0) } + [pattern.total]
        }
    }
}
