import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// The deliveries a case read lists are found through the person's own deliveries, whoever
/// reads: an index of an organisation's deliveries by date (`delivery_org_date`, dropped by
/// migration 011) made SQLite read all the organisation's deliveries, in date order, for the
/// few of one person.
@Suite("a case read's delivery queries search the person's deliveries, not the organisation's")
struct ReadQueryPlanTests {
    /// The migration before the one that dropped `delivery_org_date`.
    static let lastMigrationWithTheIndex = "010_beneficiary_key_without_rowid"

    static func indexNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery'")
    }

    @Test(
        "each delivery query of a case read searches delivery_beneficiary and reads no other index",
        arguments: [
            DeliveryRecord.everyOrganisationSQL, DeliveryRecord.oneOrganisationSQL,
            DeliveryRecord.countsByOrganisationSQL,
        ])
    func deliveryQuerySearchesThePersonsDeliveries(_ sql: String) throws {
        let plan = try ImportQueryPlanTests.plan(sql)
        let steps = plan.filter { $0.hasPrefix("SEARCH") || $0.hasPrefix("SCAN") }
        #expect(steps == ["SEARCH delivery USING INDEX delivery_beneficiary (beneficiary_id=?)"], "\(plan)")
    }

    @Test("the deliveries table has only the index by person in a new registry")
    func newRegistryIndexesDeliveriesByPersonOnly() throws {
        let names = try RegistryDatabase.inMemory().read(Self.indexNames)
        #expect(names == ["delivery_beneficiary"])
    }

    @Test("a registry made before migration 011 loses the index by organisation and date when opened")
    func olderRegistryLosesTheOrganisationDateIndex() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("registro-read-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("registry.db").path

        let older = try DatabaseQueue(path: path)
        try Migrations.migrator().migrate(older, upTo: Self.lastMigrationWithTheIndex)
        #expect(try older.read(Self.indexNames).sorted() == ["delivery_beneficiary", "delivery_org_date"])
        try older.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        let opened = try RegistryDatabase.openExisting(at: path)
        #expect(try opened.read(Self.indexNames) == ["delivery_beneficiary"])
        let plan = try opened.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + DeliveryRecord.oneOrganisationSQL, arguments: ["p", "o"])
                .map { $0["detail"] as String }
        }
        #expect(plan.first == "SEARCH delivery USING INDEX delivery_beneficiary (beneficiary_id=?)", "\(plan)")
    }
}
