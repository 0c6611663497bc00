import GRDB

/// The registry's reference codes held in memory, for validating many records quickly.
struct CodeCatalog: Sendable {
    /// Every code of every kind.
    let codes: [CodeKind: Set<String>]

    /// Loads every code of the registry.
    init(_ db: Database) throws {
        var codes: [CodeKind: Set<String>] = [:]
        for kind in CodeKind.allCases {
            codes[kind] = try Set(String.fetchAll(db, sql: "SELECT code FROM \(kind.table)"))
        }
        self.codes = codes
    }

    /// Whether `code` is a code of `kind`.
    func contains(_ code: String, _ kind: CodeKind) -> Bool {
        codes[kind]?.contains(code) == true
    }
}
