import GRDB

extension ReportScope {
    /// The organisations sharing a network with `organisation` (itself included when it is in
    /// one), without repetitions.
    static func networkPartners(of organisation: String, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT org_id FROM network_member
                WHERE network_id IN (SELECT network_id FROM network_member WHERE org_id = ?)
                """, arguments: [organisation])
    }

    /// How many organisations the registry has.
    static func organisationCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation") ?? 0
    }

    /// The condition on a delivery `d` that leaves out restricted people (their data is used by
    /// nobody until the restriction is lifted) and erased ones.
    static let usablePeopleCondition = """
        d.beneficiary_id NOT IN (SELECT beneficiary_id FROM restriction WHERE lifted_at IS NULL
                                 UNION ALL SELECT beneficiary_id FROM erasure)
        """

    /// The SQL condition on `d.org_id` and its arguments (empty for every organisation).
    var sqlCondition: (sql: String, arguments: [String]) {
        guard let organisations else { return ("", []) }
        return ("d.org_id IN (" + organisations.map { _ in "?" }.joined(separator: ", ") + ")", organisations)
    }
}
