import Foundation
import Testing

@Suite("recording organisations, users, people and deliveries, end to end")
struct RecordingTests {
    @Test("organisations list as a table, JSON and CSV with their axes and networks")
    func organisationListFormats() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let table = try registry.succeed(["org", "list"])
        #expect(table.contains("alfa"))
        #expect(table.contains("Ente beta"))
        let json = try registry.succeed(["org", "list", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
        #expect(parsed?.first?["axes"] as? [String] == ["lavoro"])
        #expect(parsed?.first?["networks"] as? [String] == ["rete"])
        let csv = try registry.succeed(["org", "list", "--format", "csv"])
        #expect(csv.hasPrefix("id,name,kind,cf,runts_section,territory,axes,networks\n"))
    }

    @Test("an organisation's fiscal code is checked, and a wrong one names the check digit")
    func organisationFiscalCode() throws {
        let registry = try TemporaryRegistry()
        try registry.succeed(["init", "--no-passphrase"])
        let bad = try registry.run([
            "org", "add", "--id", "x", "--name", "X", "--kind", "public", "--cf", "00429440067",
        ])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("--cf:"))
        try registry.succeed([
            "org", "add", "--id", "comune-al", "--name", "Comune di Alessandria", "--kind", "public", "--cf",
            "00429440068",
        ])
    }

    @Test("networks and organisations are the operator's; an admin adds users of its own organisation only")
    func rolesActWithinTheirOrganisation() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let worker = try registry.run([
            "org", "add", "--id", "gamma", "--name", "Gamma", "--kind", "ets", "--as", "sw-alfa",
        ])
        #expect(worker.status == 77)
        let admin = try registry.run(
            ["org", "add", "--id", "gamma", "--name", "Gamma", "--kind", "ets", "--network", "rete", "--as", "admin"])
        #expect(admin.status == 77)
        #expect(admin.stderr.contains("operator"))
        let network = try registry.run(["network", "add", "--id", "altra", "--name", "Altra", "--as", "admin"])
        #expect(network.status == 77)
        try registry.succeed(["org", "add", "--id", "gamma", "--name", "Gamma", "--kind", "ets"])
        let elsewhere = try registry.run(
            [
                "user", "add", "--id", "intruso", "--name", "Intruso", "--org", "beta", "--role", "coordinator", "--as",
                "admin",
            ])
        #expect(elsewhere.status == 77)
        #expect(try registry.succeed(["user", "list"]).contains("intruso") == false)
        try registry.succeed([
            "user", "add", "--id", "coord-alfa", "--name", "Coord", "--org", "alfa", "--role", "coordinator",
            "--as", "admin",
        ])
        let log = try registry.succeed(["audit", "log", "--decision", "deny", "--format", "csv", "--as", "dpo"])
        #expect(log.contains("add_user") && log.contains("add_organisation") && log.contains("add_network"))
    }

    @Test("codes list the nomenclature with the documented columns")
    func codesAsCSV() throws {
        let registry = try TemporaryRegistry()
        try registry.succeed(["init", "--no-passphrase"])
        let csv = try registry.succeed(["codes", "service", "--format", "csv"])
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "code,label_it,label_en,macro_area,area_utenza,axis")
        #expect(lines.count > 40)
        let axes = Set(
            try registry.succeed(["codes", "service", "--format", "json"]).components(separatedBy: "\"axis\": ")
                .dropFirst().map { $0.prefix(while: { $0 != "\n" }) })
        #expect(axes.contains("\"housing\""))
        #expect(axes.contains("\"lavoro\""))
        #expect(axes.contains("\"poverta_educativa\""))
        #expect(try registry.succeed(["codes", "channel"]).contains("servizi_sociali"))
    }

    @Test("a beneficiary is recorded with a pseudonymous id and found by codice fiscale, in any case or spacing")
    func beneficiaryAddAndFind() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = SyntheticSpreadsheet.people(1)[0]
        let id = try registry.succeed([
            "beneficiary", "add", "--given-name", person.givenName, "--family-name", person.familyName,
            "--cf", person.codiceFiscale, "--birth-date", person.birthDate, "--vulnerabilities",
            "disoccupazione,migrazione", "--as", "sw-alfa",
        ])
        #expect(id.count == 12 && id.hasPrefix("B"))
        #expect(!id.contains(person.codiceFiscale.prefix(6)))
        let spaced = person.codiceFiscale.lowercased().enumerated().map {
            $0.offset == 6 ? " \($0.element)" : "\($0.element)"
        }.joined()
        #expect(try registry.succeed(["beneficiary", "find", "--cf", spaced, "--as", "sw-beta"]) == id)
        let missing = try registry.run([
            "beneficiary", "find", "--cf", SyntheticSpreadsheet.people(2)[1].codiceFiscale, "--as", "sw-beta",
        ])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        // The answer never says which organisation serves the person.
        #expect(!missing.stderr.contains("alfa"))
        let duplicate = try registry.run([
            "beneficiary", "add", "--given-name", "A", "--family-name", "B", "--cf", person.codiceFiscale, "--as",
            "sw-beta",
        ])
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr.contains(id))
        #expect(!duplicate.stderr.contains("alfa"))
    }

    @Test("invalid fields are all named at once, with positions and fixes, never with their values")
    func invalidBeneficiaryFields() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let result = try registry.run([
            "beneficiary", "add", "--given-name", "Zelinda", "--family-name", "Quaglierini", "--cf", "QGLZLN80A41A479Q",
            "--birth-date", "30/02/1980", "--sex", "Q", "--email", "zelinda.at.example", "--vulnerabilities",
            "sconosciuta",
            "--as", "sw-alfa",
        ])
        #expect(result.status == 65)
        for option in ["--cf:", "--birth-date:", "--sex:", "--email:", "--vulnerabilities:"] {
            #expect(result.stderr.contains(option), "\(option) not named")
        }
        for value in ["QGLZLN80A41A479Q", "30/02/1980", "zelinda.at.example", "Zelinda"] {
            #expect(!result.stderr.contains(value), "a rejected value was echoed")
        }
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("deliveries are recorded by the actor's organisation, with codes and dates checked")
    func deliveryAdd() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let id = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw-alfa",
        ])
        let delivery = try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "02/03/2020",
            "--hours", "1,5", "--channel", "cpi", "--impact", "7", "--as", "sw-alfa",
        ])
        #expect(Int(delivery) != nil)
        #expect(
            try sqliteLines(registry.database, "SELECT org_id, date, hours FROM delivery") == ["alfa|2020-03-02|1.5"])
        let bad = try registry.run([
            "delivery", "add", "--beneficiary", id, "--service", "NOPE", "--date", "2099-01-01",
            "--impact", "11", "--as", "sw-alfa",
        ])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("--service:"))
        #expect(bad.stderr.contains("--date: is in the future"))
        #expect(bad.stderr.contains("--impact:"))
        let unknown = try registry.run([
            "delivery", "add", "--beneficiary", "BNOBODY", "--service", "RT.LAV01", "--date", "2020-01-01", "--as",
            "sw-alfa",
        ])
        #expect(unknown.status == 65)
    }

    @Test("privacy officers do not record or look up people")
    func privacyOfficersDoNotRecord() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let result = try registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "dpo",
        ])
        #expect(result.status == 77)
        let unnamed = try registry.run([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F",
        ])
        #expect(unnamed.status == 64)
        #expect(unnamed.stderr.contains("--as"))
    }
}
