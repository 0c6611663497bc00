import GRDB

/// The reads of SQLite's own catalogue that check the audit tables were not changed by hand.
enum AuditSchemaCatalog {
    /// A row of `sqlite_master`.
    private struct MasterRow: Decodable, FetchableRecord {
        var type: String
        var name: String
        var tblName: String
        var sql: String?

        enum CodingKeys: String, CodingKey {
            case type, name, sql
            case tblName = "tbl_name"
        }
    }

    /// The objects that belong to the audit tables.
    private static let query = """
        SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE tbl_name LIKE 'audit\\_%' ESCAPE '\\' OR name LIKE 'audit\\_%' ESCAPE '\\'
        ORDER BY name
        """

    /// The audit objects of `db`, by name.
    static func objects(_ db: Database) throws -> [AuditSchema.Object] {
        try MasterRow.fetchAll(db, sql: query).map {
            AuditSchema.Object(type: $0.type, name: $0.name, table: $0.tblName, sql: $0.sql)
        }
    }

    /// The audit objects as the migrations create them, in an empty in-memory database.
    static func objectsAsMigrated() throws -> [AuditSchema.Object] {
        let scratch = try DatabaseQueue()
        return try scratch.write { db in
            for file in Migrations.files {
                try db.execute(sql: file.sql)
            }
            return try objects(db)
        }
    }

    /// Whether `audit_entry` is still a STRICT table, so its values keep their types.
    static func auditEntryIsStrict(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT strict FROM pragma_table_list WHERE name = 'audit_entry'") == true
    }
}
