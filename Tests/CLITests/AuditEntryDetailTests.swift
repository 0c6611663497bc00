import Foundation
import Testing

/// What the log says about lookups, explanations, dry runs and emergency accesses, through the
/// built binary: each names its subject, and an emergency access its purpose and expiry.
@Suite struct AuditEntryDetailTests {
    /// The rows `sql` selects, as the `sqlite3` shell prints them.
    private static func rows(_ registry: AuditTestRegistry, _ sql: String) throws -> [String] {
        try registry.sqlite(sql).stdout.split(separator: "\n").map(String.init)
    }

    @Test func anExplanationIsRecordedWithItsSubjectCategoryPurposeAndAnswer() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        try registry.expectSuccess([
            "policy", "explain", "--beneficiary", scenario.recordedID, "--category", "contact",
            "--purpose", "presa_in_carico_condivisa", "--as", "sw-b",
        ])
        let entries = try Self.rows(
            registry,
            """
            SELECT actor, subject, resource, category, purpose, decision, detail FROM audit_entry
            WHERE action = 'explain'
            """)
        #expect(
            entries == [
                "sw-b|\(scenario.recordedID)|beneficiary:\(scenario.recordedID)|contact|"
                    + "presa_in_carico_condivisa|allow|explain: would deny"
            ])
        let report = try registry.expectSuccess([
            "audit", "subject-report", scenario.recordedID, "--format", "json", "--as", "dpo",
        ])
        #expect(report.stdout.contains("\"explain\""), "the person's report lists the explanation")
    }

    @Test func aDryRunRecordsALookupOfEveryKnownPersonItMatched() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        let file = registry.path(scenario.importFileName)
        // The file was imported before: --again runs the dry run all the same.
        try registry.expectSuccess(["import", "deliveries", file, "--dry-run", "--again", "--as", "sw-b"])
        let matched = try Self.rows(
            registry,
            """
            SELECT subject FROM audit_entry WHERE action = 'lookup' AND detail = 'dry run' AND actor = 'sw-b'
            ORDER BY subject
            """)
        let imported = try Self.rows(
            registry,
            """
            SELECT DISTINCT beneficiary_id FROM delivery WHERE import_id IS NOT NULL ORDER BY beneficiary_id
            """)
        #expect(matched.count == scenario.imported.count)
        #expect(matched == imported)
        #expect(
            try Self.rows(registry, "SELECT detail FROM audit_entry WHERE action = 'import' ORDER BY seq DESC LIMIT 1")
                .first?.hasPrefix("dry run: new people: 0") == true)
    }

    @Test func aDryRunOfNewPeopleRecordsNoLookup() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let header = "given_name,family_name,birth_date,sex,service_code,date"
        let file = registry.path("nuovi.csv")
        try (header + "\nLaura,Bruni,1985-12-10,F,RT.LAV02,2026-10-06\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = try registry.registro(["import", "deliveries", file, "--dry-run", "--as", "sw-b"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.rows(registry, "SELECT COUNT(*) FROM audit_entry WHERE detail = 'dry run'") == ["0"])
    }

    @Test func anEmergencyAccessRecordsItsPurposeAndExpiry() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        let result = try registry.registro([
            "case", "show", scenario.recordedID, "--purpose", "presa_in_carico_condivisa", "--emergency",
            "--reason", "Ricovero urgente in pronto soccorso", "--as", "sw-b",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try #require(
            try Self.rows(
                registry,
                """
                SELECT subject, purpose, emergency, emergency_ref IS NOT NULL, time, detail FROM audit_entry
                WHERE action = 'emergency_access'
                """
            ).first)
        let fields = entry.split(separator: "|").map(String.init)
        #expect(Array(fields.prefix(4)) == [scenario.recordedID, "presa_in_carico_condivisa", "1", "1"])
        let match = try #require(
            fields[5].wholeMatch(of: /hours: (\d+), until: (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)/))
        #expect(match.output.2 > fields[4], "the expiry is after the access")
        #expect(!entry.contains("Ricovero"), "the reason stays sealed")
    }
}
