import Foundation
import GRDB

/// A privacy officer's overview of the audit log: what deserves a look first.
public struct AuditOverview: Sendable, Equatable {
    /// How many entries the log holds.
    public internal(set) var entries: Int64
    /// The time of the first entry.
    public internal(set) var firstTime: String?
    /// The time of the last entry.
    public internal(set) var lastTime: String?
    /// How many entries were denials.
    public internal(set) var denials: Int64
    /// The last checkpoint issued, if any.
    public internal(set) var lastCheckpoint: CheckpointMark?
    /// Denials counted by organisation, most first.
    public internal(set) var denialsByOrganisation: [DenialCount]
    /// Denials counted by user, most first.
    public internal(set) var denialsByUser: [DenialCount]
    /// Every access made under an emergency ("break the glass").
    public internal(set) var emergencyAccesses: [AuditEntry]
    /// Every allowed read or export of the `sensitive` category.
    public internal(set) var sensitiveReads: [AuditEntry]
    /// Allowed reads fed by a consent grant that was revoked afterwards.
    public internal(set) var readsUnderWithdrawnConsent: [WithdrawnConsentRead]
    /// Organisations that started serving a person another organisation owns, latest first.
    public internal(set) var servingStarts: [ServingStart] = []
    /// Users who asked two or more reports, with each report's detail: the same table over
    /// periods a day apart, or many combinations of dimensions, can single out a person.
    public internal(set) var reportSeries: [ReportSeries] = []

    /// The reports one user asked (allowed entries of `report` and `report_unsuppressed`).
    public struct ReportSeries: Sendable, Equatable {
        /// The user.
        public internal(set) var actor: String
        /// Their organisation, as the entries record it.
        public internal(set) var org: String?
        /// How many reports.
        public internal(set) var count: Int64
        /// When the last one was produced.
        public internal(set) var lastTime: String
        /// Each report's detail, e.g. `deliveries by org,citizenship; measure hours; period …;
        /// min cell 7; perturbed`, in the order they were asked.
        public internal(set) var details: [String]
    }

    /// An organisation serving a person another organisation owns.
    public struct ServingStart: Sendable, Equatable {
        /// The organisation that started serving.
        public internal(set) var org: String
        /// The person, by pseudonymous id.
        public internal(set) var beneficiary: String
        /// The organisation owning the person's record.
        public internal(set) var owner: String
        /// When it recorded its first delivery to them.
        public internal(set) var since: String
        /// How many deliveries it recorded.
        public internal(set) var deliveries: Int64
    }

    /// Denials by one organisation or one user.
    public struct DenialCount: Sendable, Equatable {
        /// The organisation (`nil` for denials before the registry had users).
        public internal(set) var org: String?
        /// The user, for counts by user.
        public internal(set) var actor: String?
        /// The actions denied, e.g. `lookup, record`.
        public internal(set) var actions: [String]
        /// How many denials.
        public internal(set) var count: Int64
        /// When the last one happened.
        public internal(set) var lastTime: String
    }

    /// When a checkpoint was issued, and the entry it covers up to.
    public struct CheckpointMark: Sendable, Equatable {
        /// The checkpoint's head entry.
        public internal(set) var seq: Int64
        /// When it was issued.
        public internal(set) var time: String
    }

    /// An allowed read that relied on a consent grant revoked later.
    public struct WithdrawnConsentRead: Sendable, Equatable {
        /// The read.
        public internal(set) var read: AuditEntry
        /// The consent grant revoked.
        public internal(set) var consent: String
        /// When it was revoked.
        public internal(set) var revokedAt: String
        /// The entry that recorded the revocation.
        public internal(set) var revokedSeq: Int64
    }

