import Foundation
import GRDB

/// The aggregate reads of the privacy officer's overview of the audit log.
enum AuditOverviewQueries {
    /// The log's size, first and last time, and number of denials.
    struct Totals: Decodable, FetchableRecord {
        var entries: Int64
        var first: String?
        var last: String?
        var denials: Int64
    }

    /// The totals of the log.
    static func totals(_ db: Database) throws -> Totals {
        try Totals.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS entries, MIN(time) AS first, MAX(time) AS last,
                       COALESCE(SUM(decision = 'deny'), 0) AS denials
                FROM audit_entry
                """)!
    }

    /// The last checkpoint the registry keeps, if any.
    static func lastCheckpoint(_ db: Database) throws -> AuditOverview.CheckpointMark? {
        try AuditCheckpointRecord.order(AuditCheckpointRecord.Columns.seq.desc).fetchOne(db).map {
            AuditOverview.CheckpointMark(seq: $0.seq, time: $0.time)
        }
    }

    /// A count of denials, by organisation or by organisation and user.
    private struct DenialRow: Decodable, FetchableRecord {
        var org: String?
        var actor: String?
        /// The actions denied, comma-separated.
        var actions: String?
        var n: Int64
        var last: String
    }

    /// The denials counted by organisation, or by organisation and user when `byUser`, most first.
    static func denials(byUser: Bool, _ db: Database) throws -> [AuditOverview.DenialCount] {
        let columns = byUser ? "org, actor" : "org"
        return try DenialRow.fetchAll(
            db,
            sql: """
                SELECT \(columns), group_concat(DISTINCT action) AS actions, COUNT(*) AS n, MAX(time) AS last
                FROM audit_entry WHERE decision = 'deny'
                GROUP BY \(columns) ORDER BY n DESC, \(columns)
                """
        ).map { row in
            AuditOverview.DenialCount(
                org: row.org, actor: byUser ? row.actor : nil,
                actions: (row.actions ?? "").split(separator: ",").map(String.init).sorted(), count: row.n,
                lastTime: row.last)
        }
    }

    /// An allowed read and the later revocation of a consent grant that fed it.
    private struct WithdrawnConsentRow: Decodable, FetchableRecord {
        var read: AuditEntryRecord
        var revokedConsent: String
        var revokedAt: String
        var revokedSeq: Int64

        enum CodingKeys: String, CodingKey {
            case revokedConsent = "revoked_consent"
            case revokedAt = "revoked_at"
            case revokedSeq = "revoked_seq"
        }

        /// The read's columns and the revocation's, from one row.
        init(from decoder: any Decoder) throws {
            read = try AuditEntryRecord(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            revokedConsent = try container.decode(String.self, forKey: .revokedConsent)
            revokedAt = try container.decode(String.self, forKey: .revokedAt)
            revokedSeq = try container.decode(Int64.self, forKey: .revokedSeq)
        }
    }

    /// Allowed entries of one of `actions` whose consents include a grant that a later allowed
    /// `revoke_consent` entry (resource `consent:ID`) revoked, in order of the read, then of the
    /// revocation.
    static func readsUnderWithdrawnConsent(
        actions: [String], _ db: Database
    ) throws
        -> [AuditOverview.WithdrawnConsentRead]
    {
        let readColumns = AuditColumn.allNames.split(separator: ",").map {
            "r." + $0.trimmingCharacters(in: .whitespaces)
        }
        return try WithdrawnConsentRow.fetchAll(
            db,
            sql: """
                SELECT \(readColumns.joined(separator: ", ")),
                       substr(c.resource, 9) AS revoked_consent, c.time AS revoked_at, c.seq AS revoked_seq
                FROM audit_entry c
                JOIN audit_entry r
                  ON r.seq < c.seq AND r.consents != ''
                 AND instr(',' || r.consents || ',', ',' || substr(c.resource, 9) || ',') > 0
                WHERE c.action = 'revoke_consent' AND c.decision = 'allow' AND c.resource LIKE 'consent:%'
                  AND r.decision = 'allow' AND r.action IN (\(actions.map(quoted).joined(separator: ", ")))
                ORDER BY r.seq, c.seq
                """
        ).map { row in
            AuditOverview.WithdrawnConsentRead(
                read: row.read.entry, consent: row.revokedConsent, revokedAt: row.revokedAt,
                revokedSeq: row.revokedSeq)
        }
    }

    /// A user's allowed report, with how many they asked and when they asked the last.
    struct ReportRow: Decodable, FetchableRecord {
        var actor: String
        var org: String?
        /// The report's detail, empty when it has none.
        var detail: String
        /// How many reports of `actions` the user asked.
        var n: Int64
        /// When they asked the last.
        var last: String
    }

    /// The allowed entries of `actions` by users who have two or more of them, the latest
    /// series first, then by user and organisation, each user's in order.
    static func reportsInSeries(actions: [String], _ db: Database) throws -> [ReportRow] {
        try ReportRow.fetchAll(
            db,
            sql: """
                SELECT actor, org, detail, n, last FROM (
                    SELECT seq, actor, org, COALESCE(detail, '') AS detail,
                           COUNT(*) OVER (PARTITION BY actor, org) AS n,
                           MAX(time) OVER (PARTITION BY actor, org) AS last
                    FROM audit_entry
                    WHERE action IN (\(actions.map(quoted).joined(separator: ", "))) AND decision = 'allow'
                      AND actor IS NOT NULL)
                WHERE n >= 2 ORDER BY last DESC, actor, org, seq
                """)
    }

    /// An organisation recording deliveries for a person another organisation owns.
    private struct ServingRow: Decodable, FetchableRecord {
        var org: String
        var beneficiary: String
        var owner: String
        var since: String
        var deliveries: Int64
    }

    /// The organisations recording deliveries for people other organisations own, latest first
    /// delivery first.
    static func servingStarts(_ db: Database) throws -> [AuditOverview.ServingStart] {
        try ServingRow.fetchAll(
            db,
            sql: """
                SELECT d.org_id AS org, d.beneficiary_id AS beneficiary, b.owner_org AS owner,
                       MIN(d.recorded_at) AS since, COUNT(*) AS deliveries
                FROM delivery d JOIN beneficiary b ON b.id = d.beneficiary_id
                WHERE d.org_id <> b.owner_org
                GROUP BY d.org_id, d.beneficiary_id ORDER BY since DESC, org, beneficiary
                """
        ).map {
            AuditOverview.ServingStart(
                org: $0.org, beneficiary: $0.beneficiary, owner: $0.owner, since: $0.since, deliveries: $0.deliveries)
        }
    }

    /// `code` as an SQL string literal; the codes are the library's own action names.
    private static func quoted(_ code: String) -> String {
        "'\(code.replacingOccurrences(of: "'", with: "''"))'"
    }
}
