/// The registry's reference codes held in memory, for validating many records quickly.
struct CodeCatalog: Sendable {
    /// Every code of every kind.
    let codes: [CodeKind: Set<String>]

    /// Loads every code of the registry.
    init(_ db: RegistryDatabase.Connection) throws {
        var codes: [CodeKind: Set<String>] = [:]
        for kind in CodeKind.allCases {
            codes[kind] = try Set(RegistryRows.codeValues(kind, db))
        }
        self.codes = codes
    }

    /// Whether `code` is a code of `kind`.
    func contains(_ code: String, _ kind: CodeKind) -> Bool {
        codes[kind]?.contains(code) == true
    }
}
