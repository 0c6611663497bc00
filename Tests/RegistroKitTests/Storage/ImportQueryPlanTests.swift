import GRDB
@testable import RegistroKit
import Testing

/// SQLite plans these statements without statistics (the registry never runs `ANALYZE`), so
/// its choice depends on the schema and the SQL alone, not on the rows: an empty registry
/// plans them as a full one does (checked by hand on the demo registries of `make bench`).
@Suite("an import's per-row queries stay within the person's own rows")
struct ImportQueryPlanTests {
    /// SQLite's plan for `sql`, one line per step.
    static func plan(_ sql: String) throws -> [String] {
        try RegistryDatabase.inMemory().read { db in
            try explained("EXPLAIN QUERY PLAN " + sql, db).map { $0["detail"] as String }
        }
    }

    /// The opcodes of the program SQLite compiles `sql` into, with the foreign key checks off,
    /// as during an import (`RegistryDatabase.ForeignKeyChecks.caller`).
    static func opcodes(_ sql: String) throws -> [String] {
        try RegistryDatabase.inMemory().write(foreignKeys: .caller) { db in
            try explained("EXPLAIN " + sql, db).map { $0["opcode"] as String }
        }
    }

    /// The rows of `EXPLAIN …` of a statement whose parameters are left unbound.
    private static func explained(_ sql: String, _ db: Database) throws -> [Row] {
        let statement = try db.makeStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments())
        return try Row.fetchAll(statement)
    }

    /// A query an import runs per row or per person, and the index search each of its steps
    /// must be.
    struct ExpectedPlan: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let searches: [String]
        var testDescription: String { name }
    }

    static let lookups: [ExpectedPlan] = [
        ExpectedPlan(
            name: "a person by blind index", sql: RecordStatements.SQL.byBlindIndex,
            searches: ["SEARCH beneficiary USING INDEX sqlite_autoindex_beneficiary_2 (cf_index=?)"]),
        ExpectedPlan(
            name: "a person by the organisation's file number", sql: RecordStatements.SQL.byRef,
            searches: ["SEARCH beneficiary USING INDEX sqlite_autoindex_beneficiary_3 (owner_org=? AND ref=?)"]),
        ExpectedPlan(
            name: "whether an id is taken", sql: RecordStatements.SQL.idTaken,
            searches: ["SEARCH beneficiary USING COVERING INDEX sqlite_autoindex_beneficiary_1 (id=?)"]),
        ExpectedPlan(
            name: "a codice fiscale given to a person", sql: RecordStatements.SQL.updateCodiceFiscale,
            searches: ["SEARCH beneficiary USING INDEX sqlite_autoindex_beneficiary_1 (id=?)"]),
        ExpectedPlan(
            name: "a person's special vulnerabilities", sql: RecordStatements.SQL.selectSpecial,
            searches: ["SEARCH special_vulnerability USING PRIMARY KEY (beneficiary_id=?)"]),
        ExpectedPlan(
            name: "the next delivery's id", sql: RecordStatements.SQL.nextDeliveryID, searches: ["SEARCH delivery"]),
        ExpectedPlan(
            name: "a delivery stored already", sql: StoredDeliveryCheck.sql,
            searches: ["SEARCH delivery USING INDEX delivery_beneficiary (beneficiary_id=? AND rowid<?)"]),
        ExpectedPlan(
            name: "a person's facts for the permission", sql: CaseSubjectRecord.findSQL,
            searches: [
                "SEARCH b USING INDEX sqlite_autoindex_beneficiary_1 (id=?)",
                "SEARCH r USING INDEX restriction_active (beneficiary_id=?)",
                "SEARCH e USING COVERING INDEX sqlite_autoindex_erasure_1 (beneficiary_id=?)",
            ]),
        ExpectedPlan(
            name: "a refused person's relationship to the organisation",
            sql: CaseSubjectRecord.relationshipSQL(networks: 2),
            searches: [
                "SEARCH delivery USING INDEX delivery_beneficiary (beneficiary_id=?)",
                "SEARCH consent_grant USING INDEX consent_grant_beneficiary (beneficiary_id=?)",
                "SEARCH e USING COVERING INDEX emergency_access_person (beneficiary_id=?)",
                "SEARCH o USING INDEX sqlite_autoindex_operator_1 (id=?)",
            ]),
        ExpectedPlan(
            name: "a person's wrapped data key", sql: BeneficiaryKeyRecord.findSQL,
            searches: ["SEARCH beneficiary_key USING PRIMARY KEY (beneficiary_id=?)"]),
        ExpectedPlan(
            name: "the owners of the people found, for the lookups' audit",
            sql: BeneficiaryOwners.ownedElsewhereSQL(ids: 3),
            searches: ["SEARCH beneficiary USING INDEX sqlite_autoindex_beneficiary_1 (id=?)"]),
    ]

    @Test("each per-row or per-person lookup of an import searches its index, scanning nothing", arguments: lookups)
    func lookupSearchesItsIndex(_ expected: ExpectedPlan) throws {
        let plan = try Self.plan(expected.sql)
        for search in expected.searches {
            #expect(plan.contains(search), "\(plan)")
        }
        let steps = plan.filter { $0.hasPrefix("SEARCH") || $0.hasPrefix("SCAN") }
        #expect(steps.allSatisfy { $0.hasPrefix("SEARCH") || $0 == "SCAN CONSTANT ROW" }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.contains("AUTOMATIC") }, "\(plan)")
    }

    @Test("the check for a delivery stored already searches the person's deliveries, not the organisation's day")
    func storedDeliveryCheckSearchesByPerson() throws {
        let plan = try Self.plan(StoredDeliveryCheck.sql)
        #expect(plan.contains { $0.contains("USING INDEX delivery_beneficiary (beneficiary_id=? AND rowid<?)") })
    }

    @Test(
        "each insert of an import writes its table and indexes, reads no other table, builds no temporary b-tree",
        arguments: [
            RecordStatements.SQL.insertBeneficiary, RecordStatements.SQL.insertKey,
            RecordStatements.SQL.insertVulnerability, RecordStatements.SQL.upsertSpecial,
            RecordStatements.SQL.updateCodiceFiscale,
            RecordStatements.SQL.insertDeliveries(rows: RecordStatements.deliveriesPerStatement),
            RecordStatements.SQL.insertKeys(rows: RecordStatements.newPersonRowsPerStatement),
            RecordStatements.SQL.insertSpecialLists(rows: RecordStatements.newPersonRowsPerStatement),
            RecordStatements.SQL.insertVulnerabilities(rows: RecordStatements.newPersonRowsPerStatement),
        ])
    func insertTouchesOnlyItsTable(_ sql: String) throws {
        let opcodes = try Self.opcodes(sql)
        #expect(opcodes.contains("OpenWrite"))
        // OpenRead: another table read; OpenEphemeral, SorterOpen: a temporary b-tree (an `IN`
        // list of constants in a CHECK constraint); Rewind, Last: a loop over a whole b-tree.
        for opcode in ["OpenRead", "OpenEphemeral", "SorterOpen", "Rewind", "Last"] {
            #expect(!opcodes.contains(opcode), "\(opcode) in the program of \(sql.prefix(60))")
        }
    }
}