    /// The overview of the log in `db`.
    static func make(_ db: Database) throws -> AuditOverview {
        let totals = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS entries, MIN(time) AS first, MAX(time) AS last,
                       COALESCE(SUM(decision = 'deny'), 0) AS denials
                FROM audit_entry
                """)!
        let checkpoint = try Row.fetchOne(db, sql: "SELECT seq, time FROM audit_checkpoint ORDER BY seq DESC LIMIT 1")
        let reads = AuditAction.reads.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")
        return AuditOverview(
            entries: totals["entries"], firstTime: totals["first"], lastTime: totals["last"],
            denials: totals["denials"],
            lastCheckpoint: checkpoint.map { CheckpointMark(seq: $0["seq"], time: $0["time"]) },
            denialsByOrganisation: try denials(grouping: "org", db),
            denialsByUser: try denials(grouping: "org, actor", db),
            emergencyAccesses: try entries("emergency = 1", db),
            sensitiveReads: try entries(
                "category = 'sensitive' AND decision = 'allow' AND action IN (\(reads))"
                    + " AND (detail IS NULL OR detail <> 'nothing recorded')", db),
            readsUnderWithdrawnConsent: try withdrawnConsentReads(reads: reads, db),
            servingStarts: try servingStarts(db),
            reportSeries: try reportSeries(db))
    }

    /// The users with two or more allowed reports, the latest series first, each report in order.
    private static func reportSeries(_ db: Database) throws -> [ReportSeries] {
        let actions = [AuditAction.report, .reportUnsuppressed].map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT actor, org, detail, n, last FROM (
                    SELECT seq, actor, org, COALESCE(detail, '') AS detail,
                           COUNT(*) OVER (PARTITION BY actor, org) AS n,
                           MAX(time) OVER (PARTITION BY actor, org) AS last
                    FROM audit_entry
                    WHERE action IN (\(actions)) AND decision = 'allow' AND actor IS NOT NULL)
                WHERE n >= 2 ORDER BY last DESC, actor, org, seq
                """)
        var series: [ReportSeries] = []
        for row in rows {
            let actor: String = row["actor"], org: String? = row["org"], detail: String = row["detail"]
            if let last = series.last, last.actor == actor, last.org == org {
                series[series.count - 1].details.append(detail)
            } else {
                series.append(
                    ReportSeries(actor: actor, org: org, count: row["n"], lastTime: row["last"], details: [detail]))
            }
        }
        return series
    }

    /// The organisations recording deliveries for people other organisations own, by first delivery.
    private static func servingStarts(_ db: Database) throws -> [ServingStart] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.org_id AS org, d.beneficiary_id AS beneficiary, b.owner_org AS owner,
                       MIN(d.recorded_at) AS since, COUNT(*) AS deliveries
                FROM delivery d JOIN beneficiary b ON b.id = d.beneficiary_id
                WHERE d.org_id <> b.owner_org
                GROUP BY d.org_id, d.beneficiary_id ORDER BY since DESC, org, beneficiary
                """
        ).map {
            ServingStart(
                org: $0["org"], beneficiary: $0["beneficiary"], owner: $0["owner"], since: $0["since"],
                deliveries: $0["deliveries"])
        }
    }

    private static func entries(_ condition: String, _ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT \(AuditColumn.allNames) FROM audit_entry WHERE \(condition) ORDER BY seq")
            .map(AuditLog.entry)
    }

    private static func denials(grouping columns: String, _ db: Database) throws -> [DenialCount] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns), group_concat(DISTINCT action) AS actions, COUNT(*) AS n, MAX(time) AS last
                FROM audit_entry WHERE decision = 'deny'
                GROUP BY \(columns) ORDER BY n DESC, \(columns)
                """
        ).map { row in
            DenialCount(
                org: row["org"], actor: columns.contains("actor") ? row["actor"] : nil,
                actions: (row["actions"] as String? ?? "").split(separator: ",").map(String.init).sorted(),
                count: row["n"], lastTime: row["last"])
        }
    }

    /// Allowed reads whose consents include a grant that a later `revoke_consent` entry
    /// (resource `consent:ID`) revoked.
    private static func withdrawnConsentReads(reads: String, _ db: Database) throws -> [WithdrawnConsentRead] {
        let readColumns = AuditColumn.allNames.split(separator: ",").map {
            "r." + $0.trimmingCharacters(in: .whitespaces)
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT \(readColumns.joined(separator: ", ")),
                       substr(c.resource, 9) AS revoked_consent, c.time AS revoked_at, c.seq AS revoked_seq
                FROM audit_entry c
                JOIN audit_entry r
                  ON r.seq < c.seq AND r.consents != ''
                 AND instr(',' || r.consents || ',', ',' || substr(c.resource, 9) || ',') > 0
                WHERE c.action = 'revoke_consent' AND c.decision = 'allow' AND c.resource LIKE 'consent:%'
                  AND r.decision = 'allow' AND r.action IN (\(reads))
                ORDER BY r.seq, c.seq
                """
        ).map { row in
            WithdrawnConsentRead(
                read: AuditLog.entry(row), consent: row["revoked_consent"], revokedAt: row["revoked_at"],
                revokedSeq: row["revoked_seq"])
        }
    }
}
