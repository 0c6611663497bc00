import GRDB

/// Tells whether a delivery an import is about to record is stored already: the same person,
/// service, date and hours, recorded by the importing organisation by hand or by another
/// import. Such a row is most likely the same service entered twice, and the importer is warned.
///
/// A raw statement (`RawStatement`), prepared once per import and bound per row: an import asks
/// it for every row whose person it matched. It is told to look through the person's deliveries
/// (`delivery_beneficiary`, a handful of entries): while the registry had an index of the
/// organisation's deliveries by date (dropped by migration 011), SQLite's planner preferred
/// that one, which grows with every row the import inserts and made an import's time grow with
/// the square of its rows (Docs/PERFORMANCE.md); the name keeps any such index out of the plan.
/// Of the person's deliveries it reads only those recorded
/// before the import (a lower id: the index holds each entry's id after the person's, so the
/// search stops at the import's own), which are the ones outside it.
final class StoredDeliveryCheck {
    private let query: RawStatement

    /// The check: a delivery of the person, with the same service, date and hours, recorded by
    /// the organisation before the import's first delivery.
    static let sql = """
        SELECT 1 FROM delivery INDEXED BY delivery_beneficiary
        WHERE beneficiary_id = ?1 AND id < ?5 AND service_code = ?2 AND date = ?3
        AND hours IS ?4 AND org_id = ?6 LIMIT 1
        """

    /// Prepares the check for an import by organisation `org` in the transaction of `db`, whose
    /// deliveries get ids from `firstDeliveryID` on.
    init(before firstDeliveryID: Int64, org: String, _ db: Database) throws {
        query = try RawStatement(db, sql: Self.sql)
        query.bind(5, firstDeliveryID)
        query.bind(6, org)
    }

    /// Whether `delivery` to `beneficiary` is stored already, outside this import.
    func isStored(_ delivery: ValidDelivery, beneficiary: String) throws -> Bool {
        query.bind(1, beneficiary)
        query.bind(2, delivery.serviceCode)
        query.bind(3, date: delivery.date)
        query.bind(4, delivery.hours)
        return try query.first { _ in true } ?? false
    }
}
