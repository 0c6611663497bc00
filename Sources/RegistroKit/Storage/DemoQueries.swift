import GRDB

/// The reads the demo makes of the registry it built: which services to draw deliveries from,
/// whom to show sharing with, and the counts of its summary.
enum DemoQueries {
    /// The built-in service codes by axis, each list by code.
    static func builtInServicesByAxis(_ db: Database) throws -> [String: [String]] {
        try Dictionary(
            grouping: Row.fetchAll(db, sql: "SELECT code, axis FROM service_code WHERE local = 0 ORDER BY code")
        ) { $0["axis"] as String }
        .mapValues { rows in rows.map { $0["code"] as String } }
    }

    /// The people the demo shows sharing with: a person served by their owner and a partner
    /// (the first by file number), a person served by their owner only, and an organisation of
    /// that person's territory other than their owner and `excluded`; `nil` when there are none.
    static func sharingCast(
        excluding excluded: String, _ db: Database
    ) throws -> (shared: String, owner: String, partner: String, atRisk: String, helper: String)? {
        guard
            let shared = try Row.fetchOne(
                db,
                sql: """
                    SELECT b.id, b.owner_org, MIN(d.org_id) AS partner FROM beneficiary b
                    JOIN delivery d ON d.beneficiary_id = b.id
                    WHERE d.org_id != b.owner_org GROUP BY b.id ORDER BY b.ref LIMIT 1
                    """),
            let atRisk = try Row.fetchOne(
                db,
                sql: """
                    SELECT b.id, o.territory, b.owner_org FROM beneficiary b JOIN organisation o ON o.id = b.owner_org
                    WHERE NOT EXISTS (
                        SELECT 1 FROM delivery d WHERE d.beneficiary_id = b.id AND d.org_id != b.owner_org)
                    ORDER BY b.ref LIMIT 1
                    """),
            let helper = try String.fetchOne(
                db,
                sql: "SELECT id FROM organisation WHERE territory = ? AND id != ? AND id != ? ORDER BY id LIMIT 1",
                arguments: [atRisk["territory"] as String, atRisk["owner_org"] as String, excluded])
        else { return nil }
        return (shared["id"], shared["owner_org"], shared["partner"], atRisk["id"], helper)
    }

    /// The counts of the demo's summary.
    static func counts(_ db: Database) throws -> DemoCounts {
        DemoCounts(
            users: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator") ?? 0,
            beneficiaries: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM beneficiary") ?? 0,
            deliveries: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM delivery") ?? 0,
            servedByTwoOrMore: try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM (SELECT beneficiary_id FROM delivery GROUP BY beneficiary_id
                    HAVING COUNT(DISTINCT org_id) >= 2)
                    """) ?? 0,
            peopleByAxis: try Row.fetchAll(
                db,
                sql: """
                    SELECT s.axis, COUNT(DISTINCT d.beneficiary_id) AS people FROM delivery d
                    JOIN service_code s ON s.code = d.service_code GROUP BY s.axis ORDER BY s.axis
                    """
            ).map { (axis: $0["axis"], people: $0["people"]) },
            deliveriesByYear: try Row.fetchAll(
                db,
                sql: "SELECT substr(date, 1, 4) AS year, COUNT(*) AS n FROM delivery GROUP BY year ORDER BY year"
            ).map { (year: $0["year"], deliveries: $0["n"]) })
    }
}

/// What the demo's summary counts.
struct DemoCounts {
    var users: Int
    var beneficiaries: Int
    var deliveries: Int
    /// People served by two organisations or more.
    var servedByTwoOrMore: Int
    var peopleByAxis: [(axis: String, people: Int)]
    var deliveriesByYear: [(year: String, deliveries: Int)]
}
