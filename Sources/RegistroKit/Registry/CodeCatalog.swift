import GRDB

/// The registry's reference codes held in memory, for validating many records quickly.
struct CodeCatalog: Sendable {
    /// Every code of every kind.
    let codes: [CodeKind: Set<String>]
    /// The vulnerability codes that reveal special categories of personal data (GDPR art. 9
    /// and 10): kept sealed per person, never in clear.
    let specialVulnerabilities: Set<String>

    /// Loads every code of the registry.
    init(_ db: Database) throws {
        var codes: [CodeKind: Set<String>] = [:]
        for kind in CodeKind.allCases {
            codes[kind] = try Set(String.fetchAll(db, sql: "SELECT code FROM \(kind.table)"))
        }
        self.codes = codes
        specialVulnerabilities = try Set(
            String.fetchAll(db, sql: "SELECT code FROM vulnerability_code WHERE special = 1"))
    }

    /// Whether `code` is a code of `kind`.
    func contains(_ code: String, _ kind: CodeKind) -> Bool {
        codes[kind]?.contains(code) == true
    }
}
