import GRDB

/// Small reads shared by the services: whether a row exists, the reference codes.
enum RegistryRows {
    /// Whether `table` has a row with primary key `id`.
    static func exists(_ table: String, _ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) == true
    }

    /// The axes of the service nomenclature, sorted.
    static func serviceAxes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT axis FROM service_code ORDER BY axis")
    }

    /// Whether `code` is a purpose code.
    static func isPurpose(_ code: String, _ db: Database) throws -> Bool {
        // Asked at every case read: a cached statement, through SQLite's API.
        let query = try RawStatement(db, cachedSQL: "SELECT 1 FROM purpose_code WHERE code = ?")
        query.bind(1, code)
        return try query.first { _ in true } ?? false
    }

    /// The codes of `kind`, without their labels.
    static func codeValues(_ kind: CodeKind, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT code FROM \(kind.table)")
    }

    /// The vulnerability codes that reveal special categories of personal data.
    static func specialVulnerabilityCodes(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT code FROM vulnerability_code WHERE special = 1")
    }

    /// The reference codes of `kind`, built-in and local, by code.
    static func codes(_ kind: CodeKind, _ db: Database) throws -> [ReferenceCode] {
        let columns = (kind.columns + ["local"]).joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(kind.table) ORDER BY code").map { row in
            ReferenceCode(
                values: kind.columns.map { column in
                    let value: DatabaseValue = row[column]
                    return String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? ""
                },
                isLocal: row["local"])
        }
    }
}
