extension Registry {
    /// The highest threshold a report may ask: with perturbations of at most
    /// `PerturbationTable.standard.maximum`, no figure that 20 or more people stand behind is
    /// ever suppressed.
    public static let maximumMinCell = 20 - PerturbationTable.standard.maximum

    /// Decides, with the policies' `report` action (and `report_unsuppressed` for exact figures
    /// or a threshold below `DeliveryReportRequest.defaultMinCell`), whether the session's user
    /// may run a report, checks with `requireFound` that what it names is within the deliveries
    /// they may count, records what is answered in the audit log, and returns those deliveries.
    ///
    /// - Throws: `RegistroError` (denied, recorded) naming the determining policies; the
    ///   not-found error `requireFound` throws, recorded as a denial of the report.
    func authorizeReport(
        _ session: Session, _ report: ReportAudit,
        requireFound: (RegistryDatabase.Connection, ReportScope) throws -> Void = { _, _ in }
    ) throws -> ReportScope {
        let unsuppressed = report.exact || report.minCell < DeliveryReportRequest.defaultMinCell
        let user = session.user
        return try writeAuditing { db in
            let gate = session.gate()
            let action: AuditAction = unsuppressed ? .reportUnsuppressed : .report
            let resource = AuditResource.report(report.kind.description)
            var decision = try Self.require(.report, gate: gate, audit: action, resource: resource)
            if unsuppressed {
                decision = try Self.require(.reportUnsuppressed, gate: gate, audit: action, resource: resource)
            }
            let scope = try ReportScope.of(user.org, exact: report.exact, db)
            do {
                try requireFound(db, scope)
            } catch let error as RegistroError where error.kind == .notFound {
                var answered = report
                answered.answeredNotFound = true
                throw AuditedDenial(
                    decision.auditEvent(
                        by: user, action: action, resource: resource, subject: nil, category: nil, purpose: nil,
                        detail: AuditDetail(answered)),
                    answering: error)
            }
            try AuditLog.append(
                decision.auditEvent(
                    by: user, action: action, resource: resource, subject: nil, category: nil, purpose: nil,
                    detail: AuditDetail(report)),
                in: db)
            return scope
        }
    }

    /// Checks a report's threshold and period, then runs `body` on a consistent snapshot with
    /// the deliveries the session's user may count, once `requireFound` (see `authorizeReport`)
    /// found what the report names.
    ///
    /// - Throws: `RegistroError` (usage) for a threshold outside 1 … `maximumMinCell` or a
    ///   perturbed report not on whole months; (denied, not found) from `authorizeReport`.
    func runReport<T>(
        _ session: Session, _ report: ReportAudit,
        requireFound: (RegistryDatabase.Connection, ReportScope) throws -> Void = { _, _ in },
        _ body: (RegistryDatabase.Connection, ReportScope) throws -> T
    ) throws -> T {
        guard report.exact || (1...Self.maximumMinCell).contains(report.minCell) else {
            throw RegistroError.usage(
                .minCell,
                "must be between 1 and \(Self.maximumMinCell) "
                    + "(a figure 20 or more people stand behind is never suppressed)",
                key: .reportMinCellOutOfRange(maximum: Self.maximumMinCell))
        }
        if !report.exact { try report.period.requireWholeMonths() }
        let scope = try authorizeReport(session, report, requireFound: requireFound)
        return try database.read { db in
            // Reports scan every delivery: map the file rather than read it page by page.
            try ReportScans.mapForScans(db)
            return try body(db, scope)
        }
    }
}
