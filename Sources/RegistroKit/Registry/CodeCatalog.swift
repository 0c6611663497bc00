/// The registry's reference codes held in memory, for validating many records quickly.
struct CodeCatalog: Sendable {
    /// Every code of every kind.
    let codes: [CodeKind: Set<String>]
    /// The vulnerability codes that reveal special categories of personal data (GDPR art. 9
    /// and 10): kept sealed per person, never in clear.
    let specialVulnerabilities: Set<String>

    /// Loads every code of the registry.
    init(_ db: RegistryDatabase.Connection) throws {
        var codes: [CodeKind: Set<String>] = [:]
        for kind in CodeKind.allCases {
            codes[kind] = try Set(RegistryRows.codeValues(kind, db))
        }
        self.codes = codes
        specialVulnerabilities = try Set(RegistryRows.specialVulnerabilityCodes(db))
    }

    /// Whether `code` is a code of `kind`.
    func contains(_ code: String, _ kind: CodeKind) -> Bool {
        codes[kind]?.contains(code) == true
    }
}
