import GRDB

/// The read of the whole audit log that verification makes.
///
/// It stays a raw statement stepped by `RawRowCursor`: verification reads every column of every
/// entry (a million entries in about a second), and decoding rows into records or values would
/// allocate for each of them; the cursor hands out the bytes in place.
enum AuditChainScan {
    /// A cursor over every entry in sequence order, with the columns `AuditColumn.allNames`:
    /// the encoded ones, then `prev_hash` and `hash`.
    static func entries(_ db: Database) throws -> RawRowCursor {
        try RawRowCursor(db, sql: "SELECT \(AuditColumn.allNames) FROM audit_entry ORDER BY seq")
    }
}
