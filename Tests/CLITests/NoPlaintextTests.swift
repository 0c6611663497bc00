import Foundation
import RegistroKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// no personal field ever reaches the database files, a temporary file, a log or an
/// error message in clear; the keyring and the database are readable by their owner only.
@Suite("no plaintext anywhere")
struct NoPlaintextTests {
    /// A fake person with distinctive values, and every form in which they could leak.
    struct Person {
        let given: String, family: String, birth: CalendarDate, phone: String, email: String, address: String,
            notes: String
        var codiceFiscale: String {
            (try? CodiceFiscale.make(
                familyName: family, givenName: given, birthDate: birth, sex: .female, placeCode: "A479"))?.value ?? ""
        }
        var values: [String] {
            let cf = codiceFiscale
            let date = birth.description
            let italianDate = "\(date.suffix(2))/\(date.dropFirst(5).prefix(2))/\(date.prefix(4))"
            return [
                given, family, cf, cf.lowercased(), date, italianDate, phone, phone.filter(\.isNumber), email, address,
                notes,
                "Diagnosi\(family)", "Colloquio\(family)",
            ].flatMap { [$0, $0.uppercased(), $0.lowercased()] }
        }
    }

    static let people = [
        Person(
            given: "Eufrasia", family: "Quarantotti", birth: CalendarDate(year: 1961, month: 3, day: 14)!,
            phone: "+39 347 5550101",
            email: "eufrasia.q@example.org", address: "Vicolo dei Glicini 41", notes: "NotaEufrasiaRiservata"),
        Person(
            given: "Ildefonso", family: "Brambillasca", birth: CalendarDate(year: 1979, month: 11, day: 2)!,
            phone: "+39 348 5550202",
            email: "ildefonso.b@example.org", address: "Piazza Tiglio 7", notes: "NotaIldefonsoRiservata"),
        Person(
            given: "Genoveffa", family: "Scaramucci", birth: CalendarDate(year: 1990, month: 6, day: 23)!,
            phone: "+39 349 5550303",
            email: "genoveffa.s@example.org", address: "Strada Noce 19", notes: "NotaGenoveffaRiservata"),
    ]

