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
    public init(_ accesses: [EmergencyAccessReview], unreviewedOnly: Bool) {
        self.accesses = accesses
        self.unreviewedOnly = unreviewedOnly
    }

    /// Each access on a line, then its reason and its review, indented.
    public var text: String {
        guard !accesses.isEmpty else {
            return unreviewedOnly ? "no emergency access waits for review\n" : "no emergency access\n"
        }
        var lines: [String] = []
        for access in accesses {
            lines.append(
                "\(access.id) on \(access.beneficiary) by \(access.user) for \(access.purpose), "
                    + "\(access.openedAt) until \(access.expiresAt)")
            lines.append("  reason: \(access.reason)")
            if let reviewedAt = access.reviewedAt {
                lines.append("  reviewed \(reviewedAt) by \(access.reviewedBy ?? ""): \(access.note ?? "")")
            } else {
                lines.append("  not reviewed")
            }
        }
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
