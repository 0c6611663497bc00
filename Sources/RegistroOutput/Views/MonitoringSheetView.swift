import RegistroKit

/// The monitoring sheet of one organisation (`report scheda`): headline figures, then a table
/// per section; as text, JSON, CSV (one line per figure) and an HTML page with a bar chart per
/// section.
public struct MonitoringSheetView: TextView, CSVView, HTMLView {
    /// What the view shows, for sentences.
    public static let noun = "a monitoring sheet"

    /// The sheet shown.
    public let sheet: MonitoringSheet
    /// The language of the text and HTML renderings.
    public let language: Language

    /// The view of `sheet`, its text and HTML in `language`.
    public init(_ sheet: MonitoringSheet, language: Language = .english) {
        self.sheet = sheet
        self.language = language
    }

    /// The strings of the view's language.
    private var catalogue: Catalogue { Catalogue.of(language) }

    /// The sheet's title.
    public var title: String {
        "\(catalogue["sheet_title"]): \(sheet.name)"
    }

    /// The headline figures as label and value text.
    private var headline: [(label: String, text: String)] {
        sheet.summary.map { table in
            (
                catalogue.measure(table.measure),
                table.rows.first?.displayValue(table.measure, catalogue) ?? ReportLegend.emptyMark
            )
        }
    }

    /// Where the organisation works: `Organisation ID`, with its territory if recorded.
    private var place: String {
        "\(catalogue.dimension(.org)) \(sheet.organisation)"
            + (sheet.territory.map { ", \(ReportLegend.lowercasedFirst(catalogue.dimension(.territory))) \($0)" } ?? "")
    }

    /// The view of one section's table, in the sheet's language.
    private func sectionView(_ section: ReportTable) -> ReportTableView {
        ReportTableView(section, language: language)
    }

    /// The title, place and period, the headline figures, each section's table, the legend and
    /// the note that totals need not add up.
    public var text: String {
        var lines = [title, place, ReportLegend.subtitle(sheet.period, sheet.minCell, exact: false, catalogue), ""]
        lines += headline.map { "\($0.label): \($0.text)" }
        for section in sheet.sections {
            lines.append("")
            lines.append(sectionView(section).title)
            lines.append(sectionView(section).grid.text(section.measure))
        }
        lines.append(ReportLegend.suppression(sheet.minCell, exact: false, catalogue))
        lines.append(catalogue["report_perturbation_note"])
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"report": "scheda", "org", "name", "territory", "min_cell", "from", "to", "summary":
    /// {measure: value}, "summary_suppressed": {measure: bool}, "sections": [table objects]}`.
    public var json: JSONValue {
        .object([
            ("report", .string("scheda")),
            ("org", .string(sheet.organisation)),
            ("name", .string(sheet.name)),
            ("territory", .text(sheet.territory)),
            ("min_cell", .int(Int64(sheet.minCell))),
            ("from", .text(sheet.period.from?.description)),
            ("to", .text(sheet.period.to?.description)),
            ("note", .string(ReportLegend.perturbationNote)),
            (
                "summary",
                .object(
                    sheet.summary.map { table in
                        (table.measure.rawValue, table.rows.first?.jsonValue(table.measure) ?? .null)
                    })
            ),
            (
                "summary_suppressed",
                .object(
                    sheet.summary.map { table in
                        (table.measure.rawValue, .bool(table.rows.first?.suppressed ?? false))
                    })
            ),
            ("sections", .array(sheet.sections.map { ReportTableView($0).json })),
        ])
    }

    /// One line per figure: `section`, `category`, `value`, `suppressed`, where a headline
    /// figure has section `summary` and its measure as category; a last line `# ` and the note
    /// that totals need not add up.
    public var csv: Tabular {
        var rows: [[JSONValue]] = sheet.summary.map { table in
            let row = table.rows.first
            return [
                .string("summary"), .string(table.measure.rawValue), row?.jsonValue(table.measure) ?? .null,
                .bool(row?.suppressed ?? false),
            ]
        }
        for section in sheet.sections {
            rows += section.rows.map { row in
                [
                    .string(section.dimensions[0].rawValue), .string(row.values[0]), row.jsonValue(section.measure),
                    .bool(row.suppressed),
                ]
            }
        }
        return Tabular(
            columns: ["section", "category", "value", "suppressed"], rows: rows, note: ReportLegend.perturbationNote)
    }

    /// The headline figures as a definition list, then each section with its bar chart.
    public var html: HTMLPage {
        var body = "<dl class=\"summary\">\n"
        body += headline.map { figure in
            let text = figure.text == ReportLegend.suppressedMark ? catalogue["report_suppressed"] : figure.text
            return "<dt>\(HTMLPage.escape(figure.label))</dt><dd>\(HTMLPage.escape(text))</dd>"
        }.joined(separator: "\n")
        body += "\n</dl>\n"
        for (index, section) in sheet.sections.enumerated() {
            body += sectionView(section).htmlSection(level: 2, idPrefix: "section-\(index + 1)")
        }
        return HTMLPage(
            title: title,
            subtitle: place + ". " + ReportLegend.subtitle(sheet.period, sheet.minCell, exact: false, catalogue),
            body: body, language: language)
    }
}
