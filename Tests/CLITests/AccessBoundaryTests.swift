import Foundation
import Testing

/// The probes of the adversarial review (lookups, roles, emergency access, restriction), each
/// replayed through the binary: `alfa` and `beta` in the network `rete`, `gamma` outside it,
/// one person owned by `alfa` with one delivery.
private struct BoundaryScenario {
    let registry: TemporaryRegistry
    let id: String
    let codiceFiscale = "NRENNA85T50A479E"

    init() throws {
        registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.succeed(["org", "add", "--id", "gamma", "--name", "Ente gamma", "--kind", "ets"])
        for (user, org, role) in [
            ("sw-gamma", "gamma", "social_worker"), ("dpo-beta", "beta", "privacy_officer"),
            ("coord-alfa", "alfa", "coordinator"),
        ] {
            try registry.succeed(["user", "add", "--id", user, "--name", "Utente", "--org", org, "--role", role])
        }
        id = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf",
            codiceFiscale, "--sex", "F", "--vulnerabilities", "disoccupazione", "--as", "sw-alfa",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2020-02-03",
            "--as", "sw-alfa",
        ])
    }

    /// The audit log's entries about the person, as CSV.
    func subjectLog() throws -> String {
        try registry.succeed(["audit", "log", "--subject", id, "--format", "csv", "--as", "dpo"])
    }
}

