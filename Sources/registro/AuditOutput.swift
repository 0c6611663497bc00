import RegistroKit

/// How `audit subject-report` prints a report.
enum SubjectReportOutput {
    /// The report in `format`: sections for a terminal; one object for JSON; one row per
    /// entry, with its section, for CSV.
    static func rendered(_ report: SubjectReport, as format: OutputFormat) -> String {
        switch format {
        case .table: text(report)
        case .json: json(report).encoded(pretty: true) + "\n"
        case .csv: csv(report)
        }
    }

    private static func text(_ report: SubjectReport) -> String {
        var text = "Audit trail of beneficiary \(report.beneficiary) (owner \(report.owner))\n\n"
        text += "Reads, lookups and exports (\(report.accesses.count)):\n"
        text += report.accesses.isEmpty
            ? "  none\n"
            : Tabular(
                columns: ["seq", "time", "user", "org", "action", "category", "purpose", "decision", "basis", "policies"],
                rows: report.accesses.map { entry in
                    [.int(entry.seq), .string(entry.time), .text(entry.actor), .text(entry.org), .string(entry.action),
                     .text(entry.category), .text(entry.purpose), .string(entry.decision), .string(report.basis(of: entry)),
                     .array(entry.policies.map(JSONValue.string))]
                }).rendered(as: .table)
        text += "\nChanges (\(report.changes.count)):\n"
        text += report.changes.isEmpty
            ? "  none\n"
            : Tabular(
                columns: ["seq", "time", "user", "org", "action", "resource", "category", "decision", "detail"],
                rows: report.changes.map { entry in
                    [.int(entry.seq), .string(entry.time), .text(entry.actor), .text(entry.org), .string(entry.action),
                     .text(entry.resource), .text(entry.category), .string(entry.decision), .text(entry.detail)]
                }).rendered(as: .table)
        text += "\nOrganisations that received the data: "
        text += (report.recipients.isEmpty ? "none besides the owner" : report.recipients.joined(separator: ", ")) + "\n"
        return text
    }

    private static func json(_ report: SubjectReport) -> JSONValue {
        func object(_ entry: AuditEntry) -> JSONValue {
            .object(Array(zip(AuditEntry.columns, entry.values)) + [("basis", .string(report.basis(of: entry)))])
        }
        return .object([
            ("beneficiary", .string(report.beneficiary)),
            ("owner", .string(report.owner)),
            ("recipients", .array(report.recipients.map(JSONValue.string))),
            ("accesses", .array(report.accesses.map(object))),
            ("changes", .array(report.changes.map(object))),
        ])
    }

    private static func csv(_ report: SubjectReport) -> String {
        let rows = report.accesses.map { [JSONValue.string("access")] + $0.values + [.string(report.basis(of: $0))] }
            + report.changes.map { [JSONValue.string("change")] + $0.values + [.string(report.basis(of: $0))] }
        return Tabular(columns: ["section"] + AuditEntry.columns + ["basis"], rows: rows).rendered(as: .csv)
    }
}

/// How `audit overview` prints the overview on a terminal.
enum AuditOverviewOutput {
    /// The overview as sections of aligned tables.
    static func text(_ overview: AuditOverview, verification: AuditVerification) -> String {
        var text = "Audit overview: \(overview.entries) entries"
        if let first = overview.firstTime, let last = overview.lastTime {
            text += " from \(first) to \(last)"
        }
        text += ", \(overview.denials) denials\n"
        text += (verification.isValid ? "Verification: " : "VERIFICATION FAILED: ") + verification.summary + "\n"
        text += "Last checkpoint: " + (overview.lastCheckpoint.map { "entry \($0.seq), \($0.time)" } ?? "none; make one with `registro audit checkpoint`") + "\n"
        text += section(
            "Denials by organisation", empty: "no denial", columns: ["org", "actions", "denials", "last"],
            rows: overview.denialsByOrganisation.map {
                [.text($0.org), .string($0.actions.joined(separator: ",")), .int($0.count), .string($0.lastTime)]
            })
        text += section(
            "Denials by user", empty: "no denial", columns: ["org", "user", "actions", "denials", "last"],
            rows: overview.denialsByUser.map {
                [.text($0.org), .text($0.actor), .string($0.actions.joined(separator: ",")), .int($0.count), .string($0.lastTime)]
            })
        text += section(
            "Emergency accesses", empty: "no emergency access",
            columns: ["seq", "time", "user", "org", "action", "person", "category", "purpose", "emergency", "decision"],
            rows: overview.emergencyAccesses.map {
                [.int($0.seq), .string($0.time), .text($0.actor), .text($0.org), .string($0.action), .text($0.subject),
                 .text($0.category), .text($0.purpose), .text($0.emergencyReference), .string($0.decision)]
            })
        text += section(
            "Reads of sensitive data", empty: "no read of the sensitive category",
            columns: ["seq", "time", "user", "org", "action", "person", "purpose", "consents", "emergency"],
            rows: overview.sensitiveReads.map {
                [.int($0.seq), .string($0.time), .text($0.actor), .text($0.org), .string($0.action), .text($0.subject),
                 .text($0.purpose), .array($0.consents.map(JSONValue.string)), .string($0.emergency ? "yes" : "")]
            })
        text += section(
            "Reads under consents since withdrawn", empty: "no read relied on a consent withdrawn since",
            columns: ["seq", "time", "user", "org", "person", "category", "purpose", "consent", "withdrawn"],
            rows: overview.readsUnderWithdrawnConsent.map {
                [.int($0.read.seq), .string($0.read.time), .text($0.read.actor), .text($0.read.org), .text($0.read.subject),
                 .text($0.read.category), .text($0.read.purpose), .string($0.consent), .string($0.revokedAt)]
            })
        text += section(
            "Organisations that started serving another's person", empty: "every delivery is by the person's owner",
            columns: ["org", "person", "owner", "since", "deliveries"],
            rows: overview.servingStarts.map {
                [.string($0.org), .string($0.beneficiary), .string($0.owner), .string($0.since), .int($0.deliveries)]
            })
        return text
    }

    private static func section(_ title: String, empty: String, columns: [String], rows: [[JSONValue]]) -> String {
        "\n\(title) (\(rows.count)):\n" + (rows.isEmpty ? "  \(empty)\n" : Tabular(columns: columns, rows: rows).rendered(as: .table))
    }
}
