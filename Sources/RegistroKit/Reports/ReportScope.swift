import GRDB

/// The deliveries a report counts: those of the organisations its actor may report on.
///
/// Perturbed reports cover the organisations of every network the actor's organisation belongs
/// to, and the organisation itself; exact reports (`--exact`) its own deliveries only.
struct ReportScope: Sendable, Equatable {
    /// The organisations whose deliveries count, sorted; `nil` for every organisation.
    var organisations: [String]?

    /// The scope of a report by a member of `organisation`.
    static func of(_ organisation: String, exact: Bool, _ db: Database) throws -> ReportScope {
        guard !exact else { return ReportScope(organisations: [organisation]) }
        let partners = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT org_id FROM network_member
                WHERE network_id IN (SELECT network_id FROM network_member WHERE org_id = ?)
                """, arguments: [organisation])
        let members = Set(partners + [organisation])
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation") ?? 0
        return ReportScope(organisations: members.count >= all ? nil : members.sorted())
    }

    /// The condition on a delivery `d` that leaves out restricted people (their data is used by
    /// nobody until the restriction is lifted) and erased ones.
    static let usablePeopleCondition = """
        d.beneficiary_id NOT IN (SELECT beneficiary_id FROM restriction WHERE lifted_at IS NULL
                                 UNION ALL SELECT beneficiary_id FROM erasure)
        """

    /// Whether the scope holds `organisation`.
    func contains(_ organisation: String) -> Bool {
        organisations?.contains(organisation) ?? true
    }

    /// The scope narrowed to one organisation it holds.
    func narrowed(to organisation: String) -> ReportScope {
        ReportScope(organisations: [organisation])
    }

    /// The SQL condition on `d.org_id` and its arguments (empty for every organisation).
    var sqlCondition: (sql: String, arguments: [String]) {
        guard let organisations else { return ("", []) }
        return ("d.org_id IN (" + organisations.map { _ in "?" }.joined(separator: ", ") + ")", organisations)
    }
}
