import RegistroKit

/// The emergency accesses waiting for (or past) their review (`audit emergency`,
/// `GET /api/emergency-accesses`): on a terminal two or three lines each; in JSON an array of
/// objects with `id`, `beneficiary`, `owner`, `user`, `purpose`, `opened_at`, `expires_at`,
/// `reason`, `reviewed_at`, `reviewed_by` and `note` (the last three `null` until reviewed).
public struct EmergencyAccessListView: TextView {
    /// What the view shows, for sentences.
    public static let noun = "the emergency accesses"

    /// The accesses shown, oldest first.
    public let accesses: [EmergencyAccessReview]
    /// Whether only the accesses waiting for review were asked for (it words the empty list).
    public let unreviewedOnly: Bool

    /// The view of `accesses`, the unreviewed ones only when `unreviewedOnly`.
    public init(_ accesses: [EmergencyAccessReview], unreviewedOnly: Bool) {
        self.accesses = accesses
        self.unreviewedOnly = unreviewedOnly
    }

    /// An array with one object per access.
    public var json: JSONValue {
        .array(
            accesses.map { access in
                .object([
                    ("id", .string(access.id)), ("beneficiary", .string(access.beneficiary)),
                    ("owner", .string(access.owner)), ("user", .string(access.user)),
                    ("purpose", .string(access.purpose)), ("opened_at", .string(access.openedAt)),
                    ("expires_at", .string(access.expiresAt)), ("reason", .string(access.reason)),
                    ("reviewed_at", .text(access.reviewedAt)), ("reviewed_by", .text(access.reviewedBy)),
                    ("note", .text(access.note)),
                ])
            })
    }

    /// Who opened each access on whom, for what and until when; its reason; its review.
    public var text: String {
        guard !accesses.isEmpty else {
            return unreviewedOnly ? "no emergency access waits for review\n" : "no emergency access\n"
        }
        return accesses.map { access in
            var lines = [
                "\(access.id) on \(access.beneficiary) by \(access.user) for \(access.purpose), "
                    + "\(access.openedAt) until \(access.expiresAt)",
                "  reason: \(access.reason)",
            ]
            if let reviewedAt = access.reviewedAt {
                lines.append("  reviewed \(reviewedAt) by \(access.reviewedBy ?? ""): \(access.note ?? "")")
            } else {
                lines.append("  not reviewed")
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined()
    }
}
