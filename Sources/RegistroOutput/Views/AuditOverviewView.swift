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
    public init(_ overview: AuditOverview, verification: AuditVerification, checkpointAdvice: String? = nil) {
        self.overview = overview
        self.verification = verification
        self.checkpointAdvice = checkpointAdvice
    }

    /// The seven sections, in order.
    var sections: [TitledTable] {
        let overview = overview
        return [
            TitledTable(
                key: "denials_by_organisation", title: "Denials by organisation", empty: "no denial",
                columns: ["org", "actions", "denials", "last"],
                rows: overview.denialsByOrganisation.map {
                    [.text($0.org), .array($0.actions.map(JSONValue.string)), .int($0.count), .string($0.lastTime)]
                }),
            TitledTable(
                key: "denials_by_user", title: "Denials by user", empty: "no denial",
                columns: ["org", "user", "actions", "denials", "last"],
                rows: overview.denialsByUser.map {
                    [
                        .text($0.org), .text($0.actor), .array($0.actions.map(JSONValue.string)), .int($0.count),
                        .string($0.lastTime),
                    ]
                }),
            TitledTable(
                key: "emergency_accesses", title: "Emergency accesses", empty: "no emergency access",
                columns: [
                    "seq", "time", "user", "org", "action", "person", "category", "purpose", "emergency", "decision",
                ],
                rows: overview.emergencyAccesses.map {
                    [
                        .int($0.seq), .string($0.time), .text($0.actor), .text($0.org), .string($0.action),
                        .text($0.subject), .text($0.category), .text($0.purpose), .text($0.emergencyReference),
                        .string($0.decision),
                    ]
                }),
            TitledTable(
                key: "sensitive_reads", title: "Reads of sensitive data", empty: "no read of the sensitive category",
                columns: ["seq", "time", "user", "org", "action", "person", "purpose", "consents", "emergency"],
                rows: overview.sensitiveReads.map {
                    [
                        .int($0.seq), .string($0.time), .text($0.actor), .text($0.org), .string($0.action),
                        .text($0.subject), .text($0.purpose), .array($0.consents.map(JSONValue.string)),
                        .string($0.emergency ? "yes" : ""),
                    ]
                }),
            TitledTable(
                key: "reads_under_withdrawn_consent", title: "Reads under consents since withdrawn",
                empty: "no read relied on a consent withdrawn since",
                columns: ["seq", "time", "user", "org", "person", "category", "purpose", "consent", "withdrawn"],
                rows: overview.readsUnderWithdrawnConsent.map {
                    [
                        .int($0.read.seq), .string($0.read.time), .text($0.read.actor), .text($0.read.org),
                        .text($0.read.subject), .text($0.read.category), .text($0.read.purpose), .string($0.consent),
                        .string($0.revokedAt),
                    ]
                }),
            TitledTable(
                key: "serving_starts", title: "Organisations serving people other organisations own",
                empty: "every delivery is by the person's owner",
                columns: ["org", "person", "owner", "since", "deliveries"],
                rows: overview.servingStarts.map {
                    [
                        .string($0.org), .string($0.beneficiary), .string($0.owner), .string($0.since),
                        .int($0.deliveries),
                    ]
                }),
            TitledTable(
                key: "report_series", title: "Series of reports by one user", empty: "no user asked two reports",
                columns: ["user", "org", "reports", "last", "details"],
                rows: overview.reportSeries.map {
                    [
                        .string($0.actor), .text($0.org), .int($0.count), .string($0.lastTime),
                        .array($0.details.map(JSONValue.string)),
                    ]
                }),
        ]
    }

    /// The last checkpoint as `entry SEQ, TIME`, or `nil` when none was made.
    private var checkpointText: String? {
        overview.lastCheckpoint.map { "entry \($0.seq), \($0.time)" }
    }

    /// The size of the log, the verification, the last checkpoint, then the sections.
    public var text: String {
        var text = "Audit overview: \(overview.entries) entries"
        if let first = overview.firstTime, let last = overview.lastTime {
            text += " from \(first) to \(last)"
        }
        text += ", \(overview.denials) denials\n"
        text += (verification.isValid ? "Verification: " : "VERIFICATION FAILED: ") + verification.summary + "\n"
        text += "Last checkpoint: " + (checkpointText ?? "none" + (checkpointAdvice.map { "; " + $0 } ?? "")) + "\n"
        return text + sections.map(\.text).joined()
    }

    /// The verification, a table of the log's size and last checkpoint, then the sections.
    public var html: HTMLPage {
        var body = HTMLPage.paragraph(
            verification.isValid ? "The audit log verifies." : "The audit log does not verify.",
            class: verification.isValid ? "ok" : "alert")
        body += HTMLPage.paragraph(verification.summary, class: "small")
        body += HTMLPage.table(
            columns: ["entries", "first", "last", "denials", "last checkpoint"],
            rows: [
                [
                    String(overview.entries), overview.firstTime ?? "", overview.lastTime ?? "",
                    String(overview.denials),
                    checkpointText ?? "none",
                ]
            ])
        body += sections.map(\.html).joined()
        return HTMLPage(
            title: "Audit overview", subtitle: "Registro: who accessed what, and what was refused", body: body)
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
            ] + sections.map { ($0.key, $0.json) })
    }
}
