import RegistroKit

/// The emergency accesses on an organisation's people (`audit emergency`): one block of text
/// each for the privacy officer's review, one row each in CSV and JSON.
public struct EmergencyAccessListView: TextView, CSVView {
    /// What the view shows, for sentences.
    public static let noun = "the list of emergency accesses"

    /// The accesses shown, in order.
    public let accesses: [EmergencyAccessReview]
    /// Whether only the accesses not reviewed yet were asked for, for the text of an empty list.
    public let unreviewedOnly: Bool

    /// The view of `accesses`, all of them or (`unreviewedOnly`) those waiting for review.
    /// The language of the text rendering.
    public let language: Language

    /// The view of `accesses`, all of them or those not reviewed yet, its text in `language`.
    public init(_ accesses: [EmergencyAccessReview], unreviewedOnly: Bool, language: Language = .english) {
        self.accesses = accesses
        self.unreviewedOnly = unreviewedOnly
        self.language = language
    }

    /// Each access on a line, then its reason and its review, indented; times in the display time
    /// zone, named on the last line.
    public var text: String {
        let catalogue = Catalogue.of(language)
        guard !accesses.isEmpty else {
            return catalogue[unreviewedOnly ? "cli_emergency_none_unreviewed" : "cli_emergency_none"] + "\n"
        }
        var lines: [String] = []
        for access in accesses {
            let purpose =
                language == .italian ? catalogue.strings["purpose_\(access.purpose)"] ?? access.purpose : access.purpose
            lines.append(
                catalogue.text(
                    "cli_emergency_line",
                    [
                        "id": access.id, "person": access.beneficiary, "user": access.user, "purpose": purpose,
                        "opened": catalogue.time(access.openedAt), "until": catalogue.time(access.expiresAt),
                    ]))
            // Free text goes after the catalogue's words, never through a template's placeholders.
            lines.append(catalogue["cli_emergency_reason"] + access.reason)
            if let reviewedAt = access.reviewedAt {
                lines.append(
                    catalogue.text(
                        "cli_emergency_reviewed", ["time": catalogue.time(reviewedAt), "user": access.reviewedBy ?? ""])
                        + (access.note ?? ""))
            } else {
                lines.append(catalogue["cli_emergency_not_reviewed"])
            }
        }
        lines.append(catalogue.timeZoneNote())
        return lines.joined(separator: "\n") + "\n"
    }

    /// `id`, `beneficiary`, `owner`, `user`, `purpose`, `opened_at`, `expires_at`, `reason`,
    /// `reviewed_at`, `reviewed_by`, `note`; the last three empty (`null` in JSON) while the
    /// access waits for review.
    public var csv: Tabular {
        Tabular(
            columns: [
                "id", "beneficiary", "owner", "user", "purpose", "opened_at", "expires_at", "reason", "reviewed_at",
                "reviewed_by", "note",
            ],
            rows: accesses.map { access in
                [
                    .string(access.id), .string(access.beneficiary), .string(access.owner), .string(access.user),
                    .string(access.purpose), .string(access.openedAt), .string(access.expiresAt),
                    .string(access.reason), access.reviewedAt.map(JSONValue.string) ?? .null,
                    access.reviewedBy.map(JSONValue.string) ?? .null, access.note.map(JSONValue.string) ?? .null,
                ]
            })
    }

    /// The rows of the CSV as objects keyed by column.
    public var json: JSONValue { csv.jsonValue }
}
