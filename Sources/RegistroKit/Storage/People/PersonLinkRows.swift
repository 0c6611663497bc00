import GRDB

/// What links an organisation to a person, as the services ask it before opening or recording
/// anything: deliveries it made, lookups of its users, sensitive notes on record. The questions
/// a case read asks run through cached statements.
enum PersonLinkRows {
    /// Whether `organisation` recorded a delivery to `beneficiary`.
    static func hasDelivery(to beneficiary: String, by organisation: String, _ db: Database) throws -> Bool {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM delivery WHERE beneficiary_id = ? AND org_id = ? LIMIT 1"),
            arguments: [beneficiary, organisation]) != nil
    }

    /// Whether `organisation` recorded a delivery to `beneficiary` or found them by an allowed
    /// lookup of one of its users (as the audit log records it).
    static func hasDeliveryOrLookup(of beneficiary: String, by organisation: String, _ db: Database) throws -> Bool {
        try Int.fetchOne(
            db,
            sql: """
                SELECT 1 FROM delivery WHERE beneficiary_id = ?1 AND org_id = ?2
                UNION ALL SELECT 1 FROM audit_entry
                WHERE subject = ?1 AND org = ?2 AND action = 'lookup' AND decision = 'allow'
                LIMIT 1
                """,
            arguments: [beneficiary, organisation]) != nil
    }

    /// Whether `beneficiary` has sealed sensitive notes.
    static func hasSensitiveNotes(_ beneficiary: String, _ db: Database) throws -> Bool {
        // Asked at every case read whose sensitive category is open: through SQLite's API.
        let query = try RawStatement(db, cachedSQL: "SELECT 1 FROM beneficiary WHERE id = ? AND sensitive IS NOT NULL")
        query.bind(1, beneficiary)
        return try query.first { _ in true } ?? false
    }
}
