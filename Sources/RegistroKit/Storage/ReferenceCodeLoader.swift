import GRDB

/// Loads the built-in reference codes of `Schema/codes/` into the registry, when they differ
/// from the ones loaded last (their digest is kept in `registry_meta`).
enum ReferenceCodeLoader {
    static let digestKey = "reference_codes_digest"

    /// Whether the codes loaded last are the embedded ones.
    static func isCurrent(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM registry_meta WHERE key = ?", arguments: [digestKey])
            == embeddedDigest()
    }

    /// Upserts every built-in code when the embedded lists changed since the last load. Codes
    /// are never deleted: past deliveries may name them. When people recorded before hold, in
    /// clear, a code the lists now mark special (a registry older than the sealing of special
    /// categories, or a code marked later), the registry is marked to wait for
    /// `Registry.sealSpecialVulnerabilities(by:)`.
    static func loadIfChanged(_ db: Database) throws {
        guard try !isCurrent(db) else { return }
        let digest = embeddedDigest()
        for kind in CodeKind.allCases {
            let columns = kind.columns
            let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO \(kind.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
                    ON CONFLICT(code) DO UPDATE SET \(updates), local = 0
                    """)
            for code in try builtInCodes(kind) {
                try statement.execute(arguments: StatementArguments(code.values))
            }
        }
        try db.execute(
            sql:
                "INSERT INTO registry_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [digestKey, digest])
        try db.execute(
            sql: """
                INSERT INTO registry_meta (key, value) SELECT ?, '1'
                WHERE EXISTS (SELECT 1 FROM beneficiary_vulnerability v JOIN vulnerability_code c ON c.code = v.code
                              WHERE c.special = 1)
                ON CONFLICT(key) DO NOTHING
                """,
            arguments: [SpecialVulnerabilities.inClearKey])
    }

    /// The codes of `kind` shipped in `Schema/codes/`.
    ///
    /// - Throws: `RegistroError` (internal) when the embedded list is malformed, which the
    ///   tests of `Schema/codes/` prevent.
    static func builtInCodes(_ kind: CodeKind) throws -> [ReferenceCode] {
        guard let text = EmbeddedResources.files[kind.resource] else {
            throw RegistroError.internal("the built-in list \(kind.resource) is missing from this build of registro")
        }
        let reader = CSVReader(bytes: Array(text.utf8))
        var codes: [ReferenceCode] = []
        var header: [String]?
        while try reader.next() {
            let values = (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }
            guard header != nil else {
                header = values
                guard values == kind.columns else {
                    throw RegistroError.internal(
                        "the built-in list \(kind.resource) has columns \(values), expected \(kind.columns)")
                }
                continue
            }
            guard values.count == kind.columns.count else {
                throw RegistroError.internal(
                    "the built-in list \(kind.resource) has a malformed line \(reader.recordLine)")
            }
            codes.append(ReferenceCode(values: values, isLocal: false))
        }
        return codes
    }

    /// A digest of every embedded code list.
    private static func embeddedDigest() -> String {
        var bytes: [UInt8] = []
        for kind in CodeKind.allCases {
            bytes += Array(kind.resource.utf8) + [0] + Array((EmbeddedResources.files[kind.resource] ?? "").utf8) + [0]
        }
        return Hex.encode(BLAKE2b.digest(bytes))
    }
}
