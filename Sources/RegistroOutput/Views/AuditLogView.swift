import RegistroKit

/// Audit entries (`audit log`): on a terminal the fields a person reads; in JSON and CSV every
/// field of an entry. In Italian the terminal's headings, decisions, data categories and purposes
/// are worded as the access-log page words them; in English the terminal shows the codes.
public struct AuditLogView: TextView, CSVView {
    /// What the view shows, for sentences.
    public static let noun = "the audit log"

    /// The keys of an entry in JSON and the columns of CSV: the published keys first (`seq`,
    /// `time`, `actor`, `org`, `action`, `resource`, `category`, `purpose`, `decision`,
    /// `policies`, `hash`), then the other fields of the entry.
    public static let columns = [
        "seq", "time", "actor", "org", "action", "resource", "category", "purpose", "decision", "policies", "hash",
        "subject", "consents", "emergency", "emergency_ref", "row_count", "file_digest", "detail", "policy_set",
        "prev_hash",
    ]

    /// The columns on a terminal: what a person reads.
    public static let terminalColumns = [
        "seq", "time", "actor", "org", "action", "resource", "category", "purpose", "decision", "policies", "detail",
    ]

    /// The entries shown, in order.
    public let entries: [AuditEntry]

    /// The language of the terminal rendering.
    public let language: Language

    /// The view of `entries`, its terminal rendering in `language`.
    public init(_ entries: [AuditEntry], language: Language = .english) {
        self.entries = entries
        self.language = language
    }

    /// The terminal's heading of each of `terminalColumns`, in Italian.
    static let italianHeadingKeys = [
        "audit_seq", "audit_time", "audit_actor", "cli_audit_org", "audit_action", "cli_audit_resource",
        "audit_category", "cli_audit_purpose", "audit_decision", "cli_audit_policies", "cli_audit_detail",
    ]

    /// The entry's terminal values in Italian: the time `GG/MM/AAAA hh:mm`, the decision, the data
    /// category and the purpose in words, the rest as it is.
    private func italianRow(_ entry: AuditEntry, _ catalogue: Catalogue) -> [JSONValue] {
        let decision =
            catalogue["decision_\(entry.decision)"] + (entry.emergency ? " (\(catalogue["audit_emergency"]))" : "")
        return [
            .int(entry.seq), .string(catalogue.time(entry.time)), .text(entry.actor), .text(entry.org),
            .string(entry.action), .text(entry.resource),
            .text(entry.category.map { catalogue.strings["category_\($0)"] ?? $0 }),
            .text(entry.purpose.map { catalogue.strings["purpose_\($0)"] ?? $0 }), .string(decision),
            .array(entry.policies.map(JSONValue.string)), .text(entry.detail.map(DisplayTime.current.momentsWritten)),
        ]
    }

    /// The entry's values, one per name in `columns`.
    static func values(of entry: AuditEntry) -> [JSONValue] {
        [
            .int(entry.seq), .string(entry.time), .text(entry.actor), .text(entry.org), .string(entry.action),
            .text(entry.resource), .text(entry.category), .text(entry.purpose), .string(entry.decision),
            .array(entry.policies.map(JSONValue.string)), .string(Hex.encode(entry.hash)), .text(entry.subject),
            .array(entry.consents.map(JSONValue.string)), .bool(entry.emergency), .text(entry.emergencyReference),
            entry.rowCount.map(JSONValue.int) ?? .null, .text(entry.fileDigest.map { Hex.encode($0) }),
            .text(entry.detail), .string(Hex.encode(entry.policySet)), .string(Hex.encode(entry.previousHash)),
        ]
    }

    /// Every field of each entry.
    public var csv: Tabular {
        Tabular(columns: Self.columns, rows: entries.map(Self.values))
    }

    /// An array of objects keyed by `columns`.
    public var json: JSONValue {
        csv.jsonValue
    }

    /// The terminal columns of each entry, aligned, times in the display time zone, which the time
    /// column's heading names.
    public var text: String {
        let catalogue = Catalogue.of(language)
        let zone = " (\(DisplayTime.current.zoneName))"
        if language == .italian {
            let headings = Self.italianHeadingKeys.map { catalogue[$0] + ($0 == "audit_time" ? zone : "") }
            return Tabular(columns: headings, rows: entries.map { italianRow($0, catalogue) }).alignedText()
        }
        let positions = Self.terminalColumns.compactMap { Self.columns.firstIndex(of: $0) }
        let timePosition = Self.columns.firstIndex(of: "time")
        let detailPosition = Self.columns.firstIndex(of: "detail")
        let rows = entries.map { entry in
            var values = Self.values(of: entry)
            if let timePosition { values[timePosition] = .string(catalogue.time(entry.time)) }
            if let detailPosition, let detail = entry.detail {
                values[detailPosition] = .string(DisplayTime.current.momentsWritten(in: detail))
            }
            return positions.map { values[$0] }
        }
        let headings = Self.terminalColumns.map { $0 == "time" ? $0 + zone : $0 }
        return Tabular(columns: headings, rows: rows).alignedText()
    }
}
