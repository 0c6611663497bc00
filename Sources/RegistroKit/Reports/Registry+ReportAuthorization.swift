import GRDB

extension Registry {
    /// Decides whether `actor` may run a statistical report, and whether they may lower the
    /// small-cell threshold below `DeliveryReportRequest.defaultMinCell`.
    ///
    /// The rule of SPEC §5: reports are for coordinators, privacy officers and admins; only
    /// privacy officers and admins may lift small-cell suppression. This is the one place the
    /// decision is made: the policy engine's `report` and `report_unsuppressed` actions take
    /// it over when reports are put behind the policy gate.
    ///
    /// - Parameters:
    ///   - actor: The operator asking.
    ///   - lowersThreshold: Whether the report asks for a threshold below the default.
    /// - Throws: `RegistroError` (denied) naming the role that is missing.
    func authorizeReport(actor: Operator, lowersThreshold: Bool) throws {
        let reporting: Set<Role> = [.coordinator, .privacyOfficer, .admin]
        guard reporting.contains(actor.role) else {
            throw RegistroError.denied(
                "reports are for coordinators, privacy officers and admins; `\(actor.id)` is a \(actor.role.rawValue)")
        }
        let unsuppressing: Set<Role> = [.privacyOfficer, .admin]
        if lowersThreshold && !unsuppressing.contains(actor.role) {
            throw RegistroError.denied(
                "only a privacy officer or an admin may set --min-cell below \(DeliveryReportRequest.defaultMinCell); `\(actor.id)` is a \(actor.role.rawValue); leave --min-cell out or ask one of them")
        }
    }

    /// How much of the database file a report maps into memory (SQLite `mmap_size`): reading
    /// a million deliveries through the map avoids a system call per page.
    static let reportMemoryMapSize = 1 << 30

    /// Checks a report's threshold and actor, then runs `body` on a consistent snapshot.
    ///
    /// - Throws: `RegistroError` (usage) for a threshold below 1 or a missing `--as`,
    ///   (invalid data) for an unknown user, (denied) from `authorizeReport`.
    func runReport<T>(actor: String?, minCell: Int, _ body: (GRDB.Database) throws -> T) throws -> T {
        guard minCell >= 1 else {
            throw RegistroError.usage("--min-cell must be at least 1 (1 publishes every cell as it is)")
        }
        return try database.read { db in
            let user = try requireOperator(actor, db)
            try authorizeReport(actor: user, lowersThreshold: minCell < DeliveryReportRequest.defaultMinCell)
            // audit: record the report (actor, kind, dimensions, threshold, decision) once the audit log lands.
            // Reports scan every delivery: map the file rather than read it page by page.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.reportMemoryMapSize)")
            return try body(db)
        }
    }
}
