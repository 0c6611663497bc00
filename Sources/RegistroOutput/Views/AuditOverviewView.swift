import RegistroKit

/// A privacy officer's overview of the audit log (`audit overview`): whether the log verifies,
/// its size, then seven sections (denials by organisation and by user, emergency accesses, reads
/// of sensitive data, reads under consents withdrawn since, organisations serving people other
/// organisations own, series of reports by one user), built once as one list and rendered as
/// text, as a standalone HTML page and as JSON.
public struct AuditOverviewView: TextView, HTMLView {
    /// What the view shows, for sentences.
    public static let noun = "the audit overview"

    /// The overview shown.
    public let overview: AuditOverview
    /// The outcome of verifying the log.
    public let verification: AuditVerification
    /// What the text says after `none` when no checkpoint was made yet, e.g. how to make one
    /// with the front end at hand; nothing when `nil`.
    public let checkpointAdvice: String?

    /// The view of `overview`, with the `verification` of the log.
    /// The language of the text and HTML renderings.
    public let language: Language

    /// The view of `overview` with `verification`, its text and HTML in `language`.
    public init(
        _ overview: AuditOverview, verification: AuditVerification, checkpointAdvice: String? = nil,
        language: Language = .english
    ) {
        self.overview = overview
        self.verification = verification
        self.checkpointAdvice = checkpointAdvice
        self.language = language
    }

    /// The strings of the view's language.
    private var catalogue: Catalogue { Catalogue.of(language) }

    /// The seven sections, in order, as people read them: times in the display time zone.
    var sections: [TitledTable] { sections(written: true) }

    /// The seven sections, in order; their times `written` as people read them, or as recorded.
    private func sections(written: Bool) -> [TitledTable] {
        let overview = overview
        let catalogue = catalogue
        func time(_ iso: String) -> JSONValue { .string(written ? catalogue.date(iso) : iso) }
        let tables = [
            TitledTable(
                key: "denials_by_organisation", title: catalogue["cli_overview_denials_by_organisation"],
                empty: catalogue["cli_overview_denials_by_organisation_empty"],
                columns: ["org", "actions", "denials", "last"],
                rows: overview.denialsByOrganisation.map {
                    [.text($0.org), .array($0.actions.map(JSONValue.string)), .int($0.count), time($0.lastTime)]
                }),
            TitledTable(
                key: "denials_by_user", title: catalogue["cli_overview_denials_by_user"],
                empty: catalogue["cli_overview_denials_by_user_empty"],
                columns: ["org", "user", "actions", "denials", "last"],
                rows: overview.denialsByUser.map {
                    [
                        .text($0.org), .text($0.actor), .array($0.actions.map(JSONValue.string)), .int($0.count),
                        time($0.lastTime),
                    ]
                }),
            TitledTable(
                key: "emergency_accesses", title: catalogue["cli_overview_emergency_accesses"],
                empty: catalogue["cli_overview_emergency_accesses_empty"],
                columns: [
                    "seq", "time", "user", "org", "action", "person", "category", "purpose", "emergency", "decision",
                ],
                rows: overview.emergencyAccesses.map {
                    [
                        .int($0.seq), time($0.time), .text($0.actor), .text($0.org), .string($0.action),
                        .text($0.subject), .text($0.category), .text($0.purpose), .text($0.emergencyReference),
                        .string($0.decision),
                    ]
                }),
            TitledTable(
                key: "sensitive_reads", title: catalogue["cli_overview_sensitive_reads"],
                empty: catalogue["cli_overview_sensitive_reads_empty"],
                columns: ["seq", "time", "user", "org", "action", "person", "purpose", "consents", "emergency"],
                rows: overview.sensitiveReads.map {
                    [
                        .int($0.seq), time($0.time), .text($0.actor), .text($0.org), .string($0.action),
                        .text($0.subject), .text($0.purpose), .array($0.consents.map(JSONValue.string)),
                        .string($0.emergency ? catalogue["cli_overview_emergency_yes"] : ""),
                    ]
                }),
            TitledTable(
                key: "reads_under_withdrawn_consent", title: catalogue["cli_overview_reads_under_withdrawn_consent"],
                empty: catalogue["cli_overview_reads_under_withdrawn_consent_empty"],
                columns: ["seq", "time", "user", "org", "person", "category", "purpose", "consent", "withdrawn"],
                rows: overview.readsUnderWithdrawnConsent.map {
                    [
                        .int($0.read.seq), time($0.read.time), .text($0.read.actor), .text($0.read.org),
                        .text($0.read.subject), .text($0.read.category), .text($0.read.purpose), .string($0.consent),
                        time($0.revokedAt),
                    ]
                }),
            TitledTable(
                key: "serving_starts", title: catalogue["cli_overview_serving_starts"],
                empty: catalogue["cli_overview_serving_starts_empty"],
                columns: ["org", "person", "owner", "since", "deliveries"],
                rows: overview.servingStarts.map {
                    [
                        .string($0.org), .string($0.beneficiary), .string($0.owner), time($0.since),
                        .int($0.deliveries),
                    ]
                }),
            TitledTable(
                key: "report_series", title: catalogue["cli_overview_report_series"],
                empty: catalogue["cli_overview_report_series_empty"],
                columns: ["user", "org", "reports", "last", "details"],
                rows: overview.reportSeries.map {
                    [
                        .string($0.actor), .text($0.org), .int($0.count), time($0.lastTime),
                        .array($0.details.map(JSONValue.string)),
                    ]
                }),
        ]
        return tables.map { $0.headed(in: catalogue) }
    }

