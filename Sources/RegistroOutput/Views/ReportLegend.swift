import RegistroKit

extension ReportRow {
    /// The value as JSON: a whole number for counts, a decimal for hours and means, `null`
    /// when suppressed.
    func jsonValue(_ measure: ReportMeasure) -> JSONValue {
        guard let value else { return .null }
        return measure == .beneficiaries || measure == .deliveries ? .int(Int64(value)) : .double(value)
    }

    /// The value as people read it in `catalogue`'s language (`1,5` in Italian): `x` when
    /// suppressed, `-` for a mean over nothing.
    func displayValue(_ measure: ReportMeasure, _ catalogue: Catalogue) -> String {
        guard !suppressed else { return ReportLegend.suppressedMark }
        guard let value = jsonValue(measure).doubleValue else { return ReportLegend.emptyMark }
        return catalogue.number(value)
    }
}

extension JSONValue {
    /// The number held, if any.
    fileprivate var doubleValue: Double? {
        switch self {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}

/// The marks and sentences that explain a published table.
enum ReportLegend {
    /// Shown in place of a suppressed value.
    static let suppressedMark = "x"
    /// Shown where nobody stands behind a cell.
    static let emptyMark = "-"

    /// The sentence explaining suppression at threshold `minCell`, introduced by the `mark`
    /// suppressed figures show (by default `x (suppressed)` in the catalogue's language).
    static func suppression(_ minCell: Int, exact: Bool, _ catalogue: Catalogue, mark: String? = nil) -> String {
        exact
            ? catalogue["report_legend_exact"]
            : catalogue.text(
                "report_legend_suppressed",
                ["mark": mark ?? "\(suppressedMark) (\(catalogue["report_suppressed"]))", "min": String(minCell)])
    }

    /// The note every perturbed table carries in JSON and CSV, in Italian and English.
    static let perturbationNote =
        "Cifre perturbate con il metodo della chiave di cella: i totali possono "
        + "non coincidere con la somma delle celle. / Figures perturbed by the cell key method: totals need not "
        + "add up to their cells."

    /// The line under a title, in the catalogue's language: period and threshold.
    static func subtitle(_ period: ReportPeriod, _ minCell: Int, exact: Bool, _ catalogue: Catalogue) -> String {
        catalogue.text(
            exact ? "report_subtitle_exact" : "report_subtitle_perturbed",
            ["period": self.period(period, catalogue), "min": String(minCell)])
    }

    /// The period in words, its dates as the catalogue writes them.
    static func period(_ period: ReportPeriod, _ catalogue: Catalogue) -> String {
        switch (period.from, period.to) {
        case (nil, nil): catalogue["report_period_all"]
        case (let from?, nil): catalogue.text("report_period_from", ["from": catalogue.date(from.description)])
        case (nil, let to?): catalogue.text("report_period_to", ["to": catalogue.date(to.description)])
        case (let from?, let to?):
            catalogue.text(
                "report_period_between",
                ["from": catalogue.date(from.description), "to": catalogue.date(to.description)])
        }
    }

    /// The title of a table in the catalogue's language: the report's own (`report_title_overlaps`)
    /// when the catalogue has one, else its measure by its dimensions: `Persone per asse e
    /// fascia d'età`.
    static func title(_ table: ReportTable, _ catalogue: Catalogue) -> String {
        if let own = catalogue.strings["report_title_\(table.report)"] { return own }
        guard !table.dimensions.isEmpty else { return catalogue.measure(table.measure) }
        return catalogue.text(
            "report_title_by",
            [
                "measure": catalogue.measure(table.measure),
                "dimensions": catalogue.list(table.dimensions.map { lowercasedFirst(catalogue.dimension($0)) }),
            ])
    }

    /// `text` with its first letter in lower case, for a name inside a sentence.
    static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}
