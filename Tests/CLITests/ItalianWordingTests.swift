import Foundation
import Testing

/// The rest of what the command line says in Italian with `LANG=it_IT.UTF-8`, run through the
/// built binary in both languages: refusals to record, `audit verify`'s failures, the
/// confirmations of commands that change things, the argument parser's complaints; and times
/// shown in the display time zone (`TZ`) in text, in UTC in JSON.
@Suite("refusals, verification failures, confirmations, usage errors and times in Italian and in English")
struct ItalianWordingTests {
    static let italian = ["LANG": "it_IT.UTF-8"]
    static let english = ["LANG": "C"]

    @Test("recording for a restricted person is refused in the user's words; an unrelated organisation is not told")
    func recordingRefusal() throws {
        let (registry, person) = try ItalianCommandLineTests.registry(.onePerson)
        try registry.succeed(["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"])
        let add = ["delivery", "add", "--beneficiary", person, "--service", "RT.LAV01", "--date", "02/03/2020"]
        let italian = try registry.run(add + ["--as", "sw-alfa"], environment: Self.italian)
        #expect(italian.status == 77)
        #expect(
            italian.stderr.contains(
                "`sw-alfa` (operatore sociale, alfa) non può registrare dati per `\(person)`: "
                    + "il trattamento dei dati della persona è limitato"))
        #expect(!italian.stderr.contains("forbidden"))
        let english = try registry.run(add + ["--as", "sw-alfa"], environment: Self.english)
        #expect(english.status == 77)
        #expect(
            english.stderr.contains("`sw-alfa` (social_worker, alfa) may not record data for `\(person)`: forbidden"))
        // Beta never met the person: it is not told that the person exists, let alone restricted.
        let unrelated = try registry.run(add + ["--as", "sw-beta"], environment: Self.italian)
        #expect(unrelated.status == 65)
        #expect(unrelated.stderr.contains("nessuna persona con il numero `\(person)`"))
        #expect(!unrelated.stderr.contains("limitato"))
        // The privacy officer never records: said as the rule of the job.
        let officer = try registry.run(add + ["--as", "dpo"], environment: Self.italian)
        #expect(officer.status == 77)
        #expect(officer.stderr.contains("non può registrare dati per `\(person)`: "))
    }

    @Test("an import row for a restricted person is refused in Italian, with the policy's words only in English")
    func importRefusal() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", "NRENNA85T50A479E",
            "--as", "sw-alfa",
        ])
        try registry.succeed(["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"])
        let sheet = try registry.write(
            "prestazioni.csv",
            Data(
                "Codice fiscale;Cognome;Nome;Servizio;Data;Ore\nNRENNA85T50A479E;Neri;Anna;RT.LAV01;02/03/2020;1\n".utf8
            ))
        let arguments = ["import", "deliveries", sheet, "--dry-run", "--as", "sw-alfa"]
        let italian = try registry.run(arguments, environment: Self.italian)
        #expect(italian.status == 65)
        #expect(
            italian.stderr.contains(
                "i dati di questa persona non possono essere usati: il trattamento dei dati della persona è limitato"),
            "\(italian.stderr)")
        let english = try registry.run(arguments, environment: Self.english)
        #expect(english.stderr.contains("this person's data may not be used: forbidden by"), "\(english.stderr)")
    }

    /// The witness of `registry`, its first line's head changed: the line no longer agrees with
    /// the log, and its signature no longer holds.
    static func forgeFirstWitnessLine(_ registry: TemporaryRegistry) throws -> String {
        let path = registry.database + ".witness"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first)
        let head = String(first.split(separator: " ")[2])
        let flipped = String(head.prefix(63)) + (head.hasSuffix("0") ? "1" : "0")
        try text.replacingOccurrences(of: head, with: flipped).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "audit verify's failure reasons and a witness's damaged or cut-short lines in Italian, in English with LANG=C")
    func auditVerifyFailures() throws {
        let (registry, _) = try ItalianCommandLineTests.registry(.onePerson)
        let verify = ["audit", "verify", "--as", "dpo"]
        let witness = registry.database + ".witness"
        // A line cut short by a crash is named and skipped; the log still verifies.
        let handle = try #require(FileHandle(forWritingAtPath: witness))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("registro-witness/v1 3 ab".utf8))
        try handle.close()
        let cutShort = try registry.succeed(verify, environment: Self.italian)
        #expect(cutShort.hasPrefix("registro degli accessi verificato: "))
        #expect(cutShort.contains(" del testimone è stata troncata da un arresto durante la scrittura"))
        #expect(try registry.succeed(verify, environment: Self.english).contains("was cut short, by a crash"))

        let path = try Self.forgeFirstWitnessLine(registry)
        let italian = try registry.run(verify, environment: Self.italian)
        #expect(italian.status == 1)
        #expect(italian.stderr.hasPrefix("registro: la voce "), "\(italian.stderr)")
        #expect(italian.stderr.contains("non può essere confrontata con la riga 1 del testimone `\(path)`"))
        #expect(italian.stderr.contains("la sua firma non è valida"))
        let english = try registry.run(verify, environment: Self.english)
        #expect(english.status == 1)
        #expect(
            english.stderr.contains("cannot be checked against line 1 of the witness `\(path)`: its signature is bad"))
        let json = try registry.run(verify + ["--format", "json"], environment: Self.italian)
        #expect(json.stdout.contains("\"summary\": \"audit entry "))

        try "not a checkpoint\n".write(toFile: witness, atomically: true, encoding: .utf8)
        let damaged = try registry.run(verify, environment: Self.italian)
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("la riga 1 del testimone `\(witness)` non è un checkpoint testimoniato"))
        let damagedEnglish = try registry.run(verify, environment: Self.english)
        #expect(damagedEnglish.stderr.contains("line 1 of the witness `\(witness)` is not a witnessed checkpoint"))
    }

    @Test("commands that change things confirm it in Italian, in English with LANG=C; ids alone stay ids")
    func confirmations() throws {
        let (registry, person) = try ItalianCommandLineTests.registry(.onePerson)
        let italianRuns: [([String], String)] = [
            (
                ["user", "add", "--id", "mbianchi", "--name", "M", "--org", "alfa", "--role", "coordinator"],
                "utente `mbianchi` aggiunto a alfa come coordinatore"
            ),
            (["network", "add", "--id", "rete2", "--name", "Rete 2"], "rete `rete2` aggiunta"),
            (
                [
                    "org", "add", "--id", "gamma", "--name", "G", "--kind", "ets", "--territory", "asti", "--axes",
                    "lavoro",
                ],
                "organizzazione `gamma` aggiunta"
            ),
            (
                ["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"],
                "trattamento dei dati di \(person) limitato"
            ),
            (["subject", "unrestrict", person, "--as", "dpo"], "limitazione dei dati di \(person) tolta"),
        ]
        for (arguments, expected) in italianRuns {
            #expect(try registry.succeed(arguments, environment: Self.italian).hasPrefix(expected), "\(arguments)")
        }
        let grant = try registry.succeed(
            [
                "consent", "grant", "--beneficiary", person, "--to", "rete", "--purpose", "presa_in_carico_condivisa",
                "--scope", "identity", "--as", "sw-alfa",
            ], environment: Self.italian)
        #expect(grant.hasPrefix("C") && !grant.contains(" "), "the grant's id alone, for scripts")
        #expect(
            try registry.succeed(
                ["consent", "revoke", grant, "--reason", "ritirato", "--as", "sw-alfa"], environment: Self.italian)
                == "consenso \(grant) revocato; resta nello storico dei consensi")
        #expect(
            try registry.succeed(
                ["user", "add", "--id", "lverdi", "--name", "L", "--org", "beta", "--role", "social_worker"],
                environment: Self.english) == "added user `lverdi` to beta as social worker")
        let checkpoint = registry.directory.appendingPathComponent("cp.json").path
        #expect(
            try registry.succeed(
                ["audit", "checkpoint", "--out", checkpoint, "--as", "dpo"], environment: Self.italian
            )
            .hasSuffix("scritto in \(checkpoint); conservalo fuori dal registro"))
        let taken = try registry.run(
            ["audit", "checkpoint", "--out", checkpoint, "--as", "dpo"], environment: Self.italian)
        #expect(taken.status == 64)
        #expect(taken.stderr.contains("--out: `\(checkpoint)` esiste già"))
        #expect(
            try registry.succeed(["audit", "key", "--as", "dpo"], environment: Self.italian)
                .hasPrefix("chiave pubblica di audit "))
        #expect(
            try registry.succeed(["keys", "rotate", "--as", "admin"], environment: Self.italian)
                .hasPrefix("chiave di cifratura delle chiavi ora alla generazione 1: "))
    }

    @Test("the argument parser's common complaints in Italian, naming the option as typed; English with LANG=C")
    func usageErrors() throws {
        let registry = try TemporaryRegistry()
        let mistakes: [([String], String, String)] = [
            (["org", "add", "--name", "Co.Al.A."], "manca `--id`, che è obbligatoria", "registro org add --help"),
            (["frobnicate"], "l'argomento `frobnicate` non era atteso", "registro --help"),
            (
                ["report", "deliveries", "--by", "org", "--min-cell", "tre"],
                "il valore `tre` non va bene per `--min-cell`", "registro report deliveries --help"
            ),
            (["case", "show", "--purpose"], "manca il valore dopo `--purpose`", "registro case show --help"),
            (
                ["case", "show", "B1", "--purpose", "x", "--purpos"], "l'opzione `--purpos` non esiste",
                "registro case show --help"
            ),
            (["audit", "subject-report"], "manca l'argomento <beneficiary>", "registro audit subject-report --help"),
        ]
        for (arguments, problem, help) in mistakes {
            let result = try registry.run(arguments, environment: Self.italian, withDatabase: false)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("registro: \(problem)"), "\(result.stderr)")
            #expect(result.stderr.contains("vedi `\(help)`"), "\(result.stderr)")
        }
        let english = try registry.run(["case", "show", "--purpose"], environment: Self.english, withDatabase: false)
        #expect(
            english.stderr
                == "registro: Missing value for '--purpose <purpose>'; see 'registro case show --help' for more information.\n"
        )
    }

    @Test("everyday library errors in Italian: no user named, an unknown user, a restriction twice, a page too far")
    func everydayErrors() throws {
        let (registry, person) = try ItalianCommandLineTests.registry(.onePerson)
        let list = try registry.run(["beneficiary", "list"], environment: Self.italian)
        #expect(list.status == 64)
        #expect(
            list.stderr.contains("questo comando agisce per conto di un utente; indicalo con --as"), "\(list.stderr)")
        let nobody = try registry.run(["beneficiary", "list", "--as", "nessuno"], environment: Self.italian)
        #expect(
            nobody.stderr.contains("nessun utente `nessuno` in questo registro; aggiungilo con `registro user add`"))
        let page = try registry.run(
            ["beneficiary", "list", "--page", "3", "--as", "sw-alfa"], environment: Self.italian)
        #expect(page.stderr.contains("la pagina 3 non esiste: c'è 1 pagina"), "\(page.stderr)")
        try registry.succeed(["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"])
        let twice = try registry.run(
            ["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"], environment: Self.italian)
        #expect(
            twice.stderr.contains("hanno già una limitazione; toglila con `registro subject unrestrict`"),
            "\(twice.stderr)")
        let english = try registry.run(
            ["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"], environment: Self.english)
        #expect(english.stderr.contains("`\(person)` is restricted already"))
    }

    /// `iso` (UTC) written `DD/MM/YYYY HH:MM` in the zone `identifier`, by Foundation.
    static func written(_ iso: String, in identifier: String) throws -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let whole = ISO8601DateFormatter()
        let date = try #require(parser.date(from: iso) ?? whole.date(from: iso))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: identifier)
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter.string(from: date)
    }

    @Test("text shows times in TZ's zone, DD/MM/YYYY HH:MM, the zone named once; JSON and CSV keep UTC")
    func timesInTheDisplayZone() throws {
        let (registry, person) = try ItalianCommandLineTests.registry(.onePerson)
        try registry.succeed([
            "case", "show", person, "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason",
            "Ricovero urgente in pronto soccorso", "--as", "sw-beta",
        ])
        let rome = Self.italian.merging(["TZ": "Europe/Rome"]) { $1 }
        let utc = Self.italian.merging(["TZ": "UTC"]) { $1 }
        let json = try registry.succeed(["audit", "emergency", "--format", "json", "--as", "dpo"], environment: rome)
        #expect(
            json == (try registry.succeed(["audit", "emergency", "--format", "json", "--as", "dpo"], environment: utc)))
        let accesses = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let opened = try #require(accesses.first?["opened_at"] as? String)
        #expect(opened.hasSuffix("Z"))

        let emergencyRome = try registry.succeed(["audit", "emergency", "--as", "dpo"], environment: rome)
        #expect(emergencyRome.contains(", dal \(try Self.written(opened, in: "Europe/Rome")) al "))
        #expect(emergencyRome.hasSuffix("Orari nel fuso orario Europe/Rome."))
        #expect(!emergencyRome.contains(opened))
        let emergencyUTC = try registry.succeed(["audit", "emergency", "--as", "dpo"], environment: utc)
        #expect(emergencyUTC.contains(", dal \(try Self.written(opened, in: "UTC")) al "))
        #expect(emergencyUTC.hasSuffix("Orari nel fuso orario UTC."))
        let englishRome = try registry.succeed(
            ["audit", "emergency", "--as", "dpo"], environment: ["LANG": "C", "TZ": "Europe/Rome"])
        #expect(englishRome.contains(try Self.written(opened, in: "Europe/Rome") + " until "))
        #expect(englishRome.hasSuffix("Times in the Europe/Rome time zone."))

        let logJSON = try registry.succeed(["audit", "log", "--format", "json", "--as", "dpo"], environment: rome)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(logJSON.utf8)) as? [[String: Any]])
        let first = try #require(entries.first?["time"] as? String)
        let log = try registry.succeed(["audit", "log", "--as", "dpo"], environment: rome)
        #expect(log.contains("Data e ora (Europe/Rome)"))
        #expect(log.contains(try Self.written(first, in: "Europe/Rome")))
        #expect(!log.contains(first))
        #expect(
            try registry.succeed(["audit", "log", "--format", "csv", "--as", "dpo"], environment: rome).contains(first))

        for (environment, zone) in [(rome, "Europe/Rome"), (utc, "UTC")] {
            let overview = try registry.succeed(["audit", "overview", "--as", "dpo"], environment: environment)
            #expect(overview.contains("\nOrari nel fuso orario \(zone).\n"), "\(overview)")
            #expect(overview.contains(" voci dal \(try Self.written(first, in: zone)) al "))
            let trail = try registry.succeed(
                ["audit", "subject-report", person, "--as", "dpo"], environment: environment)
            #expect(trail.contains("Orari nel fuso orario \(zone)."))
            #expect(trail.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil, "\(trail)")
        }
    }

    @Test("audit log's --since and --until count days in TZ's zone, as its times are shown")
    func auditLogDaysInTheDisplayZone() throws {
        let (registry, _) = try ItalianCommandLineTests.registry(.onePerson)
        // Every entry was recorded in the last minutes. Fourteen hours ahead of UTC it is already
        // tomorrow from 10:00 UTC; twelve hours behind, still yesterday until 12:00 UTC: so at any
        // hour one of the two zones' days is not UTC's, and counting in UTC would fail it.
        for (zone, hours) in [("Etc/GMT-14", 14), ("Etc/GMT+12", -12)] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(secondsFromGMT: hours * 3_600))
            func day(_ offset: Int) throws -> String {
                let date = try #require(calendar.date(byAdding: .day, value: offset, to: Date()))
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            func count(_ filter: [String]) throws -> Int {
                let json = try registry.succeed(
                    ["audit", "log", "--format", "json", "--as", "dpo"] + filter,
                    environment: ["LANG": "C", "TZ": zone])
                return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any]).count
            }
            #expect(try count(["--since", try day(0)]) > 1, "today in \(zone): everything")
            #expect(try count(["--until", try day(0)]) > 1, "today in \(zone): everything")
            #expect(try count(["--since", try day(1)]) == 0, "tomorrow in \(zone): nothing yet")
            #expect(try count(["--until", try day(-1)]) == 0, "yesterday in \(zone): nothing yet")
        }
    }
}
