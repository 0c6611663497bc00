import RegistroKit
import RegistroOutput

/// The RegistroOutput renderings the pages embed: a report's HTML section with its SVG charts,
/// its CSV, a monitoring sheet's figures and sections, a person's export as JSON. Kept in one
/// place so that the pages show what the command line's views show.
enum ReportMarkup {
    /// A report table as an HTML section (heading level 2), with its charts and legend, in
    /// the page's `language`.
    static func html(_ table: ReportTable, _ language: Language) -> String {
        ReportTableView(table, language: language).htmlSection(level: 2)
    }

    /// A report table as CSV.
    static func csv(_ table: ReportTable) -> String {
        ReportTableView(table).csv.csvText()
    }

    /// A monitoring sheet's headline figures and sections as HTML, each section with its charts,
    /// in the page's `language`.
    static func html(_ sheet: MonitoringSheet, _ language: Language) -> String {
        MonitoringSheetView(sheet, language: language).html.body
    }

    /// A person's export as indented JSON.
    static func json(_ export: SubjectExport) -> String {
        SubjectExportView(export).json.encoded(pretty: true)
    }
}
