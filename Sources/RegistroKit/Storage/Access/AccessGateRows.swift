import GRDB

/// The reads the access gate makes besides a person's facts and consents: an organisation's
/// networks, a user's open emergency access, shared networks. Through cached statements where
/// the gate asks them once per person.
enum AccessGateRows {
    /// The networks `organisation` belongs to, by id.
    static func networks(of organisation: String, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT network_id FROM network_member WHERE org_id = ? ORDER BY network_id"),
            arguments: [organisation])
    }

    /// The id of the emergency access `user` has open on `beneficiary` for `purpose` at `now`
    /// (a timestamp), the one lasting longest, if any.
    static func openEmergencyAccess(
        on beneficiary: String, user: String, purpose: String, now: String, _ db: Database
    ) throws -> String? {
        // Through SQLite's API: every case read asks it, and GRDB's four boxed arguments and its
        // row cost more than the query.
        let query = try RawStatement(
            db,
            cachedSQL: """
                SELECT id FROM emergency_access
                WHERE beneficiary_id = ? AND user_id = ? AND purpose = ? AND expires_at > ?
                ORDER BY expires_at DESC LIMIT 1
                """)
        query.bind(1, beneficiary)
        query.bind(2, user)
        query.bind(3, purpose)
        query.bind(4, now)
        return try query.first { $0.text(0) }.flatMap { $0 }
    }

    /// Whether `organisation` is a member of one of `networks` (none: `false`).
    static func isMember(_ organisation: String, ofAnyOf networks: [String], _ db: Database) throws -> Bool {
        guard !networks.isEmpty else { return false }
        return try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM network_member WHERE org_id = ? AND network_id IN ("
                + networks.map { _ in "?" }.joined(separator: ", ") + "))",
            arguments: StatementArguments([organisation] + networks)) ?? false
    }

    /// The count of changes to what access decisions depend on (consent, emergency accesses,
    /// restrictions, erasures, network membership, owners, users' organisations, roles and
    /// disabling), bumped by triggers in the transaction of each change; `nil` when its row is
    /// missing, which no reading may take for "unchanged".
    static func accessGeneration(_ db: Database) throws -> Int64? {
        // Through SQLite's API: a case read asks it twice, in its read and in its write.
        try RawStatement(db, cachedSQL: "SELECT value FROM access_generation WHERE id = 1").first { $0.int64(0) }
    }
}
