/// The registry's reference codes held in memory, for validating many records quickly.
///
/// Each kind's codes are a stored set, read in place by `contains`: a dictionary of sets by kind
/// handed back a copy of the set on every lookup (a retain and a release per code checked).
struct CodeCatalog: Sendable {
    private let services: Set<String>
    private let vulnerabilities: Set<String>
    private let channels: Set<String>
    private let outcomes: Set<String>
    private let purposes: Set<String>
    /// The vulnerability codes that reveal special categories of personal data (GDPR art. 9
    /// and 10): kept sealed per person, never in clear.
    let specialVulnerabilities: Set<String>

    /// Loads every code of the registry.
    init(_ db: RegistryDatabase.Connection) throws {
        services = try Set(RegistryRows.codeValues(.service, db))
        vulnerabilities = try Set(RegistryRows.codeValues(.vulnerability, db))
        channels = try Set(RegistryRows.codeValues(.channel, db))
        outcomes = try Set(RegistryRows.codeValues(.outcome, db))
        purposes = try Set(RegistryRows.codeValues(.purpose, db))
        specialVulnerabilities = try Set(RegistryRows.specialVulnerabilityCodes(db))
    }

    /// Whether `code` is a code of `kind`.
    func contains(_ code: String, _ kind: CodeKind) -> Bool {
        switch kind {
        case .service: services.contains(code)
        case .vulnerability: vulnerabilities.contains(code)
        case .channel: channels.contains(code)
        case .outcome: outcomes.contains(code)
        case .purpose: purposes.contains(code)
        }
    }
}
