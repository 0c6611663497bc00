import GRDB

/// The consent grants that are active now for one person, one purpose and one organisation
/// (granted to it or to one of its networks): given, not revoked, not expired. Evaluated
/// fail-closed: no active grant, no category.
struct ConsentState: Sendable, Equatable {
    /// The active grants: id, categories, explicit consent for special categories.
    let grants: [(id: String, scope: Set<CaseCategory>, explicit: Bool)]

    static func == (lhs: ConsentState, rhs: ConsentState) -> Bool {
        lhs.grants.map(\.id) == rhs.grants.map(\.id)
    }

    /// The categories some active grant opens.
    var consented: Set<CaseCategory> {
        grants.reduce(into: []) { $0.formUnion($1.scope) }
    }

    /// Whether an active grant gives explicit consent (GDPR art. 9(2)(a)) and covers `sensitive`.
    var explicitConsent: Bool {
        grants.contains { $0.explicit && $0.scope.contains(.sensitive) }
    }

    /// The grants that open `category`.
    func grants(opening category: CaseCategory) -> [String] {
        grants.filter { $0.scope.contains(category) }.map(\.id)
    }

    /// The grants active on `today` for `beneficiary` and `purpose`, to `organisation` or to one
    /// of `networks` of which it was a member when the grant was given.
    static func load(
        beneficiary: String, purpose: String, organisation: String, networks: [String], today: CalendarDate,
        _ db: Database
    ) throws -> ConsentState {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT g.id, g.scope, g.explicit, g.grantee_org, g.grantee_network,
                           EXISTS (SELECT 1 FROM consent_grant_member m WHERE m.grant_id = g.id AND m.org_id = ?) AS member
                    FROM consent_grant g
                    WHERE g.beneficiary_id = ? AND g.purpose = ? AND g.given = 1
                      AND substr(g.given_at, 1, 10) <= ? AND (g.expires_on IS NULL OR g.expires_on >= ?)
                      AND NOT EXISTS (SELECT 1 FROM consent_revocation r WHERE r.grant_id = g.id)
                    ORDER BY g.given_at, g.id
                    """),
            arguments: [organisation, beneficiary, purpose, today.description, today.description])
        let grants = rows.compactMap { row -> (id: String, scope: Set<CaseCategory>, explicit: Bool)? in
            let grantee: String? = row["grantee_org"]
            let network: String? = row["grantee_network"]
            let member: Bool = row["member"]
            guard grantee == organisation || (network.map(networks.contains) == true && member) else { return nil }
            return (row["id"], ConsentScope.categories(row["scope"]), row["explicit"])
        }
        return ConsentState(grants: grants)
    }
}

/// A consent grant's scope as stored: its categories, comma-separated, in `CaseCategory` order.
enum ConsentScope {
    /// The stored text of `categories`.
    static func text(_ categories: Set<CaseCategory>) -> String {
        CaseCategory.allCases.filter(categories.contains).map(\.rawValue).joined(separator: ",")
    }

    /// The categories of a stored scope; unknown names (none are ever stored) are ignored.
    static func categories(_ text: String) -> Set<CaseCategory> {
        Set(text.split(separator: ",").compactMap { CaseCategory(rawValue: String($0)) })
    }
}
