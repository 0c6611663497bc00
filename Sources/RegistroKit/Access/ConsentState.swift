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
        _ db: RegistryDatabase.Connection
    ) throws -> ConsentState {
        let records = try ActiveConsentGrantRecord.active(
            beneficiary: beneficiary, purpose: purpose, organisation: organisation, day: today.description, db)
        let grants = records.compactMap { record -> (id: String, scope: Set<CaseCategory>, explicit: Bool)? in
            guard
                record.granteeOrg == organisation
                    || (record.granteeNetwork.map(networks.contains) == true && record.isMember)
            else { return nil }
            return (record.id, ConsentScope.categories(record.scope), record.explicit)
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
