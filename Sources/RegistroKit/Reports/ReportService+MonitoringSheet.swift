extension ReportService {
    /// The monitoring sheet of organisation `organisation` over `period`, after small-cell
    /// suppression.
    ///
    /// - Parameters:
    ///   - organisation: The organisation's id.
    ///   - period: The deliveries covered.
    ///   - minCell: The threshold (default 5).
    /// - Throws: `RegistroError` for an unknown organisation (invalid data), a bad threshold
    ///   (usage) or a user who may not (denied).
    public func monitoringSheet(
        organisation: String, period: ReportPeriod = .all, minCell: Int = DeliveryReportRequest.defaultMinCell
    ) throws -> MonitoringSheet {
        let keys = try session.keys()
        return try session.registry.runReport(session, kind: "scheda", minCell: minCell) { db in
            guard let row = try OrganisationRecord.find(organisation, db) else {
                throw RegistroError.invalidData(
                    .organisation, "no organisation `\(organisation)`", hint: .listOrganisations)
            }
            func table(_ dimensions: [ReportDimension], _ measure: ReportMeasure) throws -> ReportTable {
                var table = try Registry.deliveriesTable(
                    DeliveryReportRequest(dimensions: dimensions, measure: measure, period: period, minCell: minCell),
                    organisation: organisation, keys: keys, db)
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
