import GRDB
@testable import RegistroKit
import Testing

@Suite("an import's per-row queries stay within the person's own rows")
struct ImportQueryPlanTests {
    /// SQLite's plan for `sql`, one line per step, its `parameters` bound to NULL.
    static func plan(_ sql: String, parameters: Int) throws -> [String] {
        let nulls = StatementArguments([DatabaseValue](repeating: .null, count: parameters))
        return try RegistryDatabase.inMemory().read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: nulls).map { $0["detail"] as String }
        }
    }

    @Test("the check for a delivery stored already searches the person's deliveries, not the organisation's day")
    func storedDeliveryCheckSearchesByPerson() throws {
        let plan = try Self.plan(StoredDeliveryCheck.sql, parameters: 6)
        #expect(plan.contains { $0.contains("USING INDEX delivery_beneficiary (beneficiary_id=?)") })
        #expect(!plan.contains { $0.contains("delivery_org_date") })
    }
}
