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
    static func make(_ db: RegistryDatabase.Connection) throws -> AuditOverview {
        let totals = try AuditOverviewQueries.totals(db)
        let reads = AuditAction.reads.map(\.rawValue).sorted()
        return AuditOverview(
            entries: totals.entries, firstTime: totals.first, lastTime: totals.last, denials: totals.denials,
            lastCheckpoint: try AuditOverviewQueries.lastCheckpoint(db),
            denialsByOrganisation: try AuditOverviewQueries.denials(byUser: false, db),
            denialsByUser: try AuditOverviewQueries.denials(byUser: true, db),
            emergencyAccesses: try AuditEntryRecord.emergencyAccesses(db),
            sensitiveReads: try AuditEntryRecord.sensitiveReads(actions: reads, db),
            readsUnderWithdrawnConsent: try AuditOverviewQueries.readsUnderWithdrawnConsent(actions: reads, db),
            servingStarts: try AuditOverviewQueries.servingStarts(db),
            reportSeries: try reportSeries(db))
    }

    /// The users with two or more allowed reports, the latest series first, each report in order.
    private static func reportSeries(_ db: RegistryDatabase.Connection) throws -> [ReportSeries] {
        let actions = [AuditAction.report, .reportUnsuppressed].map(\.rawValue)
        var series: [ReportSeries] = []
        for row in try AuditOverviewQueries.reportsInSeries(actions: actions, db) {
            if let last = series.last, last.actor == row.actor, last.org == row.org {
                series[series.count - 1].details.append(row.detail)
            } else {
                series.append(
                    ReportSeries(
                        actor: row.actor, org: row.org, count: row.n, lastTime: row.last, details: [row.detail]))
            }
        }
        return series
    }
}
