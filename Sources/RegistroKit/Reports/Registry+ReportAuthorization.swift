import GRDB

extension Registry {
    /// Decides, with the policies' `report` action (and `report_unsuppressed` when the report
    /// asks for a threshold below `DeliveryReportRequest.defaultMinCell`), whether the
    /// session's user may run a report, and records the report in the audit log.
    ///
    /// - Throws: `RegistroError` (denied, recorded) naming the determining policies.
    func authorizeReport(_ session: Session, kind: StaticString, minCell: Int) throws {
        let lowers = minCell < DeliveryReportRequest.defaultMinCell
        let user = session.user
        try writeAuditing { db in
            let gate = session.gate()
            let action: AuditAction = lowers ? .reportUnsuppressed : .report
            let resource = AuditResource.report(kind.description)
            var decision = try Self.require(.report, gate: gate, audit: action, resource: resource)
            if lowers {
                decision = try Self.require(.reportUnsuppressed, gate: gate, audit: action, resource: resource)
            }
            try AuditLog.append(
                decision.auditEvent(by: user, action: action, resource: resource, subject: nil, category: nil, purpose: nil,
                                    detail: "min cell \(minCell)"),
                in: db)
        }
    }

    /// How much of the database file a report maps into memory (SQLite `mmap_size`): reading
    /// a million deliveries through the map avoids a system call per page.
    static let reportMemoryMapSize = 1 << 30

    /// Checks a report's threshold and user, then runs `body` on a consistent snapshot.
    ///
    /// - Throws: `RegistroError` (usage) for a threshold below 1, (denied) from
    ///   `authorizeReport`.
    func runReport<T>(
        _ session: Session, kind: StaticString, minCell: Int, _ body: (GRDB.Database) throws -> T
    ) throws -> T {
        guard minCell >= 1 else {
            throw RegistroError.usage(.minCell, "must be at least 1 (1 publishes every cell as it is)")
        }
        try authorizeReport(session, kind: kind, minCell: minCell)
        return try database.read { db in
            // Reports scan every delivery: map the file rather than read it page by page.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.reportMemoryMapSize)")
            return try body(db)
        }
    }
}
