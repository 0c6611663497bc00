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
    public init(_ report: SubjectReport) {
        self.report = report
    }

    /// The two sections, built once for text and HTML.
    private var sections: [TitledTable] {
        let report = report
        return [
            TitledTable(
                key: "accesses", title: "Reads, lookups and exports", empty: "none",
                columns: [
                    "seq", "time", "user", "org", "action", "category", "purpose", "decision", "basis", "policies",
                ],
                rows: report.accesses.map { entry in
                    [
                        .int(entry.seq), .string(entry.time), .text(entry.actor), .text(entry.org),
                        .string(entry.action),
                        .text(entry.category), .text(entry.purpose), .string(entry.decision),
                        .string(report.basis(of: entry)), .array(entry.policies.map(JSONValue.string)),
                    ]
                }),
            TitledTable(
                key: "changes", title: "Changes", empty: "none",
                columns: ["seq", "time", "user", "org", "action", "resource", "category", "decision", "detail"],
                rows: report.changes.map { entry in
                    [
                        .int(entry.seq), .string(entry.time), .text(entry.actor), .text(entry.org),
                        .string(entry.action),
                        .text(entry.resource), .text(entry.category), .string(entry.decision), .text(entry.detail),
                    ]
                }),
        ]
    }

    private var recipientsText: String {
        report.recipients.isEmpty ? "none besides the owner" : report.recipients.joined(separator: ", ")
    }

    /// The heading, the two sections, the recipients.
    public var text: String {
        "Audit trail of beneficiary \(report.beneficiary) (owner \(report.owner))\n"
            + sections.map(\.text).joined()
            + "\nOrganisations that received the data: \(recipientsText)\n"
    }

    /// The two sections and the recipients as a standalone page.
    public var html: HTMLPage {
        HTMLPage(
            title: "Audit trail of beneficiary \(report.beneficiary)",
            subtitle: "Owner \(report.owner). Who read, looked up or changed the person's data (GDPR art. 15).",
            body: sections.map(\.html).joined()
                + HTMLPage.paragraph("Organisations that received the data: \(recipientsText).", class: "small"))
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
