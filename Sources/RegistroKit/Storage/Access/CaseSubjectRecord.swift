import GRDB

/// What the access gate reads about a person from `beneficiary`, `restriction` and `erasure`:
/// the owner, and whether a restriction is in force or the person was erased.
///
/// Read through a cached statement, by column position through SQLite's API: the gate asks it
/// for every case read and every person an import matches.
struct CaseSubjectRecord {
    /// The organisation that owns the record.
    var owner: String
    /// Whether a restriction is in force (not lifted).
    var restricted: Bool
    /// Whether the person was erased.
    var erased: Bool

    /// The query of `find`: the person by primary key, their restriction and erasure by theirs.
    static let findSQL = """
        SELECT b.owner_org,
               EXISTS (SELECT 1 FROM restriction r WHERE r.beneficiary_id = b.id AND r.lifted_at IS NULL) AS restricted,
               EXISTS (SELECT 1 FROM erasure e WHERE e.beneficiary_id = b.id) AS erased
        FROM beneficiary b WHERE b.id = ?
        """

    /// The facts of `beneficiary`, if the person exists.
    static func find(_ beneficiary: String, _ db: Database) throws -> CaseSubjectRecord? {
        let query = try RawStatement(db, cachedSQL: findSQL)
        query.bind(1, beneficiary)
        return try query.first { row in
            CaseSubjectRecord(owner: row.text(0) ?? "", restricted: row.int64(1) != 0, erased: row.int64(2) != 0)
        }
    }

    /// Whether `organisation` (a member of `networks`) delivered a service to `beneficiary`,
    /// holds a consent grant of theirs (to itself or to one of `networks`), or one of its users
    /// opened an emergency access on them.
    static func hasRelationship(
        _ beneficiary: String, organisation: String, networks: [String], _ db: Database
    ) throws -> Bool {
        var arguments: StatementArguments = [beneficiary, organisation, beneficiary, organisation]
        arguments += StatementArguments(networks)
        arguments += [beneficiary, organisation]
        return try Bool.fetchOne(db, sql: relationshipSQL(networks: networks.count), arguments: arguments) ?? false
    }

    /// The query of `hasRelationship` for an organisation in `networks` networks. Each part
    /// searches the person's own rows: their deliveries through `delivery_beneficiary`, named so
    /// that no index of the organisation's deliveries (as many as it ever recorded; one existed
    /// until migration 011) can take its place.
    static func relationshipSQL(networks: Int) -> String {
        let networkList = networks == 0 ? "NULL" : Array(repeating: "?", count: networks).joined(separator: ", ")
        return """
            SELECT EXISTS (SELECT 1 FROM delivery INDEXED BY delivery_beneficiary
                           WHERE beneficiary_id = ? AND org_id = ?)
                OR EXISTS (SELECT 1 FROM consent_grant WHERE beneficiary_id = ?
                           AND (grantee_org = ? OR grantee_network IN (\(networkList))))
                OR EXISTS (SELECT 1 FROM emergency_access e JOIN operator o ON o.id = e.user_id
                           WHERE e.beneficiary_id = ? AND o.org_id = ?)
            """
    }
}
