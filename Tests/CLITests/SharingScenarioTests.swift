import Foundation
@testable import RegistroKit
import Testing

/// A registry of several organisations: `alfa`, `beta` and `delta` in the network `rete`,
/// `gamma` outside it; one person owned by `alfa`, with every kind of personal field.
private struct SharingScenario {
    let registry: TemporaryRegistry
    let person: SyntheticSpreadsheet.Person
    let id: String

    init() throws {
        registry = try TemporaryRegistry()
        try registry.setUpNetwork(organisations: ["alfa", "beta", "delta"])
        try registry.succeed(["org", "add", "--id", "gamma", "--name", "Ente gamma", "--kind", "ets"])
        for (user, org, role) in [
            ("sw-gamma", "gamma", "social_worker"), ("coord-alfa", "alfa", "coordinator"),
            ("coord-beta", "beta", "coordinator"),
        ] {
            try registry.succeed(["user", "add", "--id", user, "--name", "Utente", "--org", org, "--role", role])
        }
        person = SyntheticSpreadsheet.people(1, prefix: "Scenario")[0]
        id = try registry.succeed([
            "beneficiary", "add", "--given-name", person.givenName, "--family-name", person.familyName, "--cf",
            person.codiceFiscale,
            "--birth-date", person.birthDate, "--phone", "3331234567", "--address", "Via Segreta 12", "--notes",
            "NotaPersonaleRiservata",
            "--sensitive", "DiagnosiRiservata", "--vulnerabilities", "disoccupazione", "--as", "sw-alfa",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2020-02-03",
            "--notes", "ColloquioRiservato", "--as", "sw-alfa",
        ])
    }

    /// `case show` as `user` for `purpose`: the exit status and, when shown, the JSON.
    func caseFile(
        as user: String, purpose: String = "presa_in_carico_condivisa", extra: [String] = []
    ) throws
        -> (status: Int32, sections: [String: [String: Any]], deliveries: [[String: Any]], raw: CommandResult)
    {
        let result = try registry.run(
            ["case", "show", id, "--purpose", purpose, "--format", "json", "--as", user] + extra)
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else {
            return (result.status, [:], [], result)
        }
        return (
            0, object["sections"] as? [String: [String: Any]] ?? [:], object["deliveries"] as? [[String: Any]] ?? [],
            result
        )
    }

    /// The categories visible to `user` for `purpose`, or `nil` when nothing is (exit 77, or 65
    /// as for an unknown id when the user's organisation has no relationship to the person).
    func visible(to user: String, purpose: String = "presa_in_carico_condivisa") throws -> Set<String>? {
        let file = try caseFile(as: user, purpose: purpose)
        if file.status == 77 || file.status == 65 { return nil }
        #expect(file.status == 0, "case show as \(user) failed: \(file.raw.stderr)")
        return Set(file.sections.filter { $0.value["visible"] as? Bool == true }.map(\.key))
    }

    func grant(_ arguments: [String]) throws -> String {
        try registry.succeed(
            ["consent", "grant", "--beneficiary", id, "--purpose", "presa_in_carico_condivisa"] + arguments)
    }
}

@Suite("privacy-scoped sharing, end to end through the registro binary")
struct SharingScenarioTests {
    private static let everything: Set<String> = ["identity", "contact", "needs", "services", "sensitive", "notes"]

