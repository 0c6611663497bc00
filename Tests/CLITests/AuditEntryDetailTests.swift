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
        // Beta has no relationship to the person: the explanation is recorded, then answered as
        // for an unknown id.
        let explained = try registry.registro([
            "policy", "explain", "--beneficiary", scenario.recordedID, "--category", "contact",
            "--purpose", "presa_in_carico_condivisa", "--as", "sw-b",
        ])
        #expect(explained.status == 65, "\(explained.stderr)")
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

    @Test func aDryRunRecordsALookupOfAnotherOrganisationsPersonOnlyAsTheImportDoes() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        // sw-b's own people again, and sw-a's person found by codice fiscale.
        let own = try String(contentsOfFile: registry.path(scenario.importFileName), encoding: .utf8)
        let recorded = scenario.recorded
        let other = [
            recorded.codiceFiscale, recorded.givenName, recorded.familyName, recorded.birthDate, recorded.sex, "", "",
            "", "RT.LAV02", "2026-10-08",
        ].joined(separator: ",")
        let file = registry.path("seconda.csv")
        try (own.replacingOccurrences(of: "2026-10-0", with: "2026-09-0") + "\n" + other + "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let lookups = """
            SELECT subject, decision, policies, COALESCE(detail, '-') FROM audit_entry
            WHERE action = 'lookup' AND actor = 'sw-b' ORDER BY seq
            """
        #expect(try Self.rows(registry, lookups).isEmpty)
        try registry.expectSuccess(["import", "deliveries", file, "--dry-run", "--as", "sw-b"])
        let dryRun = try Self.rows(registry, lookups)
        try registry.expectSuccess(["import", "deliveries", file, "--as", "sw-b"])
        let both = try Self.rows(registry, lookups)
        #expect(dryRun.count == 1 && dryRun.first?.hasPrefix("\(scenario.recordedID)|allow|") == true, "\(dryRun)")
        #expect(dryRun.first?.hasSuffix("|dry run") == true)
        #expect(both == dryRun + dryRun.map { $0.replacingOccurrences(of: "|dry run", with: "|-") })
        #expect(
            try Self.rows(registry, "SELECT detail FROM audit_entry WHERE action = 'import' ORDER BY seq DESC LIMIT 2")
                .last?.hasPrefix("dry run: new people: 0") == true)
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
