import GRDB

extension Registry {
    /// The monitoring sheet of organisation `organisation` over `period`, every figure
    /// perturbed by the cell key method and suppressed below the threshold. An organisation
    /// outside the actor's networks is answered as if it did not exist.
    ///
    /// - Parameters:
    ///   - organisation: The organisation's id.
    ///   - period: The deliveries covered.
    ///   - minCell: The threshold (default 5).
    ///   - actor: The operator asking; see `authorizeReport(actor:_:)`.
    /// - Throws: `RegistroError` for an unknown organisation (invalid data), a bad threshold
    ///   (usage), an unknown actor (invalid data) or an actor who may not (denied).
    public func monitoringSheet(
        organisation: String, period: ReportPeriod = .all, minCell: Int = DeliveryReportRequest.defaultMinCell, actor: String?
    ) throws -> MonitoringSheet {
        let keys = try keys()
        let audit = ReportAudit(kind: "scheda", period: period, minCell: minCell)
        return try runReport(actor: actor, audit) { db, scope in
            guard scope.contains(organisation),
                  let row = try Row.fetchOne(
                      db, sql: "SELECT name, territory FROM organisation WHERE id = ?", arguments: [organisation])
            else {
                throw RegistroError.invalidData("--org: no organisation `\(organisation)`; see `registro org list`")
            }
            func table(_ dimensions: [ReportDimension], _ measure: ReportMeasure) throws -> ReportTable {
                var table = try Self.deliveriesTable(
                    DeliveryReportRequest(dimensions: dimensions, measure: measure, period: period, minCell: minCell),
                    scope: scope.narrowed(to: organisation), keys: keys, db)
                table.report = "scheda"
                return table
            }
            return MonitoringSheet(
                organisation: organisation, name: row["name"], territory: row["territory"], period: period, minCell: minCell,
                summary: try MonitoringSheet.summaryMeasures.map { try table([], $0) },
                sections: try MonitoringSheet.sectionDimensions.map { try table([$0], .beneficiaries) })
        }
    }
}