@Suite("access stays within each organisation's relationships, through the registro binary")
struct AccessBoundaryTests {
    @Test("adding a person already known is an audited lookup, and names nobody's owner")
    func addingAKnownPersonIsAnAuditedLookup() throws {
        let scenario = try BoundaryScenario()
        let again = try scenario.registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri",
            "--cf", scenario.codiceFiscale, "--sex", "F", "--as", "sw-gamma",
        ])
        #expect(again.status == 65)
        #expect(!again.stderr.contains("alfa"))
        let lookups = try scenario.subjectLog().split(separator: "\n").filter {
            $0.contains("lookup") && $0.contains("sw-gamma")
        }
        #expect(lookups.count == 1, "the lookup by codice fiscale was not audited with its subject")
    }

    @Test("a restricted person's lookup and explanation tell an unrelated organisation neither owner nor restriction")
    func restrictionIsNotToldToStrangers() throws {
        let scenario = try BoundaryScenario()
        try scenario.registry.succeed([
            "subject", "restrict", scenario.id, "--reason", "dati contestati", "--as", "coord-alfa",
        ])
        let find = try scenario.registry.run([
            "beneficiary", "find", "--cf", scenario.codiceFiscale, "--as", "sw-gamma",
        ])
        #expect(find.status == 77)
        #expect(!find.stderr.contains("restrict"))
        let explain = try scenario.registry.run([
            "policy", "explain", "--beneficiary", scenario.id, "--category", "identity",
            "--purpose", "presa_in_carico_condivisa", "--as", "sw-gamma",
        ])
        let told = explain.stdout + explain.stderr
        #expect(!told.contains("restrict"))
        #expect(!told.contains("alfa"))
        let owner = try scenario.registry.run([
            "beneficiary", "find", "--cf", scenario.codiceFiscale, "--as", "sw-alfa",
        ])
        #expect(owner.status == 77 && owner.stderr.contains("restricted-used-by-nobody"), "the owner is told why")
        #expect(try scenario.subjectLog().contains("sw-gamma"), "the denied lookup is audited with its subject")
    }

    @Test("another organisation's privacy officer neither lifts a restriction nor erases")
    func privacyOfficersActOnTheirOwnPeople() throws {
        let scenario = try BoundaryScenario()
        try scenario.registry.succeed([
            "subject", "restrict", scenario.id, "--reason", "dati contestati", "--as", "coord-alfa",
        ])
        // Beta has no relationship to the person: answered as for an unknown id.
        #expect(try scenario.registry.run(["subject", "unrestrict", scenario.id, "--as", "dpo-beta"]).status == 65)
        #expect(
            try scenario.registry.run([
                "subject", "erase", scenario.id, "--reason", "richiesta prot. 9", "--as", "dpo-beta",
            ])
            .status == 65)
        try scenario.registry.succeed(["subject", "unrestrict", scenario.id, "--as", "dpo"])
    }

    @Test("a consent to a network covers its members when given, not an organisation that joins later")
    func networkConsentCoversItsMembersThen() throws {
        let scenario = try BoundaryScenario()
        try scenario.registry.succeed([
            "consent", "grant", "--beneficiary", scenario.id, "--to", "rete", "--purpose",
            "presa_in_carico_condivisa", "--scope", "identity", "--as", "sw-alfa",
        ])
        let member = try scenario.registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa",
            "--as", "sw-beta",
        ])
        #expect(member.status == 0)
        try scenario.registry.succeed([
            "org", "add", "--id", "delta", "--name", "Ente delta", "--kind", "ets", "--network", "rete",
        ])
        try scenario.registry.succeed([
            "user", "add", "--id", "sw-delta", "--name", "Utente", "--org", "delta",
            "--role", "social_worker",
        ])
        let newcomer = try scenario.registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa",
            "--as", "sw-delta",
        ])
        #expect(newcomer.status == 77, "an organisation that joined later read under an older consent")
        #expect(!newcomer.stdout.contains("Anna"))
    }

    @Test("an emergency access: partners only, a real reason, at most 4 hours, one purpose, reviewed by the owner")
    func emergencyAccessIsNarrowAndReviewed() throws {
        let scenario = try BoundaryScenario()
        let registry = scenario.registry
        func emergency(
            _ user: String, reason: String, purpose: String = "statistica", hours: [String] = []
        ) throws
            -> CommandResult
        {
            try registry.run(
                ["case", "show", scenario.id, "--purpose", purpose, "--emergency", "--reason", reason]
                    + hours + ["--as", user])
        }
        let reason = "persona senza dimora a rischio stanotte"
        // Gamma shares no network with alfa, and is answered as for an unknown id.
        #expect(try emergency("sw-gamma", reason: reason).status == 65)
        #expect(try emergency("sw-beta", reason: "x").status == 65, "a one-letter reason was accepted")
        #expect(try emergency("sw-beta", reason: reason, hours: ["--hours", "24"]).status == 64)
        let opened = try emergency("sw-beta", reason: reason)
        #expect(opened.status == 0, "\(opened.stderr)")
        let other = try registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta",
        ])
        #expect(other.status == 77, "the emergency access was reused for another purpose")
        let queue = try registry.succeed(["audit", "emergency", "--unreviewed", "--as", "dpo"])
        #expect(queue.contains(reason), "the owner's privacy officer cannot read the reason")
        #expect(try registry.run(["audit", "emergency", "--as", "dpo-beta"]).stdout.contains(reason) == false)
        let access = try #require(queue.split(separator: " ").first.map(String.init))
        // Only the owner's privacy officer reviews; anyone else is answered as for an unknown id.
        #expect(try registry.run(["audit", "review", access, "--note", "verificato", "--as", "dpo-beta"]).status == 65)
        try registry.succeed(["audit", "review", access, "--note", "verificato con il servizio", "--as", "dpo"])
        #expect(!(try registry.succeed(["audit", "emergency", "--unreviewed", "--as", "dpo"]).contains(access)))
        // The JSON the API's review queue answers with: the review is in it.
        let listed = try registry.succeed(["audit", "emergency", "--format", "json", "--as", "dpo"])
        let entries = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        #expect(entries.map { $0["id"] as? String } == [access])
        #expect(entries.first?["user"] as? String == "sw-beta")
        #expect(entries.first?["reason"] as? String == reason)
        #expect(entries.first?["note"] as? String == "verificato con il servizio")
        #expect(entries.first?["reviewed_by"] as? String == "dpo")
        try registry.succeed(["subject", "erase", scenario.id, "--reason", "richiesta prot. 9", "--as", "dpo"])
        #expect(
            try registry.succeed(["audit", "emergency", "--as", "dpo"]).contains(reason), "erasure destroyed the reason"
        )
    }

    @Test("a consent is withdrawn while restricted and stays withdrawn; reports leave restricted people out")
    func restrictionAllowsWithdrawalAndLeavesReports() throws {
        let scenario = try BoundaryScenario()
        let registry = scenario.registry
        let grant = try registry.succeed([
            "consent", "grant", "--beneficiary", scenario.id, "--to", "beta", "--purpose",
            "presa_in_carico_condivisa", "--scope", "identity", "--as", "sw-alfa",
        ])
        let report = [
            "report", "deliveries", "--by", "org", "--exact", "--min-cell", "1", "--format", "csv", "--as", "dpo",
        ]
        #expect(try registry.succeed(report).contains("alfa"))
        try registry.succeed(["subject", "restrict", scenario.id, "--reason", "dati contestati", "--as", "coord-alfa"])
        #expect(!(try registry.succeed(report).contains("alfa")), "a restricted person was counted")
        try registry.succeed([
            "consent", "revoke", grant, "--reason", "ritirato durante la limitazione", "--as", "sw-alfa",
        ])
        try registry.succeed(["subject", "unrestrict", scenario.id, "--as", "dpo"])
        let partner = try registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta",
        ])
        #expect(partner.status == 77, "the withdrawn consent came back with the lifted restriction")
    }
}
