import GRDB

/// A consent grant active on a day for one person and purpose, as the access gate reads it:
/// given, not revoked, not expired, given no later than that day.
///
/// Read through a cached statement: the gate asks it for each person and purpose it decides on.
struct ActiveConsentGrantRecord {
    /// The grant's id.
    var id: String
    /// The categories, as `ConsentScope.text` writes them.
    var scope: String
    /// Whether the consent is explicit (for special categories).
    var explicit: Bool
    /// The organisation it was granted to, if granted to one.
    var granteeOrg: String?
    /// The network it was granted to, if granted to one.
    var granteeNetwork: String?
    /// Whether the organisation asked about was a member of the network when it was granted.
    var isMember: Bool

    /// The grants of `beneficiary` for `purpose` active on `day` (`YYYY-MM-DD`), oldest first,
    /// each saying whether `organisation` was a member of its network when it was granted.
    static func active(
        beneficiary: String, purpose: String, organisation: String, day: String, _ db: Database
    ) throws -> [ActiveConsentGrantRecord] {
        // Through SQLite's API, by column position: every case read asks it.
        let query = try RawStatement(
            db,
            cachedSQL: """
                SELECT g.id, g.scope, g.explicit, g.grantee_org, g.grantee_network,
                       EXISTS (SELECT 1 FROM consent_grant_member m WHERE m.grant_id = g.id AND m.org_id = ?) AS member
                FROM consent_grant g
                WHERE g.beneficiary_id = ? AND g.purpose = ? AND g.given = 1
                  AND substr(g.given_at, 1, 10) <= ? AND (g.expires_on IS NULL OR g.expires_on >= ?)
                  AND NOT EXISTS (SELECT 1 FROM consent_revocation r WHERE r.grant_id = g.id)
                ORDER BY g.given_at, g.id
                """)
        query.bind(1, organisation)
        query.bind(2, beneficiary)
        query.bind(3, purpose)
        query.bind(4, day)
        query.bind(5, day)
        var records: [ActiveConsentGrantRecord] = []
        try query.forEachRow { row in
            records.append(
                ActiveConsentGrantRecord(
                    id: row.text(0) ?? "", scope: row.text(1) ?? "", explicit: row.int64(2) != 0,
                    granteeOrg: row.text(3), granteeNetwork: row.text(4), isMember: row.int64(5) != 0))
        }
        return records
    }
}
