import RegistroKit

extension ReportRow {
    /// The value as JSON: a whole number for counts, a decimal for hours and means, `null`
    /// when suppressed.
    func jsonValue(_ measure: ReportMeasure) -> JSONValue {
        guard let value else { return .null }
        return measure == .beneficiaries || measure == .deliveries ? .int(Int64(value)) : .double(value)
    }

    /// The value as text: `x` when suppressed, `-` for a mean over nothing.
    func displayValue(_ measure: ReportMeasure) -> String {
        suppressed ? ReportLegend.suppressedMark : value == nil ? ReportLegend.emptyMark : jsonValue(measure).plainText
    }
}

/// The marks and sentences that explain a published table.
enum ReportLegend {
    /// Shown in place of a suppressed value.
    static let suppressedMark = "x"
    /// Shown where nobody stands behind a cell.
    static let emptyMark = "-"

    /// The sentence explaining suppression at threshold `minCell`, introduced by the `mark`
    /// suppressed figures show.
    static func suppression(_ minCell: Int, mark: String = "\(suppressedMark) (suppressed)") -> String {
        minCell <= 1
            ? "Exact table: no cell is suppressed (threshold 1)."
            : "\(mark): fewer than \(minCell) people stand behind the figure, or it is hidden so that such a figure cannot be worked out from the totals."
    }

    /// The line under a title: period and threshold.
    static func subtitle(_ period: ReportPeriod, _ minCell: Int) -> String {
        "Deliveries: \(period.text). "
            + (minCell <= 1 ? "Exact figures, nothing suppressed." : "Figures that fewer than \(minCell) people stand behind are suppressed.")
    }
}
