import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Special-category vulnerabilities (health, disability, addiction, detention, gender-based
/// violence, international protection) are sealed per person: never in clear in the files,
/// shown only in the `sensitive` section, never by emergency access, gone with erasure.
@Suite("special-category vulnerabilities are sealed")
struct SpecialCategoryTests {
    /// The codes marked `special` in `Schema/codes/vulnerability.csv`.
    static let specialCodes = [
        "disabilita", "non_autosufficienza", "salute_mentale", "dipendenze", "detenzione", "violenza_di_genere",
        "protezione_internazionale",
    ]

    /// A query counting rows that put a special code next to a person in clear.
    static let specialInClear =
        "SELECT COUNT(*) FROM beneficiary_vulnerability WHERE code IN ("
        + specialCodes.map { "'\($0)'" }.joined(separator: ", ") + ")"

    /// A network of `alfa` and `beta` with one person of `alfa` recorded with `detenzione`,
    /// `salute_mentale` and `disoccupazione`; returns the person's id.
    static func personWithSpecialCodes(_ registry: TemporaryRegistry) throws -> String {
        try registry.setUpNetwork()
        return try registry.succeed([
            "beneficiary", "add", "--given-name", "Ottavio", "--family-name", "Sperandii", "--sex", "M", "--birth-date",
            "1976-05-04",
            "--citizenship", "IT", "--comune", "Casale Monferrato", "--vulnerabilities",
            "detenzione,salute_mentale,disoccupazione",
            "--as", "sw-alfa",
        ])
    }

    /// Every special code found in `text`.
    static func specialCodes(in text: String) -> [String] {
        specialCodes.filter { text.contains($0) }
    }

    @Test(
        "beneficiary add keeps ordinary codes in clear and no special code: a plain sqlite3 query finds none next to the person"
    )
    func recordingKeepsNoSpecialCodeInClear() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        #expect(try sqliteCount(registry.database, Self.specialInClear) == 0)
        #expect(
            try sqliteLines(
                registry.database, "SELECT code FROM beneficiary_vulnerability WHERE beneficiary_id = '\(id)'")
                == ["disoccupazione"])
        let joined = try sqliteLines(
            registry.database,
            """
            SELECT b.id, b.sex, b.birth_year, b.citizenship, b.comune, v.code FROM beneficiary b
            JOIN beneficiary_vulnerability v ON v.beneficiary_id = b.id
            """
        ).joined(separator: "\n")
        #expect(Self.specialCodes(in: joined).isEmpty, "\(joined)")
        let own = try registry.succeed([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--format", "json", "--as", "sw-alfa",
        ])
        let sections = try Self.sections(own)
        #expect(Self.specialCodes(in: try Self.text(sections["needs"])).isEmpty)
        #expect(Self.specialCodes(in: try Self.text(sections["sensitive"])) == ["salute_mentale", "detenzione"])
    }

    @Test(
        "a partner with a needs consent and no explicit consent sees no special code; with explicit consent to sensitive it does"
    )
    func partnerNeedsExplicitConsent() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        try registry.succeed([
            "consent", "grant", "--beneficiary", id, "--to", "beta", "--purpose", "presa_in_carico_condivisa",
            "--scope", "identity,needs", "--as", "sw-alfa",
        ])
        let needsOnly = try registry.succeed([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--format", "json",
            "--as", "sw-beta",
        ])
        #expect(Self.specialCodes(in: needsOnly).isEmpty, "\(needsOnly)")
        #expect(needsOnly.contains("disoccupazione"))

        try registry.succeed([
            "consent", "grant", "--beneficiary", id, "--to", "beta", "--purpose", "invio",
            "--scope", "identity,needs,sensitive", "--explicit", "--as", "sw-alfa",
        ])
        let explicit = try registry.succeed([
            "case", "show", id, "--purpose", "invio", "--format", "json", "--as", "sw-beta",
        ])
        #expect(
            Self.specialCodes(in: try Self.text(try Self.sections(explicit)["sensitive"])) == [
                "salute_mentale", "detenzione",
            ])
    }

    @Test("an emergency access shows no special code")
    func emergencyAccessShowsNoSpecialCode() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        let result = try registry.run([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason",
            "persona a rischio segnalata dal pronto soccorso", "--format", "json", "--as", "sw-beta",
        ])
        #expect(Self.specialCodes(in: result.stdout + result.stderr).isEmpty, "\(result.stdout)")
    }

    @Test("erasure destroys the special codes: no sealed list is left, and none is in clear")
    func erasureDestroysSpecialCodes() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        let sealed = try sqliteLines(
            registry.database, "SELECT hex(codes) FROM special_vulnerability WHERE beneficiary_id = '\(id)'")
        #expect(sealed.count == 1)
        try registry.succeed(["subject", "erase", id, "--reason", "richiesta art. 17 prot. 12", "--as", "dpo"])
        #expect(
            try sqliteCount(
                registry.database, "SELECT COUNT(*) FROM special_vulnerability WHERE beneficiary_id = '\(id)'") == 0)
        #expect(try sqliteCount(registry.database, Self.specialInClear) == 0)
        let bytes = registry.databaseFiles()
        for hex in sealed {
            #expect(bytes.range(of: Self.bytes(hex: hex)) == nil, "the sealed list is still in the files")
        }
    }

    @Test("an import seals the special codes of new and known people, and a report by vulnerability still counts them")
    func importSealsAndReportsCount() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        try registry.succeed([
            "beneficiary", "add", "--given-name", "Lea", "--family-name", "Rocca", "--sex", "F", "--ref", "A-1",
            "--as", "sw-beta",
        ])
        let file = try registry.write(
            "prestazioni.csv",
            Data(
                """
                ref,given_name,family_name,sex,vulnerabilities,service_code,date
                A-1,Lea,Rocca,F,dipendenze;neet,RT.LAV01,2021-03-01
                A-2,Ugo,Pace,M,violenza_di_genere,RT.LAV01,2021-03-02
                """.utf8))
        try registry.succeed(["import", "deliveries", file, "--as", "sw-beta"])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2021-03-03", "--as", "sw-alfa",
        ])
        #expect(try sqliteCount(registry.database, Self.specialInClear) == 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM special_vulnerability") == 3)
        let report = try registry.succeed([
            "report", "deliveries", "--by", "vulnerability", "--min-cell", "1", "--format", "csv",
            "--as", "admin",
        ])
        for code in ["detenzione", "salute_mentale", "disoccupazione"] {
            #expect(report.contains(code), "\(code) missing from \(report)")
        }
    }

    @Test(
        "a registry keeping special codes in clear (made before they were sealed) is refused until keys seal-special seals them"
    )
    func olderRegistryIsRefusedUntilSealed() throws {
        let registry = try TemporaryRegistry()
        let id = try Self.personWithSpecialCodes(registry)
        // Make the registry as an older registro left it: no migration 007, code lists of then,
        // special codes in clear.
        let downgrade = try ChildProcess.run(
            "/usr/bin/sqlite3",
            [
                registry.database,
                """
                DELETE FROM grdb_migrations WHERE identifier = '007_sealed_vulnerabilities';
                UPDATE registry_meta SET value = 'older lists' WHERE key = 'reference_codes_digest';
                DROP TABLE special_vulnerability;
                ALTER TABLE vulnerability_code DROP COLUMN special;
                INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES ('\(id)', 'alfa', 'dipendenze');
                """,
            ], environment: [:], directory: "/")
        #expect(downgrade.status == 0, "\(downgrade.stderr)")
        let refused = try registry.run([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa",
        ])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("registro keys seal-special"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(try registry.run(["keys", "seal-special", "--as", "sw-alfa"]).status == 77)
        #expect(try registry.succeed(["keys", "seal-special", "--as", "admin"]).contains("sealed for 1 people"))
        #expect(try sqliteCount(registry.database, Self.specialInClear) == 0)
        let shown = try registry.succeed([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--format", "json",
            "--as", "sw-alfa",
        ])
        #expect(Self.specialCodes(in: try Self.text(try Self.sections(shown)["sensitive"])) == ["dipendenze"])
    }

    /// The `sections` of a case file's JSON.
    static func sections(_ json: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["sections"] as? [String: Any])
    }

    /// A JSON value as compact text, to search.
    static func text(_ value: Any?) throws -> String {
        guard let value else { return "" }
        return String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self)
    }

    /// The bytes a hexadecimal text stands for.
    static func bytes(hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return data
    }
}
