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
    static func suppression(_ minCell: Int, exact: Bool, mark: String = "\(suppressedMark) (suppressed)") -> String {
        exact
            ? "Exact table: true figures, nothing perturbed or suppressed."
            : "\(mark): after perturbation, fewer than \(minCell) people stand behind the figure."
    }

    /// The note every perturbed table carries, in Italian and English.
    static let perturbationNote =
        "Cifre perturbate con il metodo della chiave di cella: i totali possono "
        + "non coincidere con la somma delle celle. / Figures perturbed by the cell key method: totals need not "
        + "add up to their cells."

    /// The line under a title: period and threshold.
    static func subtitle(_ period: ReportPeriod, _ minCell: Int, exact: Bool) -> String {
        "Deliveries: \(period.text). "
            + (exact
                ? "Exact figures, nothing perturbed or suppressed."
                : "Figures perturbed; those that fewer than \(minCell) people stand behind are suppressed.")
    }
}