    @Test("the owner reads everything; nobody else reads anything without consent")
    func ownerReadsEverythingOthersNothing() throws {
        let scenario = try SharingScenario()
        let owner = try scenario.caseFile(as: "sw-alfa")
        #expect(owner.status == 0)
        #expect(Set(owner.sections.filter { $0.value["visible"] as? Bool == true }.map(\.key)) == Self.everything)
        let identity = owner.sections["identity"]?["data"] as? [String: Any]
        #expect(identity?["given_name"] as? String == scenario.person.givenName)
        #expect(identity?["codice_fiscale"] as? String == scenario.person.codiceFiscale)
        #expect(
            (owner.sections["sensitive"]?["data"] as? [String: Any])?["sensitive"] as? String == "DiagnosiRiservata")
        #expect(owner.deliveries.first?["notes"] as? String == "ColloquioRiservato")
        // Without a relationship to the person, another organisation is answered as for an unknown id.
        for user in ["sw-beta", "coord-beta", "sw-gamma"] {
            let partner = try scenario.caseFile(as: user)
            #expect(partner.status == 65, "\(user) saw something without consent")
            #expect(partner.raw.stderr.contains("no beneficiary `\(scenario.id)`"))
            #expect(!partner.raw.stderr.contains(scenario.person.givenName))
        }
        let text = try scenario.registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa",
        ])
        #expect(text.stdout.contains("Identity\n  Given name"))
        #expect(text.stdout.contains("Deliveries (1)"))
    }

    @Test(
        "a grant of identity and services for one purpose opens exactly those, to that partner, for that purpose only")
    func grantOpensExactlyItsScope() throws {
        let scenario = try SharingScenario()
        _ = try scenario.grant(["--to", "beta", "--scope", "identity,services", "--as", "sw-alfa"])
        #expect(try scenario.visible(to: "sw-beta") == ["identity", "services"])
        #expect(try scenario.visible(to: "coord-beta") == ["identity", "services"])
        #expect(try scenario.visible(to: "sw-beta", purpose: "invio") == nil)
        #expect(try scenario.visible(to: "sw-delta") == nil, "an organisation outside the grant sees nothing")
        #expect(try scenario.visible(to: "sw-gamma") == nil)
        let partner = try scenario.caseFile(as: "sw-beta")
        #expect(partner.deliveries.count == 1, "the owner's deliveries show where services is visible")
        #expect(partner.deliveries.first?["notes"] is NSNull, "delivery notes stay closed without `notes`")
        #expect((partner.sections["contact"]?["reason"] as? String)?.contains("default deny") == true)
        let explain = try scenario.registry.succeed([
            "policy", "explain", "--beneficiary", scenario.id, "--category", "identity", "--purpose",
            "presa_in_carico_condivisa", "--as", "sw-beta",
        ])
        #expect(explain.hasPrefix("ALLOW"))
        #expect(explain.contains("partner-reads-consented"))
        #expect(explain.contains("given: to beta, identity,services"))
    }

    @Test("a grant to the network opens every member, and only them")
    func networkGrantOpensEveryMember() throws {
        let scenario = try SharingScenario()
        _ = try scenario.grant(["--to", "rete", "--scope", "identity", "--as", "coord-alfa"])
        #expect(try scenario.visible(to: "sw-beta") == ["identity"])
        #expect(try scenario.visible(to: "sw-delta") == ["identity"])
        #expect(try scenario.visible(to: "sw-gamma") == nil)
    }

    @Test("revocation and expiry close access, and the history is kept")
    func revocationAndExpiryCloseAccess() throws {
        let scenario = try SharingScenario()
        let grant = try scenario.grant(["--to", "beta", "--scope", "identity", "--as", "sw-alfa"])
        #expect(try scenario.visible(to: "sw-beta") == ["identity"])
        let denied = try scenario.registry.run(["consent", "revoke", grant, "--reason", "ritirato", "--as", "sw-beta"])
        #expect(denied.status == 77, "only the owner revokes")
        try scenario.registry.succeed([
            "consent", "revoke", grant, "--reason", "ritirato al colloquio", "--as", "sw-alfa",
        ])
        #expect(try scenario.visible(to: "sw-beta") == nil)
        // An expired grant, as one recorded long ago would be.
        try scenario.registry.succeed([
            "consent", "grant", "--beneficiary", scenario.id, "--to", "delta", "--purpose",
            "presa_in_carico_condivisa", "--scope", "identity", "--expires", CalendarDate.today().description,
            "--as", "sw-alfa",
        ])
        #expect(try scenario.visible(to: "sw-delta") == ["identity"], "a grant is valid through its last day")
        _ = try sqliteLines(
            scenario.registry.database,
            """
            INSERT INTO consent_grant (id, beneficiary_id, grantor_org, grantee_org, purpose, scope, explicit, given, given_at,
                expires_on, notice_version, recorded_by)
            VALUES ('CEXPIRED0001', '\(scenario.id)', 'alfa', 'gamma', 'presa_in_carico_condivisa', 'identity', 0, 1,
                '2019-01-01T00:00:00Z', '2019-12-31', '1', 'sw-alfa')
            """)
        #expect(try scenario.visible(to: "sw-gamma") == nil)
        let list = try scenario.registry.succeed([
            "consent", "list", "--beneficiary", scenario.id, "--format", "csv", "--as", "sw-alfa",
        ])
        #expect(list.contains("\(grant),withdrawn,"))
        #expect(list.contains("CEXPIRED0001,expired,"))
        let update = try sqliteLines(scenario.registry.database, "UPDATE consent_grant SET scope = 'identity,contact'")
        #expect(update.isEmpty)
        #expect(
            try sqliteCount(scenario.registry.database, "SELECT COUNT(*) FROM consent_grant WHERE scope = 'identity'")
                == 3,
            "grants are never overwritten")
    }

    @Test("sensitive never leaves its owner without explicit consent")
    func sensitiveNeedsExplicitConsent() throws {
        let scenario = try SharingScenario()
        let refused = try scenario.registry.run([
            "consent", "grant", "--beneficiary", scenario.id, "--to", "beta", "--purpose",
            "presa_in_carico_condivisa", "--scope", "identity,sensitive", "--as", "sw-alfa",
        ])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--explicit"))
        _ = try scenario.grant(["--to", "beta", "--scope", "identity,sensitive", "--explicit", "--as", "sw-alfa"])
        #expect(try scenario.visible(to: "sw-beta") == ["identity", "sensitive"])
        // Consent to sensitive data under a grant without explicit consent (recorded before the
        // check existed, say) does not open it.
        _ = try sqliteLines(
            scenario.registry.database,
            """
            INSERT INTO consent_grant (id, beneficiary_id, grantor_org, grantee_org, purpose, scope, explicit, given, given_at,
                notice_version, recorded_by)
            VALUES ('CNOTEXPLICIT', '\(scenario.id)', 'alfa', 'delta', 'presa_in_carico_condivisa', 'identity,sensitive', 0, 1,
                '2020-01-01T00:00:00Z', '1', 'sw-alfa')
            """)
        let delta = try scenario.caseFile(as: "sw-delta")
        #expect(delta.sections["sensitive"]?["visible"] as? Bool == false)
        #expect(
            (delta.sections["sensitive"]?["reason"] as? String)?.contains("sensitive-needs-explicit-consent") == true)
    }

    @Test("privacy officers audit but never see personal data")
    func privacyOfficersNeverSeePersonalData() throws {
        let scenario = try SharingScenario()
        _ = try scenario.grant(["--to", "rete", "--scope", "identity,contact,services,notes", "--as", "sw-alfa"])
        #expect(try scenario.caseFile(as: "dpo").status == 77)
        #expect(try scenario.registry.run(["subject", "export", scenario.id, "--as", "dpo"]).status == 77)
        #expect(
            try scenario.registry.run(["beneficiary", "find", "--cf", scenario.person.codiceFiscale, "--as", "dpo"])
                .status == 77)
        var seen = ""
        for command in [
            ["audit", "log", "--format", "json"], ["audit", "subject-report", scenario.id], ["audit", "overview"],
            ["consent", "list", "--beneficiary", scenario.id],
        ] {
            let result = try scenario.registry.run(command + ["--as", "dpo"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            seen += result.stdout + result.stderr
        }
        for secret in [
            scenario.person.givenName, scenario.person.familyName, scenario.person.codiceFiscale, "3331234567",
            "Via Segreta", "NotaPersonaleRiservata", "DiagnosiRiservata", "ColloquioRiservato",
        ] {
            #expect(!seen.contains(secret), "a privacy officer saw personal data")
        }
        #expect(seen.contains("deny"))
    }

    @Test("an emergency access opens the case with a reason, for a while, and is flagged for the privacy officer")
    func emergencyAccessIsFlagged() throws {
        let scenario = try SharingScenario()
        let noReason = try scenario.registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa",
            "--emergency", "--as", "sw-gamma",
        ])
        #expect(noReason.status == 64)
        let reason = ["--emergency", "--reason", "minore a rischio segnalato dalla scuola"]
        // Refused, and answered to these strangers to the person as for an unknown id.
        let coordinator = try scenario.caseFile(as: "coord-beta", extra: reason)
        #expect(coordinator.status == 65, "only social workers break the glass")
        let outsider = try scenario.caseFile(as: "sw-gamma", extra: reason)
        #expect(outsider.status == 65, "only a network partner of the owner breaks the glass")
        let opened = try scenario.caseFile(as: "sw-beta", extra: reason)
        #expect(opened.status == 0, "\(opened.raw.stderr)")
        let visible = Set(opened.sections.filter { $0.value["visible"] as? Bool == true }.map(\.key))
        #expect(visible == Self.everything.subtracting(["sensitive"]), "sensitive stays closed even in an emergency")
        #expect(opened.raw.stdout.contains("\"emergency\""))
        #expect(try scenario.visible(to: "sw-beta") == visible.union([]), "the access lasts beyond the first reading")
        let overview = try scenario.registry.succeed(["audit", "overview", "--as", "dpo"])
        #expect(overview.contains("Emergency accesses (") && !overview.contains("Emergency accesses (0)"))
        let log = try scenario.registry.succeed(["audit", "log", "--format", "csv", "--as", "dpo"])
        #expect(!log.contains("minore a rischio"), "the reason stays sealed")
    }

    @Test("a restricted person is read by nobody until a privacy officer lifts it")
    func restrictionBlocksEveryone() throws {
        let scenario = try SharingScenario()
        _ = try scenario.grant(["--to", "beta", "--scope", "identity", "--as", "sw-alfa"])
        try scenario.registry.succeed([
            "subject", "restrict", scenario.id, "--reason", "dati contestati", "--as", "coord-alfa",
        ])
        #expect(try scenario.visible(to: "sw-alfa") == nil)
        #expect(try scenario.visible(to: "sw-beta") == nil)
        let record = try scenario.registry.run([
            "delivery", "add", "--beneficiary", scenario.id, "--service", "RT.LAV01",
            "--date", "2020-03-03", "--as", "sw-alfa",
        ])
        #expect(record.status == 77)
        #expect(try scenario.registry.run(["subject", "unrestrict", scenario.id, "--as", "coord-alfa"]).status == 77)
        try scenario.registry.succeed(["subject", "unrestrict", scenario.id, "--as", "dpo"])
        #expect(try scenario.visible(to: "sw-alfa") == Self.everything)
    }

    @Test(
        "after erasure nobody reads the person, the blind index is gone from the files, and the recipients are listed")
    func erasureShredsThePerson() throws {
        let scenario = try SharingScenario()
        _ = try scenario.grant(["--to", "beta", "--scope", "identity", "--as", "sw-alfa"])
        #expect(try scenario.visible(to: "sw-beta") == ["identity"])
        let registry = try Registry.open(at: RegistryLocation(database: scenario.registry.database), passphrase: { "" })
        let blindIndex = BlindIndex.of(scenario.person.codiceFiscale, key: try registry.keys().blindIndexKey)
        #expect(scenario.registry.databaseFiles().range(of: Data(blindIndex)) != nil)
        #expect(
            try scenario.registry.run([
                "subject", "erase", scenario.id, "--reason", "richiesta art. 17", "--as", "coord-alfa",
            ]).status == 77)
        let erased = try scenario.registry.succeed([
            "subject", "erase", scenario.id, "--reason", "richiesta art. 17 prot. 311", "--as", "dpo",
        ])
        #expect(erased.contains("to inform (art. 19): beta"))
        for user in ["sw-alfa", "sw-beta"] {
            let file = try scenario.caseFile(as: user)
            #expect(file.status == 65)
            #expect(file.raw.stderr.contains("erased"))
        }
        #expect(
            try scenario.registry.run(["beneficiary", "find", "--cf", scenario.person.codiceFiscale, "--as", "sw-alfa"])
                .status == 1)
        let files = scenario.registry.databaseFiles()
        #expect(files.range(of: Data(blindIndex)) == nil, "the blind index is still in the database files")
        #expect(files.range(of: Data(scenario.person.codiceFiscale.utf8)) == nil)
        #expect(try sqliteCount(scenario.registry.database, "SELECT COUNT(*) FROM beneficiary_key") == 0)
        #expect(
            try sqliteCount(scenario.registry.database, "SELECT COUNT(*) FROM delivery") == 1,
            "statistical facts remain")
        #expect(try scenario.registry.run(["audit", "verify", "--as", "dpo"]).status == 0)
    }

    @Test("after key rotation everything still reads, and the old key-encryption key opens nothing")
    func keyRotationKeepsEverythingReadable() throws {
        let scenario = try SharingScenario()
        #expect(try scenario.registry.run(["keys", "rotate", "--as", "sw-alfa"]).status == 77)
        let rotated = try scenario.registry.succeed(["keys", "rotate", "--as", "admin"])
        #expect(rotated.contains("generation 1: 1 data keys re-wrapped"))
        #expect(try scenario.visible(to: "sw-alfa") == Self.everything)
        let registry = try Registry.open(at: RegistryLocation(database: scenario.registry.database), passphrase: { "" })
        let oldKey = try registry.keys().root.derive(.keyEncryption(generation: 0))
        let wrapped = try sqliteLines(
            scenario.registry.database, "SELECT hex(wrapped_key), kek_generation FROM beneficiary_key")
        #expect(wrapped.count == 1)
        let parts = wrapped[0].split(separator: "|")
        #expect(parts[1] == "1")
        #expect(throws: RegistroError.self) {
            try DataKeyWrapping.unwrap(
                Hex.decode(String(parts[0]))!, beneficiary: scenario.id, kek: oldKey, generation: 0)
        }
        try scenario.registry.succeed([
            "delivery", "add", "--beneficiary", scenario.id, "--service", "RT.LAV02", "--date", "2020-04-04",
            "--notes", "DopoRotazione", "--as", "sw-alfa",
        ])
        #expect(
            try scenario.caseFile(as: "sw-alfa").deliveries.compactMap { $0["notes"] as? String } == [
                "ColloquioRiservato", "DopoRotazione",
            ])
    }

    @Test("policy test passes on the default policies of Policies/")
    func defaultPoliciesPassTheirTests() throws {
        let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Policies").path
        let registry = try TemporaryRegistry()
        let result = try registry.run(["policy", "test", "--dir", policies], withDatabase: false)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("all pass"))
    }
}

