/// The deliveries a report counts: those of the organisations its actor may report on.
///
/// Perturbed reports cover the organisations of every network the actor's organisation belongs
/// to, and the organisation itself; exact reports (`--exact`) its own deliveries only.
struct ReportScope: Sendable, Equatable {
    /// The organisations whose deliveries count, sorted; `nil` for every organisation.
    var organisations: [String]?

    /// The scope of a report by a member of `organisation`.
    static func of(_ organisation: String, exact: Bool, _ db: RegistryDatabase.Connection) throws -> ReportScope {
        guard !exact else { return ReportScope(organisations: [organisation]) }
        let partners = try networkPartners(of: organisation, db)
        let members = Set(partners + [organisation])
        let all = try organisationCount(db)
        return ReportScope(organisations: members.count >= all ? nil : members.sorted())
    }

    /// Whether the scope holds `organisation`.
    func contains(_ organisation: String) -> Bool {
        organisations?.contains(organisation) ?? true
    }

    /// The scope narrowed to one organisation it holds.
    func narrowed(to organisation: String) -> ReportScope {
        ReportScope(organisations: [organisation])
    }
}
