import Foundation
import Testing

/// The verifier script printed in Docs/PRIVACY.md ("Audit log"), written from that text
/// alone, agrees with `registro audit verify` on registries intact and tampered with: the
/// document says enough to verify the log without registro.
@Suite struct AuditDocumentedVerifierTests {
    /// The Python block of the section "Verifying with your own script", saved in `registry`'s
    /// directory.
    private static func documentedScript(in registry: AuditTestRegistry) throws -> String {
        let document = try String(
            contentsOf: AuditTestRegistry.packageRoot.appendingPathComponent("Docs/PRIVACY.md"), encoding: .utf8)
        let section = try #require(document.range(of: "### Verifying with your own script"))
        let rest = document[section.upperBound...]
        let start = try #require(rest.range(of: "```python\n"))
        let end = try #require(rest[start.upperBound...].range(of: "\n```"))
        let path = registry.path("verify_audit.py")
        try String(rest[start.upperBound..<end.lowerBound]).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theDocumentedScriptVerifiesAnIntactLogAndItsCheckpoint() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let script = try Self.documentedScript(in: registry)

        let python = try registry.python([script, registry.database, registry.path("kept.json")])
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
        let registro = try registry.expectSuccess(["audit", "verify", "--checkpoint", "kept.json", "--as", "dpo"])
        let head = try #require(registro.stdout.firstMatch(of: /head ([0-9a-f]{64})/)?.output.1)
        // registro's verification appended one entry after the script ran: compare up to it.
        let entries = Int(
            try registry.sqlite("SELECT COUNT(*) FROM audit_entry").stdout.trimmingCharacters(in: .newlines))!
        #expect(python.stdout == "ok: \(entries - 1) entries, head \(head)\n")
    }

    @Test func theDocumentedScriptAndRegistroNameTheSameChangedEntry() throws {
        let registry = try AuditTestRegistry()
        let scenario = try AuditScenario.build(in: registry)
        let script = try Self.documentedScript(in: registry)
        try registry.sqlite(
            """
            DROP TRIGGER audit_entry_no_update;
            UPDATE audit_entry SET actor = 'sw-b' WHERE action = 'lookup' AND subject = '\(scenario.recordedID)';
            """)
        let seq = try registry.sqlite("SELECT seq FROM audit_entry WHERE action = 'lookup'").stdout
            .trimmingCharacters(in: .newlines)

        let python = try registry.python([script, registry.database])
        #expect(python.status == 1)
        #expect(python.stdout == "entry \(seq): hash mismatch\n")
        let registro = try registry.registro(["audit", "verify", "--as", "dpo"])
        #expect(
            registro.stderr.hasPrefix(
                "registro: audit entry \(seq) does not verify: its hash does not match its contents"))
    }

    @Test func theDocumentedScriptCatchesATruncationWithTheCheckpoint() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let script = try Self.documentedScript(in: registry)
        let last = Int(
            try registry.sqlite("SELECT MAX(seq) FROM audit_entry").stdout.trimmingCharacters(in: .newlines))!
        try registry.sqlite("DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE seq > \(last - 2);")

        let python = try registry.python([script, registry.database, registry.path("kept.json")])
        #expect(python.status == 1)
        #expect(python.stdout == "entry \(last - 1): missing, the checkpoint covers entries up to \(last)\n")
    }

    @Test func theDocumentedScriptRejectsAForgedCheckpoint() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        try registry.expectSuccess(["audit", "checkpoint", "--out", "kept.json", "--as", "dpo"])
        let script = try Self.documentedScript(in: registry)
        let text = try String(contentsOfFile: registry.path("kept.json"), encoding: .utf8)
        let forged = text.replacingOccurrences(of: "\"time\": \"20", with: "\"time\": \"19")
        #expect(forged != text)
        try forged.write(toFile: registry.path("forged.json"), atomically: true, encoding: .utf8)

        let python = try registry.python([script, registry.database, registry.path("forged.json")])
        #expect(python.status == 1)
        #expect(python.stdout.hasSuffix(": the checkpoint's signature is bad\n"))
    }

    @Test func theDocumentedScriptChecksTheWitnessAsRegistroDoes() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let script = try Self.documentedScript(in: registry)
        let witness = registry.database + ".witness"
        let intact = try registry.python([script, registry.database, "--witness", witness])
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
        #expect(intact.stdout.hasPrefix("ok: "))

        let removed = Int(
            try registry.sqlite("SELECT MIN(seq) FROM audit_entry WHERE actor = 'sw-b'").stdout
                .trimmingCharacters(in: .newlines))!
        try AuditForgery.apply(.removeActor("sw-b"), to: registry)
        let registro = try registry.registro(["audit", "verify", "--as", "dpo"])
        let named = try #require(
            registro.stderr.firstMatch(of: /audit entry (\d+) differs from line (\d+) of the witness/))
        #expect(Int(named.output.1)! >= removed)
        let python = try registry.python([script, registry.database, "--witness", witness])
        #expect(python.status == 1)
        #expect(python.stdout == "entry \(named.output.1): differs from witness line \(named.output.2)\n")
    }

    @Test func theDocumentedScriptCatchesALogThatEndsBeforeTheWitness() throws {
        let registry = try AuditTestRegistry()
        _ = try AuditScenario.build(in: registry)
        let script = try Self.documentedScript(in: registry)
        let witness = registry.database + ".witness"
        let lines = try String(contentsOfFile: witness, encoding: .utf8).split(separator: "\n")
        let last = Int(lines.last!.split(separator: " ")[1])!
        try AuditForgery.apply(.truncate(after: last - 2), to: registry)

        let python = try registry.python([script, registry.database, "--witness", witness])
        #expect(python.status == 1)
        #expect(
            python.stdout == "entry \(last - 1): missing, witness line \(lines.count) covers entries up to \(last)\n")
    }
}
