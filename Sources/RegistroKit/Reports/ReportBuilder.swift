/// Turns an `AggregatedTable` into the `ReportTable` it may publish: perturbs and suppresses
/// every cell and total by the cell key method (`CellPerturbation`), or publishes them exactly,
/// and lays the rows out, cells first, then totals.
enum ReportBuilder {
    /// The published table.
    ///
    /// - Parameters:
    ///   - table: The cells and totals.
    ///   - measure: What each cell shows.
    ///   - minCell: The threshold: a figure whose perturbed count of people is below it is
    ///     suppressed.
    ///   - exact: Whether to publish the true figures, unperturbed and unsuppressed.
    ///   - report, title, period: Carried into the result.
    static func publish(
        _ table: AggregatedTable, measure: ReportMeasure, minCell: Int, exact: Bool = false, report: String,
        title: String, period: ReportPeriod
    ) -> ReportTable {
        let perturbation = CellPerturbation(minCell: minCell)
        let rows = layout(of: table).map { key -> ReportRow in
            let totals = table.cell(key) ?? CellTotals()
            let values = key.enumerated().map { dimension, index in
                index == AggregatedTable.totalIndex ? ReportTable.totalValue : table.values[dimension][Int(index)]
            }
            if exact || totals.people == 0 {
                // Zero stays zero: a table nobody stands behind publishes its zero total.
                return ReportRow(values: values, value: totals.value(of: measure), suppressed: false)
            }
            guard let value = perturbation.published(totals, measure: measure) else {
                return ReportRow(values: values, value: nil, suppressed: true)
            }
            return ReportRow(values: values, value: value, suppressed: false)
        }
        return ReportTable(
            report: report, title: title, measure: measure, dimensions: table.dimensions, period: period,
            minCell: exact ? 1 : minCell, rows: rows, exact: exact)
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
}
