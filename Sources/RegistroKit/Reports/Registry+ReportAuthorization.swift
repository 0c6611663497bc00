import GRDB

extension Registry {
    /// The highest threshold a report may ask: with perturbations of at most
    /// `PerturbationTable.standard.maximum`, no figure that 20 or more people stand behind is
    /// ever suppressed.
    public static let maximumMinCell = 20 - PerturbationTable.standard.maximum

    /// Decides, with the policies' `report` action (and `report_unsuppressed` for exact figures
    /// or a threshold below `DeliveryReportRequest.defaultMinCell`), whether `actor` may run a
    /// report, records it in the audit log, and returns the deliveries it may count.
    ///
    /// - Throws: `RegistroError` (denied, recorded) naming the determining policies.
    func authorizeReport(actor: String?, _ report: ReportAudit) throws -> ReportScope {
        let unsuppressed = report.exact || report.minCell < DeliveryReportRequest.defaultMinCell
        return try writeAuditing { db in
            let user = try requireOperator(actor, db)
            let gate = try AccessGate(user: user, db)
            let action: AuditAction = unsuppressed ? .reportUnsuppressed : .report
            let resource = AuditResource.report(report.kind.description)
            var decision = try require(.report, gate: gate, audit: action, resource: resource)
            if unsuppressed {
                decision = try require(.reportUnsuppressed, gate: gate, audit: action, resource: resource)
            }
            try AuditLog.append(
                decision.auditEvent(by: user, action: action, resource: resource, subject: nil, category: nil, purpose: nil,
                                    detail: AuditDetail(report)),
                in: db)
            return try ReportScope.of(user.org, exact: report.exact, db)
        }
    }

    /// How much of the database file a report maps into memory (SQLite `mmap_size`): reading
    /// a million deliveries through the map avoids a system call per page.
    static let reportMemoryMapSize = 1 << 30

    /// Checks a report's threshold, period and actor, then runs `body` on a consistent snapshot
    /// with the deliveries the actor may count.
    ///
    /// - Throws: `RegistroError` (usage) for a threshold outside 1 … `maximumMinCell`, a
    ///   perturbed report not on whole months, or a missing `--as`; (invalid data) for an
    ///   unknown user; (denied) from `authorizeReport`.
    func runReport<T>(
        actor: String?, _ report: ReportAudit, _ body: (GRDB.Database, ReportScope) throws -> T
    ) throws -> T {
        guard report.exact || (1...Self.maximumMinCell).contains(report.minCell) else {
            throw RegistroError.usage(
                "--min-cell must be between 1 and \(Self.maximumMinCell) "
                    + "(a figure 20 or more people stand behind is never suppressed)")
        }
        if !report.exact { try report.period.requireWholeMonths() }
        let scope = try authorizeReport(actor: actor, report)
        return try database.read { db in
            // Reports scan every delivery: map the file rather than read it page by page.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.reportMemoryMapSize)")
            return try body(db, scope)
        }
    }
}
