import Foundation
import Testing

@Suite("an import that finds another organisation's person by codice fiscale records a lookup, through the binary")
struct ImportLookupTests {
    /// `alfa`'s person, whom `beta` then imports deliveries for.
    static let codiceFiscale = "NRENNA85T50A479E"

    @Test("a real import writes one lookup per person of another organisation it matched, naming nobody's owner")
    func realImportRecordsALookupPerKnownPerson() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let anna = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", Self.codiceFiscale,
            "--sex", "F", "--as", "sw-alfa",
        ])
        // beta's own person, found again by file number in the second file: no lookup.
        let first = try registry.write(
            "primo.csv",
            Data(
                """
                ref,given_name,family_name,sex,service_code,date
                BE-1,Luca,Verdi,M,RT.LAV01,2020-03-02

                """.utf8))
        try registry.succeed(["import", "deliveries", first, "--as", "sw-beta"])
        let second = try registry.write(
            "secondo.csv",
            Data(
                """
                codice_fiscale,ref,given_name,family_name,sex,service_code,date
                \(Self.codiceFiscale),,Anna,Neri,F,RT.LAV01,2020-03-03
                \(Self.codiceFiscale),,Anna,Neri,F,RT.LAV02,2020-03-04
                ,BE-1,Luca,Verdi,M,RT.LAV01,2020-03-05
                ,BE-2,Marco,Gialli,M,RT.LAV01,2020-03-05

                """.utf8))
        let result = try registry.run(["import", "deliveries", second, "--as", "sw-beta"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("alfa") && !result.stderr.contains("alfa"), "the answer named the owner")

        let log = try registry.succeed(["audit", "log", "--actor", "sw-beta", "--format", "json", "--as", "dpo"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]])
        let lookups = entries.filter { $0["action"] as? String == "lookup" }
        #expect(lookups.count == 1, "one lookup for Anna, none for beta's own or new people: \(lookups)")
        #expect(lookups.first?["subject"] as? String == anna)
        #expect(lookups.first?["decision"] as? String == "allow")
        #expect(lookups.first?["category"] as? String == "identity")
    }

    @Test("an import refused for a problem records no lookup")
    func refusedImportRecordsNoLookup() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", Self.codiceFiscale,
            "--sex", "F", "--as", "sw-alfa",
        ])
        let file = try registry.write(
            "errato.csv",
            Data(
                """
                codice_fiscale,given_name,family_name,sex,service_code,date
                \(Self.codiceFiscale),Anna,Neri,F,RT.LAV01,2020-03-03
                ,Marco,Gialli,M,XX.NOPE,2020-03-05

                """.utf8))
        #expect(try registry.run(["import", "deliveries", file, "--as", "sw-beta"]).status == 65)
        let log = try registry.succeed(["audit", "log", "--actor", "sw-beta", "--format", "csv", "--as", "dpo"])
        #expect(!log.contains("lookup"), "a lookup of an import that stored nothing was kept")
    }

    @Test("an import matching a restricted person of an unrelated organisation names neither owner nor restriction")
    func restrictedPersonIsNotToldToStrangers() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.succeed(["org", "add", "--id", "gamma", "--name", "Ente gamma", "--kind", "ets"])
        try registry.succeed([
            "user", "add", "--id", "sw-gamma", "--name", "Utente", "--org", "gamma", "--role", "social_worker",
        ])
        let anna = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", Self.codiceFiscale,
            "--sex", "F", "--as", "sw-alfa",
        ])
        try registry.succeed(["subject", "restrict", anna, "--reason", "dati contestati", "--as", "dpo"])
        let file = try registry.write(
            "gamma.csv",
            Data(
                """
                codice_fiscale,given_name,family_name,sex,service_code,date
                \(Self.codiceFiscale),Anna,Neri,F,RT.LAV01,2020-03-03

                """.utf8))
        let result = try registry.run(["import", "deliveries", file, "--as", "sw-gamma"])
        #expect(result.status == 65)
        let answer = result.stdout + result.stderr
        #expect(!answer.contains("alfa") && !answer.contains("restrict"), "\(answer)")
        #expect(!answer.contains(anna))
        let log = try registry.succeed(["audit", "log", "--actor", "sw-gamma", "--format", "csv", "--as", "dpo"])
        #expect(!log.contains("lookup,"), "a lookup was kept for an import that stored nothing")
    }
}