    @Test(
        "after a scenario of recording, import, consent, case files, reports, export, erasure and key rotation, no personal value is in the database, its -wal and -shm, the temporary directory or any output not shown to an authorised reader; files are 0600"
    )
    func noPersonalValueLeaks() throws {
        let registry = try TemporaryRegistry()
        let temporary = registry.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var captured = ""
        /// Runs a step that must succeed with umask 0, so only registro's own modes protect its
        /// files; `authorisedReading` marks output that shows personal data to a user allowed to
        /// see it (case show, subject export), left out of the scan.
        @discardableResult
        func step(_ arguments: [String], authorisedReading: Bool = false) throws -> String {
            let result = try ChildProcess.run(
                "/bin/sh",
                ["-c", "umask 0 && exec \"$0\" \"$@\"", TemporaryRegistry.binary.path] + arguments + [
                    "--db", registry.database,
                ],
                environment: [
                    "PATH": "/usr/bin:/bin", "HOME": registry.directory.path, "TMPDIR": temporary.path,
                    "REGISTRO_PASSPHRASE": "una frase di prova abbastanza lunga",
                ],
                directory: registry.directory.path)
            guard result.status == 0 else { throw CommandFailure(arguments: arguments, result: result) }
            captured += authorisedReading ? result.stderr : result.stdout + result.stderr
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        try step(["init", "--network", "rete", "--network-name", "Rete"])
        for org in ["alfa", "beta"] {
            try step(["org", "add", "--id", org, "--name", "Ente \(org)", "--kind", "ets", "--network", "rete"])
        }
        try step(["user", "add", "--id", "admin", "--name", "Admin", "--org", "alfa", "--role", "admin"])
        for (id, org, role) in [
            ("sw-a", "alfa", "social_worker"), ("sw-b", "beta", "social_worker"), ("coord-b", "beta", "coordinator"),
            ("dpo", "alfa", "privacy_officer"), ("dpo-b", "beta", "privacy_officer"),
        ] {
            try step(["user", "add", "--id", id, "--name", "Utente", "--org", org, "--role", role])
        }
        // Another connection keeps the database open, so the -wal and -shm files stay and fill.
        let holder = try ChildProcess.start(
            "/usr/bin/sqlite3", [registry.database, "SELECT COUNT(*) FROM registry_meta;", ".shell sleep 600"],
            environment: ["PATH": "/usr/bin:/bin"], directory: registry.directory.path)
        defer { holder.kill(SIGKILL); _ = holder.wait() }

        let (first, second, third) = (Self.people[0], Self.people[1], Self.people[2])
        let firstID = try step([
            "beneficiary", "add", "--given-name", first.given, "--family-name", first.family, "--cf",
            first.codiceFiscale,
            "--birth-date", first.birth.description, "--sex", "F", "--phone", first.phone, "--email", first.email,
            "--address", first.address, "--notes", first.notes, "--sensitive", "Diagnosi\(first.family)", "--as",
            "sw-a",
        ])
        try step([
            "delivery", "add", "--beneficiary", firstID, "--service", "RT.LAV01", "--date", "2021-01-05", "--notes",
            "Colloquio\(first.family)", "--as", "sw-a",
        ])
        let rows = [first, second, third].map { person in
            [
                person.codiceFiscale, person.given, person.family, person.birth.description, "F", person.phone,
                person.email,
                "\"\(person.address)\"", "Diagnosi\(person.family)", "Colloquio\(person.family)", "RT.LAV02",
                "2021-02-0\(person.given.count % 9 + 1)",
            ]
            .joined(separator: ",")
        }
        let header =
            "codice_fiscale,given_name,family_name,birth_date,sex,phone,email,address,sensitive,notes,service_code,date"
        let file = try registry.write("prestazioni.csv", Data(([header] + rows).joined(separator: "\n").utf8))
        try step(["import", "deliveries", file, "--as", "sw-b"])
        let evidence = try registry.write("consenso-\(first.family).pdf", Data("modulo firmato".utf8))
        try step([
            "consent", "grant", "--beneficiary", firstID, "--to", "beta", "--purpose", "presa_in_carico_condivisa",
            "--scope", "identity,contact,notes", "--evidence", evidence, "--as", "sw-a",
        ])
        try step(
            ["case", "show", firstID, "--purpose", "presa_in_carico_condivisa", "--as", "sw-b"], authorisedReading: true
        )
        try step(
            ["case", "show", firstID, "--purpose", "presa_in_carico_condivisa", "--format", "json", "--as", "sw-a"],
            authorisedReading: true)
        let secondID = try step(["beneficiary", "find", "--cf", second.codiceFiscale, "--as", "sw-b"])
        let thirdID = try step(["beneficiary", "find", "--cf", third.codiceFiscale, "--as", "sw-b"])
        try step(["subject", "export", secondID, "--as", "coord-b"], authorisedReading: true)
        try step(["report", "deliveries", "--by", "org,sex", "--min-cell", "1", "--as", "admin"])
        try step(["report", "overlaps", "--as", "admin"])
        try step(["consent", "list", "--beneficiary", firstID, "--as", "sw-a"])
        try step(["subject", "erase", thirdID, "--reason", "richiesta di \(third.family)", "--as", "dpo-b"])
        try step(["keys", "rotate", "--as", "admin"])
        try step(["audit", "log", "--format", "csv", "--as", "dpo"])
        try step(["audit", "subject-report", firstID, "--as", "dpo"])
        try step(["audit", "verify", "--as", "dpo"])

        var haystacks: [(String, Data)] = [("stdout and stderr", Data(captured.utf8))]
        for suffix in ["", "-wal", "-shm"] {
            let path = registry.database + suffix
            #expect(FileManager.default.fileExists(atPath: path), "no \(suffix) file to scan")
            haystacks.append(("registro.db\(suffix)", FileManager.default.contents(atPath: path) ?? Data()))
        }
        #expect((haystacks[2].1.count) > 0, "the -wal file is empty: the scan would prove nothing")
        for name in FileManager.default.subpaths(atPath: temporary.path) ?? [] {
            haystacks.append(("temporary file name", Data(name.utf8)))
            haystacks.append(
                (
                    "temporary file \(name)",
                    FileManager.default.contents(atPath: temporary.appendingPathComponent(name).path) ?? Data()
                ))
        }
        for (place, bytes) in haystacks {
            for value in Self.people.flatMap(\.values) {
                #expect(bytes.range(of: Data(value.utf8)) == nil, "`\(value)` is in \(place)")
            }
        }
        for path in [registry.keyring, registry.database, registry.database + "-wal", registry.database + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) has mode \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test("a scan of a demo database finds no special-category code next to a person, while reports still count them")
    func demoKeepsNoSpecialCodeInClear() throws {
        let registry = try TemporaryRegistry()
        try registry.succeed(["demo", "--beneficiaries", "200", "--deliveries", "1200"])
        #expect(try sqliteCount(registry.database, SpecialCategoryTests.specialInClear) == 0)
        let people = try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary")
        #expect(people > 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM special_vulnerability") == people)
        let beside = try sqliteLines(
            registry.database,
            """
            SELECT b.id, b.sex, b.birth_year, b.citizenship, b.comune, v.code, s.codes FROM beneficiary b
            LEFT JOIN beneficiary_vulnerability v ON v.beneficiary_id = b.id
            LEFT JOIN special_vulnerability s ON s.beneficiary_id = b.id
            """
        ).joined(separator: "\n")
        #expect(SpecialCategoryTests.specialCodes(in: beside).isEmpty)
        let coordinator = try #require(
            try sqliteLines(
                registry.database, "SELECT id FROM operator WHERE role = 'coordinator' ORDER BY id"
            ).first)
        let report = try registry.succeed([
            "report", "deliveries", "--by", "vulnerability", "--measure", "beneficiaries",
            "--format", "csv", "--as", coordinator,
        ])
        #expect(!SpecialCategoryTests.specialCodes(in: report).isEmpty, "\(report)")
    }
}
