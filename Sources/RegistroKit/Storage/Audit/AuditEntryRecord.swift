import Foundation
import GRDB

/// A row of `audit_entry`: one entry of the append-only audit log, as stored.
struct AuditEntryRecord: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "audit_entry"

    /// The columns of `audit_entry` that reads select on.
    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let time = Column(CodingKeys.time)
        static let actor = Column(CodingKeys.actor)
        static let org = Column(CodingKeys.org)
        static let action = Column(CodingKeys.action)
        static let subject = Column(CodingKeys.subject)
        static let category = Column(CodingKeys.category)
        static let decision = Column(CodingKeys.decision)
        static let emergency = Column(CodingKeys.emergency)
        static let detail = Column(CodingKeys.detail)
    }

    var version: Int64
    var seq: Int64
    var time: String
    var actor: String?
    var org: String?
    var action: String
    var resource: String?
    var subject: String?
    var category: String?
    var purpose: String?
    var decision: String
    /// The policy ids, comma-separated.
    var policies: String
    var policySet: Data?
    var emergency: Int64?
    var emergencyRef: String?
    /// The consent grant ids, comma-separated.
    var consents: String
    var rowCount: Int64?
    var fileDigest: Data?
    var detail: String?
    var prevHash: Data?
    var hash: Data?

    enum CodingKeys: String, CodingKey {
        case version, seq, time, actor, org, action, resource, subject, category, purpose, decision, policies
        case emergency, consents, detail, hash
        case policySet = "policy_set"
        case emergencyRef = "emergency_ref"
        case rowCount = "row_count"
        case fileDigest = "file_digest"
        case prevHash = "prev_hash"
    }

    /// The entry as the library shows it.
    var entry: AuditEntry {
        AuditEntry(
            version: version, seq: seq, time: time, actor: actor, org: org, action: action, resource: resource,
            subject: subject, category: category, purpose: purpose, decision: decision,
            policies: AuditEntry.split(policies), policySet: policySet.map(Array.init) ?? [], emergency: emergency == 1,
            emergencyReference: emergencyRef, consents: AuditEntry.split(consents), rowCount: rowCount,
            fileDigest: fileDigest.map(Array.init), detail: detail, previousHash: prevHash.map(Array.init) ?? [],
            hash: hash.map(Array.init) ?? [])
    }

    /// The last entry's sequence number and hash; `nil` for an empty log.
    static func head(_ db: Database) throws -> (seq: Int64, hash: [UInt8])? {
        // Read before every append: one cached statement, two columns, through SQLite's API.
        let query = try RawStatement(db, cachedSQL: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
        return try query.first { ($0.int64(0), $0.blob(1) ?? []) }
    }

    /// Stores `entries`, whose hashes are computed, in order.
    ///
    /// Prepared statements the connection caches, bound from each entry through SQLite's own
    /// API rather than GRDB's `StatementArguments` (21 boxed values an entry: most of an
    /// append's cost): every audited operation appends at least one entry, a case read six.
    /// Up to `rowsPerInsert` entries go in one `INSERT` of as many rows, which SQLite runs for
    /// less than as many inserts of one row.
    static func append(contentsOf entries: [AuditEntry], _ db: Database) throws {
        var start = entries.startIndex
        while start < entries.endIndex {
            let rows = entries[start..<min(start + rowsPerInsert, entries.endIndex)]
            let insert = try RawStatement(db, cachedSQL: insertSQL(rows: rows.count))
            for (offset, entry) in rows.enumerated() {
                bind(entry, to: insert, from: Int32(offset * columnCount))
            }
            try insert.execute()
            start += rows.count
        }
    }

    /// The most entries one `INSERT` stores: a case read's six.
    static let rowsPerInsert = 6

    /// The columns of an entry, `prev_hash` and `hash` included.
    private static let columnCount = AuditColumn.encoded.count + 2

    /// Binds the columns of `entry` to the parameters after `base` of `insert`, in table order.
    private static func bind(_ entry: AuditEntry, to insert: RawStatement, from base: Int32) {
        insert.bind(base + 1, entry.version)
        insert.bind(base + 2, entry.seq)
        insert.bind(base + 3, entry.time)
        insert.bind(base + 4, entry.actor)
        insert.bind(base + 5, entry.org)
        insert.bind(base + 6, entry.action)
        insert.bind(base + 7, entry.resource)
        insert.bind(base + 8, entry.subject)
        insert.bind(base + 9, entry.category)
        insert.bind(base + 10, entry.purpose)
        insert.bind(base + 11, entry.decision)
        insert.bind(base + 12, AuditEntry.joined(entry.policies))
        insert.bind(base + 13, blob: entry.policySet)
        insert.bind(base + 14, Int64(entry.emergency ? 1 : 0))
        insert.bind(base + 15, entry.emergencyReference)
        insert.bind(base + 16, AuditEntry.joined(entry.consents))
        insert.bind(base + 17, entry.rowCount)
        insert.bind(base + 18, blob: entry.fileDigest)
        insert.bind(base + 19, entry.detail)
        insert.bind(base + 20, blob: entry.previousHash)
        insert.bind(base + 21, blob: entry.hash)
    }

    /// The insert of `rows` entries (1 to `rowsPerInsert`): the columns in table order
    /// (`AuditColumn.allNames`), as `bind` binds them.
    private static func insertSQL(rows: Int) -> String {
        insertSQLs[rows - 1]
    }

    private static let insertSQLs: [String] = (1...rowsPerInsert).map { rows in
        let row = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
        return "INSERT INTO audit_entry (\(AuditColumn.allNames)) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// The entries that `filter` selects (every condition given must hold), in sequence order.
    static func entries(matching filter: AuditFilter, _ db: Database) throws -> [AuditEntry] {
        var request = AuditEntryRecord.all()
        if let subject = filter.subject { request = request.filter(Columns.subject == subject) }
        if let actor = filter.actor { request = request.filter(Columns.actor == actor) }
        if let org = filter.org { request = request.filter(Columns.org == org) }
        if let decision = filter.decision { request = request.filter(Columns.decision == decision.rawValue) }
        if let since = filter.since {
            request = request.filter(Columns.time >= AuditTime.start(of: since, in: filter.zone))
        }
        if let until = filter.until {
            request = request.filter(Columns.time <= AuditTime.end(of: until, in: filter.zone))
        }
        return try request.order(Columns.seq).fetchAll(db).map(\.entry)
    }

    /// Every entry made under an emergency ("break the glass"), in sequence order.
    static func emergencyAccesses(_ db: Database) throws -> [AuditEntry] {
        try AuditEntryRecord.filter(Columns.emergency == 1).order(Columns.seq).fetchAll(db).map(\.entry)
    }

    /// Every allowed entry of one of `actions` on the `sensitive` category, except those that
    /// found nothing recorded, in sequence order.
    static func sensitiveReads(actions: [String], _ db: Database) throws -> [AuditEntry] {
        try AuditEntryRecord.filter(
            Columns.category == "sensitive" && Columns.decision == "allow" && actions.contains(Columns.action)
                && (Columns.detail == nil || Columns.detail != "nothing recorded")
        )
        .order(Columns.seq).fetchAll(db).map(\.entry)
    }

    /// The entries about `beneficiary`, or about an import that recorded a delivery to them,
    /// except those of `excludedAction`, in sequence order.
    static func entries(
        about beneficiary: String, excluding excludedAction: String, _ db: Database
    ) throws
        -> [AuditEntry]
    {
        try AuditEntryRecord.fetchAll(
            db,
            sql: """
                SELECT \(AuditColumn.allNames) FROM audit_entry
                WHERE (subject = ? OR resource IN (
                        SELECT DISTINCT 'import:' || import_id FROM delivery
                        WHERE beneficiary_id = ? AND import_id IS NOT NULL))
                  AND action != ?
                ORDER BY seq
                """,
            arguments: [beneficiary, beneficiary, excludedAction]
        ).map(\.entry)
    }

    /// The organisations other than `owner` that an allowed entry of one of `actions` about
    /// `beneficiary` names, by id.
    static func organisations(
        allowed actions: [String], about beneficiary: String, except owner: String, _ db: Database
    ) throws -> [String] {
        try AuditEntryRecord.select(Columns.org, as: String.self).distinct()
            .filter(
                Columns.subject == beneficiary && Columns.decision == "allow" && Columns.org != nil
                    && Columns.org != owner && actions.contains(Columns.action)
            )
            .order(Columns.org).fetchAll(db)
    }
}
