import RegistroKit

/// What the audit log says about one person (`audit subject-report`, GDPR art. 15): their
/// reads, lookups and exports with the basis of each, then the changes, then the organisations
/// that received the data. Text and HTML show the two sections; JSON gives every field of each
/// entry and its basis; CSV one row per entry with its section.
public struct SubjectReportView: TextView, CSVView, HTMLView {
    /// What the view shows, for sentences.
    public static let noun = "a subject report"

    /// The report shown.
    public let report: SubjectReport

    /// The view of `report`.
    /// The language of the text and HTML renderings.
    public let language: Language

    /// The view of `report`, its text and HTML in `language`.
    public init(_ report: SubjectReport, language: Language = .english) {
        self.report = report
        self.language = language
    }

    /// The strings of the view's language.
    private var catalogue: Catalogue { Catalogue.of(language) }

    /// The two sections, built once for text and HTML, times in the display time zone.
    private var sections: [TitledTable] {
        let report = report
        let catalogue = catalogue
        let tables = [
            TitledTable(
                key: "accesses", title: catalogue["cli_subject_report_accesses"],
                empty: catalogue["cli_subject_report_none"],
                columns: [
                    "seq", "time", "user", "org", "action", "category", "purpose", "decision", "basis", "policies",
                ],
                rows: report.accesses.map { entry in
                    [
                        .int(entry.seq), .string(catalogue.time(entry.time)), .text(entry.actor), .text(entry.org),
                        .string(entry.action),
                        .text(entry.category), .text(entry.purpose), .string(entry.decision),
                        .string(report.basis(of: entry)), .array(entry.policies.map(JSONValue.string)),
                    ]
                }),
            TitledTable(
                key: "changes", title: catalogue["cli_subject_report_changes"],
                empty: catalogue["cli_subject_report_none"],
                columns: ["seq", "time", "user", "org", "action", "resource", "category", "decision", "detail"],
                rows: report.changes.map { entry in
                    [
                        .int(entry.seq), .string(catalogue.time(entry.time)), .text(entry.actor), .text(entry.org),
                        .string(entry.action),
                        .text(entry.resource), .text(entry.category), .string(entry.decision),
                        .text(entry.detail.map(DisplayTime.current.momentsWritten)),
                    ]
                }),
        ]
        return tables.map { $0.headed(in: catalogue) }
    }

    private var recipientsText: String {
        report.recipients.isEmpty
            ? catalogue["cli_subject_report_no_recipients"] : report.recipients.joined(separator: ", ")
    }

    /// The heading, the display time zone, the two sections, the recipients.
    public var text: String {
        catalogue.text("cli_subject_report_title", ["person": report.beneficiary, "owner": report.owner]) + "\n"
            + catalogue.timeZoneNote() + "\n" + sections.map(\.text).joined()
            + "\n" + catalogue.text("cli_subject_report_recipients", ["recipients": recipientsText]) + "\n"
    }

    /// The two sections and the recipients as a standalone page.
    public var html: HTMLPage {
        HTMLPage(
            title: catalogue.text("cli_subject_report_page_title", ["person": report.beneficiary]),
            subtitle: catalogue.text("cli_subject_report_subtitle", ["owner": report.owner]),
            body: HTMLPage.paragraph(catalogue.timeZoneNote(), class: "small") + sections.map(\.html).joined()
                + HTMLPage.paragraph(
                    catalogue.text("cli_subject_report_recipients", ["recipients": recipientsText]) + ".",
                    class: "small"),
            language: language)
    }

    /// `beneficiary`, `owner`, `recipients`, then `accesses` and `changes`: every field of each
    /// entry (the audit log's keys) and its `basis`.
    public var json: JSONValue {
        let report = report
        func object(_ entry: AuditEntry) -> JSONValue {
            .object(
                Array(zip(AuditLogView.columns, AuditLogView.values(of: entry)))
                    + [("basis", .string(report.basis(of: entry)))])
        }
        return .object([
            ("beneficiary", .string(report.beneficiary)),
            ("owner", .string(report.owner)),
            ("recipients", .array(report.recipients.map(JSONValue.string))),
            ("accesses", .array(report.accesses.map(object))),
            ("changes", .array(report.changes.map(object))),
        ])
    }

    /// One row per entry: `section` (`access` or `change`), the audit log's columns, `basis`.
    public var csv: Tabular {
        let report = report
        func row(_ section: String, _ entry: AuditEntry) -> [JSONValue] {
            [.string(section)] + AuditLogView.values(of: entry) + [.string(report.basis(of: entry))]
        }
        let rows = report.accesses.map { row("access", $0) } + report.changes.map { row("change", $0) }
        return Tabular(columns: ["section"] + AuditLogView.columns + ["basis"], rows: rows)
    }
}
