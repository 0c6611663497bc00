extension ReportService {
    /// The monitoring sheet of organisation `organisation` over `period`, every figure
    /// perturbed by the cell key method and suppressed below the threshold. An organisation
    /// outside the user's networks is answered as if it did not exist.
    ///
    /// - Parameters:
    ///   - organisation: The organisation's id.
    ///   - period: The deliveries covered.
    ///   - minCell: The threshold (default 5).
    /// - Throws: `RegistroError` for an unknown organisation (not found), a bad threshold
    ///   (usage) or a user who may not (denied).
    public func monitoringSheet(
        organisation: String, period: ReportPeriod = .all, minCell: Int = DeliveryReportRequest.defaultMinCell
    ) throws -> MonitoringSheet {
        let keys = try session.keys()
        let audit = ReportAudit(kind: "scheda", period: period, minCell: minCell)
        let notFound = RegistroError.notFound(
            .organisation, "no organisation `\(organisation)`", hint: .listOrganisations)
        // Checked in the transaction that records the report, so that a sheet answered as not
        // found is recorded so, and again on the snapshot the sheet is read from.
        let requireFound = { (db: RegistryDatabase.Connection, scope: ReportScope) throws in
            guard scope.contains(organisation), try OrganisationRecord.find(organisation, db) != nil else {
                throw notFound
            }
        }
        return try session.registry.runReport(session, audit, requireFound: requireFound) { db, scope in
            guard scope.contains(organisation), let row = try OrganisationRecord.find(organisation, db) else {
                throw notFound
            }
            func table(_ dimensions: [ReportDimension], _ measure: ReportMeasure) throws -> ReportTable {
                var table = try Registry.deliveriesTable(
                    DeliveryReportRequest(dimensions: dimensions, measure: measure, period: period, minCell: minCell),
                    scope: scope.narrowed(to: organisation), keys: keys, db)
                table.report = "scheda"
                return table
            }
            return MonitoringSheet(
                organisation: organisation, name: row.name, territory: row.territory, period: period, minCell: minCell,
                summary: try MonitoringSheet.summaryMeasures.map { try table([], $0) },
                sections: try MonitoringSheet.sectionDimensions.map { try table([$0], .beneficiaries) })
        }
    }
}