    /// The last checkpoint as `entry SEQ, TIME`, or `nil` when none was made.
    private var checkpointText: String? {
        overview.lastCheckpoint.map {
            catalogue.text("cli_overview_checkpoint_entry", ["seq": String($0.seq), "time": catalogue.time($0.time)])
        }
    }

    /// The size of the log, the verification, the last checkpoint, then the sections.
    public var text: String {
        let span =
            overview.firstTime.flatMap { first in
                overview.lastTime.map {
                    catalogue.text(
                        "cli_overview_span", ["first": catalogue.time(first), "last": catalogue.time($0)])
                }
            } ?? ""
        var text =
            catalogue.text(
                "cli_overview_head",
                [
                    "title": catalogue["cli_overview_title"], "entries": String(overview.entries), "span": span,
                    "denials": String(overview.denials),
                ]) + "\n" + catalogue.timeZoneNote() + "\n"
        text += catalogue[verification.isValid ? "cli_overview_verification" : "cli_overview_verification_failed"]
        text += AuditVerificationView(verification, language: language).summaryText + "\n"
        let none = catalogue["cli_overview_checkpoint_none"] + (checkpointAdvice.map { "; " + $0 } ?? "")
        text += catalogue["cli_overview_checkpoint"] + (checkpointText ?? none) + "\n"
        return text + sections.map(\.text).joined()
    }

    public var html: HTMLPage {
        var body = HTMLPage.paragraph(
            catalogue[verification.isValid ? "cli_overview_verifies" : "cli_overview_does_not_verify"],
            class: verification.isValid ? "ok" : "alert")
        body += HTMLPage.paragraph(
            AuditVerificationView(verification, language: language).summaryText, class: "small")
        body += HTMLPage.table(
            columns: ["entries", "first", "last", "denials", "last_checkpoint"].map { catalogue["cli_column_\($0)"] },
            rows: [
                [
                    String(overview.entries), overview.firstTime.map { catalogue.time($0) } ?? "",
                    overview.lastTime.map { catalogue.time($0) } ?? "",
                    String(overview.denials),
                    checkpointText ?? catalogue["cli_overview_checkpoint_none"],
                ]
            ])
        body += HTMLPage.paragraph(catalogue.timeZoneNote(), class: "small")
        body += sections.map(\.html).joined()
        return HTMLPage(
            title: catalogue["cli_overview_title"], subtitle: catalogue["cli_overview_subtitle"], body: body,
            language: language)
    }

    /// `entries`, `first`, `last`, `denials`, `last_checkpoint` (`seq` and `time`, or null),
    /// `verification` (as `audit verify` gives it), then each section by its key, as an array
    /// of objects keyed by its columns.
    public var json: JSONValue {
        let checkpoint: JSONValue =
            overview.lastCheckpoint.map {
                .object([("seq", .int($0.seq)), ("time", .string($0.time))])
            } ?? .null
        return .object(
            [
                ("entries", .int(overview.entries)), ("first", .text(overview.firstTime)),
                ("last", .text(overview.lastTime)),
                ("denials", .int(overview.denials)), ("last_checkpoint", checkpoint),
                ("verification", AuditVerificationView(verification).json),
            ] + sections(written: false).map { ($0.key, $0.json) })
    }
}
