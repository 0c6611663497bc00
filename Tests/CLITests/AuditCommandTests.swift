import Foundation
import RegistroKit
import Testing

/// `registro audit …` end to end, through the built binary, on registries tampered with by the
/// `sqlite3` shell the way someone holding the database file could.
@Suite struct AuditCommandTests {
    /// A registry with the end-to-end scenario built in it.
    private static func scenarioRegistry() throws -> (AuditTestRegistry, AuditScenario) {
        let registry = try AuditTestRegistry()
        return (registry, try AuditScenario.build(in: registry))
    }

    /// How many entries the log holds, read by the `sqlite3` shell.
    private static func entryCount(_ registry: AuditTestRegistry) throws -> Int {
        Int(
            try registry.sqlite("SELECT COUNT(*) FROM audit_entry").stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func verifyPassesOnAnUntouchedRegistry() throws {
        let (registry, _) = try Self.scenarioRegistry()
        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("audit log verified: "))
        #expect(result.stderr.isEmpty)
    }

    /// Every column of one entry, and an SQL expression that changes it.
    static let edits: [(column: String, change: String)] = [
        ("version", "2"), ("seq", "seq + 1000"), ("time", "'2020-01-01T00:00:00.000Z'"), ("actor", "'sw-b'"),
        ("org", "'beta'"), ("action", "'read'"), ("resource", "'beneficiary:BXXXXXXXXXXX'"),
        ("subject", "'BXXXXXXXXXXX'"), ("category", "'sensitive'"), ("purpose", "'statistica'"),
        ("decision", "CASE decision WHEN 'allow' THEN 'deny' ELSE 'allow' END"), ("policies", "'policy0'"),
        ("policy_set", "zeroblob(32)"), ("emergency", "1 - emergency"), ("emergency_ref", "'E1'"),
        ("consents", "'7'"), ("row_count", "COALESCE(row_count, 0) + 1"), ("file_digest", "randomblob(32)"),
        ("detail", "'edited'"), ("prev_hash", "randomblob(32)"), ("hash", "randomblob(32)"),
    ]

    @Test(arguments: edits)
    func editingAnyFieldOfOneEntryMakesVerifyNameIt(column: String, change: String) throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let seq = Int(
            try registry.sqlite(
                "SELECT MIN(seq) FROM audit_entry WHERE subject = '\(scenario.recordedID)'"
            ).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines))!
        let edit = try registry.sqlite(
            """
            PRAGMA ignore_check_constraints = ON; DROP TRIGGER audit_entry_no_update;
            UPDATE audit_entry SET \(column) = \(change) WHERE seq = \(seq);
            """)
        #expect(edit.status == 0, "\(edit.stderr)")

        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("registro: audit entry \(seq) "), "\(column): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func theTriggersRefuseToChangeOrDeleteEntries() throws {
        let (registry, _) = try Self.scenarioRegistry()
        let update = try registry.sqlite("UPDATE audit_entry SET actor = 'sw-b' WHERE seq = 3")
        let delete = try registry.sqlite("DELETE FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)")
        #expect(update.status != 0 && update.stderr.contains("the audit log is append-only"))
        #expect(delete.status != 0 && delete.stderr.contains("the audit log is append-only"))
        #expect(try registry.registro(["audit", "verify", "--as", "dpo"]).status == 0)
    }

    @Test func deletingTheLastEntriesIsCaughtByACheckpointTakenBefore() throws {
        let (registry, _) = try Self.scenarioRegistry()
        let checkpoint = try registry.registro(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
        let last = try Self.entryCount(registry)
        // Someone holding the file removes the last three entries, and the stored checkpoint.
        let cut = try registry.sqlite(
            """
            DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_checkpoint_no_delete;
            DELETE FROM audit_entry WHERE seq > \(last - 3); DELETE FROM audit_checkpoint;
            """)
        #expect(cut.status == 0, "\(cut.stderr)")
        // And the witness kept beside the database: the checkpoint file alone catches it.
        try FileManager.default.removeItem(atPath: registry.database + ".witness")

        let result = try registry.registro(["audit", "verify", "--checkpoint", "kept.json", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "registro: audit entry \(last - 2) is missing: the log ends at entry \(last - 3) but checkpoint `kept.json` covers entries up to \(last)"
            ),
            "\(result.stderr)")
    }

    @Test func deletingTheLastEntriesIsCaughtByTheCheckpointStoredInTheRegistry() throws {
        let (registry, _) = try Self.scenarioRegistry()
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let last = try Self.entryCount(registry)
        try registry.sqlite("DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE seq > \(last - 2);")

        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("registro: audit entry \(last - 1) is missing"), "\(result.stderr)")
    }

    @Test func aLogRolledBackAndContinuedDiffersFromTheCheckpoint() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let last = try Self.entryCount(registry)
        try registry.sqlite(
            """
            DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_checkpoint_no_delete;
            DELETE FROM audit_entry WHERE seq > \(last - 2); DELETE FROM audit_checkpoint;
            """)
        // And the witness kept beside the database: the checkpoint file alone catches it.
        try FileManager.default.removeItem(atPath: registry.database + ".witness")
        // The registry goes on working: new entries take the deleted ones' numbers.
        for _ in 0..<3 {
            try registry.expectSuccess([
                "beneficiary", "find", "--cf", scenario.imported[1].codiceFiscale, "--as", "sw-b",
            ])
        }

        let result = try registry.registro(["audit", "verify", "--checkpoint", "kept.json", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix("registro: audit entry \(last) differs from checkpoint `kept.json`"),
            "\(result.stderr)")
    }

    @Test func aCheckpointWhoseHeadWasAlteredHasABadSignature() throws {
        let (registry, _) = try Self.scenarioRegistry()
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let text = try String(contentsOfFile: registry.path("kept.json"), encoding: .utf8)
        let head = try #require(text.firstMatch(of: /"head": "([0-9a-f]{64})"/)?.output.1)
        let forged = text.replacingOccurrences(of: String(head), with: String(repeating: "0", count: 64))
        try forged.write(toFile: registry.path("forged.json"), atomically: true, encoding: .utf8)

        let result = try registry.registro(["audit", "verify", "--checkpoint", "forged.json", "--as", "dpo"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("checkpoint `forged.json`: its signature is bad"), "\(result.stderr)")
    }

    @Test func checkpointNeverOverwritesAFileAndChangesNothingWhenItCannotWrite() throws {
        let (registry, _) = try Self.scenarioRegistry()
        try "keep me".write(toFile: registry.path("taken.json"), atomically: true, encoding: .utf8)
        let before = try Self.entryCount(registry)
        let result = try registry.registro(["audit", "checkpoint", "--out", "taken.json", "--as", "dpo"])
        #expect(result.status == 64)
        #expect(
            result.stderr == "registro: --out: `taken.json` exists already; choose another file or remove it first\n")
        #expect(try String(contentsOfFile: registry.path("taken.json"), encoding: .utf8) == "keep me")
        let nowhere = try registry.registro(["audit", "checkpoint", "--out", "missing/kept.json", "--as", "dpo"])
        #expect(nowhere.status == 65)
        #expect(
            nowhere.stderr
                == "registro: --out: cannot create `missing/kept.json`; check that its folder exists and is writable\n")
        let refused = try registry.registro(["audit", "checkpoint", "--out", "refused.json", "--as", "sw-a"])
        #expect(refused.status == 77)
        #expect(!FileManager.default.fileExists(atPath: registry.path("refused.json")))
        // Only the refusal is recorded: nothing was checkpointed.
        #expect(try Self.entryCount(registry) == before + 1)
    }

    @Test func noAuditEntryOrAuditOutputHoldsThePeoplesPersonalData() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        try registry.registro(["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "dpo"])
        try registry.registro([
            "beneficiary", "add", "--given-name", "Nessuno", "--family-name", "Intruso", "--as", "dpo",
        ])
        var texts = [try registry.sqlite("SELECT * FROM audit_entry").stdout]
        texts.append(try registry.sqlite(".dump audit_entry").stdout)
        for format in ["table", "json", "csv"] {
            texts.append(try registry.expectSuccess(["audit", "log", "--format", format, "--as", "dpo"]).stdout)
            texts.append(
                try registry.expectSuccess(
                    ["audit", "subject-report", scenario.recordedID, "--format", format, "--as", "dpo"]).stdout)
        }
        texts.append(
            try registry.expectSuccess(["audit", "overview", "--html", "overview.html", "--as", "dpo"]).stdout)
        texts.append(try String(contentsOfFile: registry.path("overview.html"), encoding: .utf8))
        #expect(try Self.entryCount(registry) > 10)
        for value in scenario.personalValues + ["Nessuno", "Intruso"] {
            for text in texts {
                #expect(!text.localizedCaseInsensitiveContains(value), "found `\(value)`")
            }
        }
    }

    @Test func subjectReportListsAnAllowedAndADeniedReadOfThePerson() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let denied = try registry.registro([
            "beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "dpo",
        ])
        #expect(denied.status == 77)

        let report = try registry.expectSuccess([
            "audit", "subject-report", scenario.recordedID, "--format", "json", "--as", "dpo",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let accesses = try #require(json["accesses"] as? [[String: Any]])
        let lookups = accesses.map {
            "\($0["actor"] ?? "") \($0["action"] ?? "") \($0["decision"] ?? "") \($0["basis"] ?? "")"
        }
        #expect(lookups == ["sw-a lookup allow own record", "dpo lookup deny "])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.map { $0["resource"] as? String } == ["beneficiary:\(scenario.recordedID)", "delivery:1"])
        #expect(json["owner"] as? String == "alfa")

        let table = try registry.expectSuccess(["audit", "subject-report", scenario.recordedID, "--as", "dpo"]).stdout
        #expect(table.contains("Reads, lookups and exports (2):"))
        #expect(table.contains("Organisations that received the data: none besides the owner"))
    }

    @Test func theSubjectReportOfAnImportedPersonShowsTheImport() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let id = try registry.expectSuccess([
            "beneficiary", "find", "--cf", scenario.imported[0].codiceFiscale, "--as", "sw-b",
        ])
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let report = try registry.expectSuccess(["audit", "subject-report", id, "--format", "csv", "--as", "dpo"])
            .stdout
        let lines = report.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("access,") && lines[1].contains(",sw-b,beta,lookup,"))
        #expect(lines[2].hasPrefix("change,") && lines[2].contains(",sw-b,beta,import,import:1,"))
    }

    @Test func onlyPrivacyOfficersAndAdminsAuditAndRefusalsAreRecorded() throws {
        let (registry, _) = try Self.scenarioRegistry()
        let refused = try registry.registro(["audit", "log", "--as", "sw-a"])
        #expect(refused.status == 77)
        #expect(
            refused.stderr
                == "registro: `sw-a` (social_worker, alfa) may not consult the audit log: no policy permits it (default deny)\n"
        )
        #expect(refused.stdout.isEmpty)
        #expect(try registry.registro(["audit", "verify", "--as", "admin"]).status == 0)

        let log = try registry.expectSuccess([
            "audit", "log", "--actor", "sw-a", "--decision", "deny", "--format", "csv", "--as", "dpo",
        ])
        let rows = log.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1)
        #expect(rows.first?.contains(",sw-a,alfa,audit,audit_log,,,deny,") == true)
    }

    @Test func auditLogPrintsTheSpecifiedJSONKeysAndFilters() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let result = try registry.expectSuccess([
            "audit", "log", "--subject", scenario.recordedID, "--format", "json", "--as", "dpo",
        ])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        // The consultation itself is recorded first, with the person as subject.
        #expect(entries.map { $0["action"] as? String } == ["record", "record", "lookup", "audit"])
        #expect(entries.last?["actor"] as? String == "dpo" && entries.last?["detail"] as? String == "log")
        for key in [
            "seq", "time", "actor", "org", "action", "resource", "category", "purpose", "decision", "policies", "hash",
        ] {
            #expect(entries.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
        #expect(entries.first?["category"] as? String == "identity")
        #expect((entries.first?["hash"] as? String)?.count == 64)

        let future = try registry.expectSuccess([
            "audit", "log", "--since", "2100-01-01", "--format", "json", "--as", "dpo",
        ])
        #expect(future.stdout == "[]\n")
        let badDate = try registry.registro(["audit", "log", "--until", "31/02/2026", "--as", "dpo"])
        #expect(badDate.status == 65)
        #expect(badDate.stderr.hasPrefix("registro: --until: "))
    }

    @Test func anImportIsOneEntryWithItsRowCountAndFileDigest() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let rows = try registry.sqlite(
            "SELECT actor, resource, row_count, hex(file_digest), detail FROM audit_entry WHERE action = 'import'"
        ).stdout
        let file = try #require(FileManager.default.contents(atPath: registry.path(scenario.importFileName)))
        let digest = Hex.encode(BLAKE2b.digest(file)).uppercased()
        #expect(rows == "sw-b|import:1|3|\(digest)|new people: 2, rows matched: 1\n")
    }

    @Test func overviewShowsDenialsOnTheTerminalAndInAStandalonePage() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        try registry.registro(["beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", "dpo"])
        let result = try registry.expectSuccess(["audit", "overview", "--html", "overview.html", "--as", "dpo"])
        #expect(result.stdout.contains("\nVerification: audit log verified: "))
        #expect(result.stdout.contains("Denials by user (1):"))
        #expect(result.stdout.contains("Emergency accesses (0):"))
        let page = try String(contentsOfFile: registry.path("overview.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<td>dpo</td><td>lookup</td><td>1</td>"))
        for forbidden in ["<script", "http://", "https://", "src=", "@import"] {
            #expect(!page.contains(forbidden), "the page holds `\(forbidden)`")
        }
        let again = try registry.registro(["audit", "overview", "--html", "overview.html", "--as", "dpo"])
        #expect(again.status == 64)
    }

    @Test func processesAppendingAtOnceKeepOneUnbrokenChain() throws {
        let (registry, scenario) = try Self.scenarioRegistry()
        let before = try Self.entryCount(registry)
        let users = ["sw-a", "sw-b", "dpo", "sw-a"]
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: users.count) { index in
            for _ in 0..<5 {
                let result = try? registry.registro([
                    "beneficiary", "find", "--cf", scenario.recorded.codiceFiscale, "--as", users[index],
                ])
                // The privacy officer is refused (77) and recorded all the same.
                if result?.status != (users[index] == "dpo" ? 77 : 0) { failures.increment() }
            }
        }
        #expect(failures.value == 0)
        #expect(try Self.entryCount(registry) == before + 20)
        #expect(try registry.registro(["audit", "verify", "--as", "dpo"]).status == 0)
    }

    @Test func demoLeavesALogThatVerifies() throws {
        let registry = try AuditTestRegistry()
        try registry.expectSuccess(["demo", "--beneficiaries", "30", "--deliveries", "90"])
        let result = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(result.status == 0, "\(result.stderr)")
        let imports = try registry.sqlite("SELECT COUNT(*) FROM audit_entry WHERE action = 'import'").stdout
        #expect(imports == "11\n")
    }
}
