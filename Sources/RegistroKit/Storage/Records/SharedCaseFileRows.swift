import Foundation
import GRDB

/// The query behind the list of case files shared with an organisation: the people of other
/// organisations whose active consent (given, not revoked, not expired) names the organisation or
/// one of its networks it belonged to when the consent was given, one row per person and purpose,
/// leaving out people restricted or erased.
enum SharedCaseFileRows {
    /// The condition on `consent_grant g` that makes a grant active on `?today` and addressed to
    /// the organisation `?org` (three times: grantee, member at grant time, member now).
    private static let activeForOrganisation = """
        g.given = 1 AND substr(g.given_at, 1, 10) <= :today AND (g.expires_on IS NULL OR g.expires_on >= :today)
        AND NOT EXISTS (SELECT 1 FROM consent_revocation r WHERE r.grant_id = g.id)
        AND (g.grantee_org = :org
             OR (g.grantee_network IN (SELECT network_id FROM network_member WHERE org_id = :org)
                 AND EXISTS (SELECT 1 FROM consent_grant_member m WHERE m.grant_id = g.id AND m.org_id = :org)))
        AND b.owner_org <> :org
        AND b.id NOT IN (SELECT beneficiary_id FROM restriction WHERE lifted_at IS NULL)
        AND b.id NOT IN (SELECT beneficiary_id FROM erasure)
        """

    /// How many person-and-purpose pairs are shared with `org` on `today`.
    static func count(org: String, today: CalendarDate, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM (SELECT 1 FROM consent_grant g JOIN beneficiary b ON b.id = g.beneficiary_id
                WHERE \(activeForOrganisation) GROUP BY g.beneficiary_id, g.purpose)
                """,
            arguments: ["org": org, "today": today.description]) ?? 0
    }

    /// The pairs shared with `org` on `today`, by the date of their first active grant, then by id:
    /// `limit` of them after `offset`.
    static func page(
        org: String, today: CalendarDate, limit: Int, offset: Int, _ db: Database
    ) throws -> [SharedCaseFile] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT g.beneficiary_id, g.purpose, b.owner_org, min(g.given_at) AS since,
                       group_concat(g.scope, ',') AS scopes
                FROM consent_grant g JOIN beneficiary b ON b.id = g.beneficiary_id
                WHERE \(activeForOrganisation)
                GROUP BY g.beneficiary_id, g.purpose
                ORDER BY since, g.beneficiary_id, g.purpose
                LIMIT :limit OFFSET :offset
                """,
            arguments: ["org": org, "today": today.description, "limit": limit, "offset": offset])
        return rows.map { row in
            SharedCaseFile(
                beneficiary: row["beneficiary_id"], owner: row["owner_org"], purpose: row["purpose"],
                categories: CaseCategory.allCases.filter(ConsentScope.categories(row["scopes"]).contains),
                since: row["since"])
        }
    }
}