@Suite("a partner's own records in a shared case file")
struct OwnRecordsTests {
    @Test("a partner sees the deliveries it recorded, with their notes, and nothing of the others' without consent")
    func partnerSeesItsOwnDeliveries() throws {
        let scenario = try SharingScenario()
        // Beta finds the person by codice fiscale before it records for them.
        try scenario.registry.succeed(["beneficiary", "find", "--cf", scenario.person.codiceFiscale, "--as", "sw-beta"])
        try scenario.registry.succeed([
            "delivery", "add", "--beneficiary", scenario.id, "--service", "RT.LAV02", "--date", "2020-05-06",
            "--notes", "NotaDiBeta", "--as", "sw-beta",
        ])
        let file = try scenario.caseFile(as: "sw-beta")
        #expect(file.status == 0)
        #expect(file.sections.values.allSatisfy { $0["visible"] as? Bool == false })
        #expect(file.deliveries.map { $0["org"] as? String } == ["beta"])
        #expect(file.deliveries.first?["notes"] as? String == "NotaDiBeta")
        let officer = try scenario.registry.run([
            "case", "show", scenario.id, "--purpose", "presa_in_carico_condivisa", "--as", "dpo",
        ])
        #expect(officer.status == 77, "a privacy officer of the owner sees not even its organisation's deliveries")
        #expect(officer.stdout.isEmpty)
    }
}
