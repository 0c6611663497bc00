import RegistroKit

/// The library's renderings the pages embed: a report's HTML section with its SVG charts, its
/// CSV, a monitoring sheet's sections, a person's export as JSON. Kept in one place so that the
/// pages follow wherever the renderers live.
enum ReportMarkup {
    /// A report table as an HTML section (heading level 2), with its charts and legend.
    static func html(_ table: ReportTable) -> String {
        table.htmlSection(level: 2)
    }

    /// A report table as CSV.
    static func csv(_ table: ReportTable) -> String {
        table.csv()
    }

    /// A monitoring sheet's summary and sections as HTML sections, each with its charts.
    static func html(_ sheet: MonitoringSheet) -> String {
        (sheet.summary + sheet.sections).enumerated().map { index, table in
            table.htmlSection(level: 2, idPrefix: "section-\(index + 1)")
        }.joined()
    }

    /// A person's export as indented JSON.
    static func json(_ export: SubjectExport) -> String {
        export.json.encoded(pretty: true)
    }
}
