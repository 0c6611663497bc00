import GRDB

/// The references an import checks once, before its first row, in place of SQLite's foreign
/// key checks (`DeliveryImporter.checkedReferences`).
enum ImportReferenceRows {
    /// Whether both the operator `user` and the organisation `organisation` exist.
    static func exist(operator user: String, organisation: String, _ db: Database) throws -> Bool {
        let found = try Int.fetchOne(
            db,
            sql: """
                SELECT (SELECT COUNT(*) FROM operator WHERE id = ?) + (SELECT COUNT(*) FROM organisation WHERE id = ?)
                """, arguments: [user, organisation])
        return found == 2
    }
}
