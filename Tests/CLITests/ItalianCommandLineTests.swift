import Foundation
import Testing

/// The command line speaks Italian when the locale says so: case files, reports, import
/// summaries and problems, errors and denials, from the pages' catalogue; English otherwise; JSON
/// and CSV the same in both.
@Suite("the command line in Italian with LANG=it_IT.UTF-8, in English with LANG=C, JSON and CSV unchanged")
struct ItalianCommandLineTests {
    static let italian = ["LANG": "it_IT.UTF-8"]
    static let english = ["LANG": "C"]

    /// A spreadsheet with Italian headings, `;`-separated, with hours written `1,5`.
    static let sheet = """
        Cognome;Nome;Sesso;Servizio;Data;Ore
        Neri;Anna;F;RT.LAV01;02/03/2020;1,5

        """

    /// A registry with one person, imported by `sw-alfa` from `sheet`; returns the person's id.
    static func registryWithOnePerson() throws -> (TemporaryRegistry, String) {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let file = try registry.write("prestazioni.csv", Data(sheet.utf8))
        let output = try registry.succeed(["import", "deliveries", file, "--as", "sw-alfa"], environment: italian)
        #expect(output.contains("importazione da \(file)"))
        #expect(output.contains(": 1 prestazione, 1 persona nuova, 0 righe abbinate a persone già note"))
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("riga 2: ") })
        #expect(line.hasSuffix(" nuova"))
        return (registry, String(line.split(separator: " ")[2]))
    }

    @Test("a case file in Italian: sections, labels of codes, dates GG/MM/AAAA and hours 1,5; in English with LANG=C")
    func caseFile() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        let show = ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa"]
        let italian = try registry.succeed(show, environment: Self.italian)
        #expect(italian.hasPrefix("Scheda \(person) · in carico a alfa · finalità: Presa in carico condivisa"))
        #expect(italian.contains("Identità\n  Nome"))
        #expect(italian.contains("  Sesso           Femmina"))
        #expect(italian.contains("Prestazioni (1)"))
        #expect(italian.contains("02/03/2020"))
        #expect(italian.contains("Sportello lavoro: accoglienza e informazione"))
        #expect(italian.contains("  1,5"))
        #expect(!italian.contains("RT.LAV01"))

        let english = try registry.succeed(show, environment: Self.english)
        #expect(english.hasPrefix("Case file \(person) · owner alfa · purpose Shared case management"))
        #expect(english.contains("Identity\n  Given name"))
        #expect(english.contains("Job desk: reception and information"))
        #expect(english.contains("  1.5"))

        let list = try registry.succeed(["beneficiary", "list", "--as", "sw-alfa"], environment: Self.italian)
        #expect(list.hasPrefix(person) && list.hasSuffix("pagina 1 di 1, 1 persona"))
        #expect(
            try registry.succeed(["beneficiary", "list", "--as", "sw-alfa"], environment: Self.english)
                .hasSuffix("page 1 of 1, 1 person"))

        let json = show + ["--format", "json"]
        let italianJSON = try registry.succeed(json, environment: Self.italian)
        #expect(italianJSON == (try registry.succeed(json, environment: Self.english)))
        #expect(italianJSON.contains("\"service_code\": \"RT.LAV01\""))
        #expect(italianJSON.contains("\"date\": \"2020-03-02\""))
        #expect(italianJSON.contains("\"hours\": 1.5"))
    }

    @Test("a report in Italian with labels, Totale and 1,5, its HTML lang=\"it\"; JSON and CSV keep codes")
    func report() throws {
        let (registry, _) = try Self.registryWithOnePerson()
        let hours = ["report", "deliveries", "--by", "territory,axis", "--measure", "hours", "--exact", "--as", "dpo"]
        let italian = try registry.succeed(hours, environment: Self.italian)
        #expect(italian.hasPrefix("Ore per territorio e asse"))
        #expect(italian.contains("territorio \\ asse"))
        #expect(italian.contains("Lavoro"))
        #expect(italian.contains("Totale"))
        #expect(italian.contains("1,5"))
        #expect(!italian.contains("_total"))
        #expect(!italian.contains("1.5"))

        let english = try registry.succeed(hours, environment: Self.english)
        #expect(english.hasPrefix("Hours by territory and axis"))
        #expect(english.contains("territory \\ axis"))
        #expect(english.contains("Work"))
        #expect(english.contains("Total"))
        #expect(english.contains("1.5"))

        let html = try registry.succeed(hours + ["--format", "html"], environment: Self.italian)
        #expect(html.contains("<html lang=\"it\">"))
        #expect(html.contains("<title>Ore per territorio e asse</title>"))
        #expect(try registry.succeed(hours + ["--format", "html"], environment: Self.english).contains("lang=\"en\""))

        for format in ["json", "csv"] {
            let machine = try registry.succeed(hours + ["--format", format], environment: Self.italian)
            #expect(machine == (try registry.succeed(hours + ["--format", format], environment: Self.english)))
            #expect(machine.contains("_total"))
            #expect(machine.contains("lavoro"))
            #expect(machine.contains("1.5"))
        }
    }

    @Test("import problems name the file's own headings, in Italian or English by the locale")
    func importProblems() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let bad = try registry.write(
            "errata.csv",
            Data("Cognome;Nome;Sesso;Servizio;Data;Ore\nNeri;Anna;F;XX.NOPE;31/11/2020;1\n".utf8))
        let arguments = ["import", "deliveries", bad, "--dry-run", "--as", "sw-alfa"]
        let italian = try registry.run(arguments, environment: Self.italian)
        #expect(italian.status == 65)
        #expect(italian.stderr.contains("errata.csv:2: Servizio: `XX.NOPE` non è un codice di prestazione"))
        #expect(italian.stderr.contains("errata.csv:2: Data: quel mese ha meno giorni"))
        #expect(italian.stderr.contains("vedi `registro codes service`"))
        let english = try registry.run(arguments, environment: Self.english)
        #expect(english.status == 65)
        #expect(english.stderr.contains("errata.csv:2: Servizio: `XX.NOPE` is not a service code"))
        #expect(english.stderr.contains("errata.csv:2: Data: the month has fewer days than that"))
        #expect(!english.stderr.contains("service_code:"))
    }

    @Test("an error in Italian: a wrong check character of the codice fiscale, named by its option")
    func codiceFiscaleError() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let add = [
            "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479K",
            "--as", "sw-alfa",
        ]
        let italian = try registry.run(add, environment: Self.italian)
        #expect(italian.status == 65)
        #expect(italian.stderr.contains("--cf: il carattere di controllo (il 16°) non corrisponde ai primi 15"))
        let english = try registry.run(add, environment: ["LANG": "it_IT.UTF-8", "LC_ALL": "C"])
        #expect(english.status == 65)
        #expect(english.stderr.contains("--cf: character 16 should be the check character"))
        let messages = try registry.run(add, environment: ["LANG": "C", "LC_MESSAGES": "it_IT.UTF-8"])
        #expect(messages.stderr.contains("il carattere di controllo"))
        let otherSex = try registry.run(
            [
                "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf", "RSSMRA85T50A479J",
                "--sex", "M", "--as", "sw-alfa",
            ], environment: Self.italian)
        #expect(otherSex.status == 65)
        #expect(otherSex.stderr.contains("--sex: non corrisponde a quanto indica il codice fiscale"))
    }

    @Test("a denial says what would open the case file: the person's consent, or an emergency access")
    func denialInTheUsersWords() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        // A consent for another purpose relates beta to the person, so an emergency access may be named.
        try registry.succeed([
            "consent", "grant", "--beneficiary", person, "--to", "beta", "--purpose", "invio", "--scope", "identity",
            "--as", "sw-alfa",
        ])
        let show = ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"]
        let italian = try registry.run(show, environment: Self.italian)
        #expect(italian.status == 77)
        #expect(
            italian.stderr.contains(
                "per la finalità «Presa in carico condivisa»: serve il consenso della persona per questa finalità, "
                    + "oppure un accesso di emergenza"))
        let english = try registry.run(show, environment: Self.english)
        #expect(english.status == 77)
        #expect(english.stderr.contains("the person's consent for this purpose is needed, or an emergency access"))
        // The privacy officer is told that no consent opens it.
        let officer = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "dpo"], environment: Self.italian
        )
        #expect(officer.status == 77)
        #expect(officer.stderr.contains("nessun consenso lo apre"))
        // A restricted person's case file says who can lift the restriction, even to the owner.
        try registry.succeed(["subject", "restrict", person, "--reason", "contestati", "--as", "dpo"])
        let restricted = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa"],
            environment: Self.italian)
        #expect(restricted.status == 77)
        #expect(restricted.stderr.contains("il responsabile privacy deve togliere la limitazione"))
        // An id nobody has is not found, in the user's words.
        let nobody = try registry.run(
            ["case", "show", "B00000000000", "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            environment: Self.italian)
        #expect(nobody.stderr.contains("nessuna persona con il numero `B00000000000`"))
    }

    @Test("the audit log in Italian: the page's headings, decisions and purposes in words; JSON and CSV unchanged")
    func auditLog() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        _ = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            environment: Self.english)
        let log = ["audit", "log", "--as", "dpo"]
        let italian = try registry.succeed(log, environment: Self.italian)
        #expect(italian.hasPrefix("N."))
        #expect(italian.contains("Data e ora"))
        #expect(italian.contains("Decisione"))
        #expect(italian.contains("Negato"))
        #expect(italian.contains("Consentito"))
        #expect(italian.contains("Presa in carico condivisa"))
        #expect(!italian.contains("presa_in_carico_condivisa"))
        let english = try registry.succeed(log, environment: Self.english)
        #expect(english.hasPrefix("seq"))
        #expect(english.contains("deny"))
        for format in ["json", "csv"] {
            let italianMachine = try registry.succeed(log + ["--format", format], environment: Self.italian)
            let englishMachine = try registry.succeed(log + ["--format", format], environment: Self.english)
            #expect(italianMachine.contains("presa_in_carico_condivisa"))
            // The logs differ only by the listing entries each run appended; the first entries agree.
            #expect(italianMachine.prefix(200) == englishMachine.prefix(200))
        }
    }

    @Test("audit verify says in Italian what it verified; JSON unchanged")
    func auditVerify() throws {
        let (registry, _) = try Self.registryWithOnePerson()
        let verify = ["audit", "verify", "--as", "dpo"]
        let italian = try registry.succeed(verify, environment: Self.italian)
        #expect(italian.hasPrefix("registro degli accessi verificato: "))
        #expect(italian.contains(" voci"))
        #expect(italian.contains(", testa "))
        let english = try registry.succeed(verify, environment: Self.english)
        #expect(english.hasPrefix("audit log verified: "))
        #expect(english.contains(" entries"))
        let json = try registry.succeed(verify + ["--format", "json"], environment: Self.italian)
        #expect(json.contains("\"summary\": \"audit log verified: "))
    }

    @Test("the lists of consents, organisations, users and networks headed in Italian; JSON and CSV unchanged")
    func lists() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        try registry.succeed([
            "consent", "grant", "--beneficiary", person, "--to", "rete", "--purpose", "presa_in_carico_condivisa",
            "--scope", "identity", "--as", "sw-alfa",
        ])
        let lists: [([String], String, String)] = [
            (["consent", "list", "--beneficiary", person, "--as", "sw-alfa"], "titolare", "grantor"),
            (["org", "list"], "sezione RUNTS", "runts_section"),
            (["user", "list"], "ruolo", "role"),
            (["network", "list"], "nome", "name"),
        ]
        for (arguments, italianHeading, englishHeading) in lists {
            let italian = try registry.succeed(arguments, environment: Self.italian)
            #expect(italian.hasPrefix("numero"))
            #expect(italian.contains(italianHeading))
            let english = try registry.succeed(arguments, environment: Self.english)
            #expect(english.hasPrefix("id"))
            #expect(english.contains(englishHeading))
            for format in ["json", "csv"] {
                #expect(
                    try registry.succeed(arguments + ["--format", format], environment: Self.italian)
                        == (try registry.succeed(arguments + ["--format", format], environment: Self.english)))
            }
        }
    }

    @Test("codes KIND headed in Italian, with the note in Italian; CSV unchanged")
    func codeList() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let codes = ["codes", "service"]
        let italian = try registry.succeed(codes, environment: Self.italian)
        #expect(italian.hasPrefix("codice"))
        #expect(italian.contains("etichetta"))
        #expect(italian.contains("(o json) dà tutte le colonne"))
        let english = try registry.succeed(codes, environment: Self.english)
        #expect(english.hasPrefix("code"))
        #expect(english.contains("(or json) gives every column"))
        #expect(
            try registry.succeed(codes + ["--format", "csv"], environment: Self.italian)
                == (try registry.succeed(codes + ["--format", "csv"], environment: Self.english)))
    }

    @Test("audit overview in Italian, text and HTML lang=\"it\", section headings in words; JSON unchanged")
    func auditOverview() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        _ = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            environment: Self.english)
        let overview = ["audit", "overview", "--as", "dpo"]
        let italian = try registry.succeed(overview, environment: Self.italian)
        #expect(italian.hasPrefix("Panoramica del registro degli accessi: "))
        let head = italian.prefix { $0 != "\n" }
        #expect(head.contains(" voci dal ") && head.contains("/") && !head.contains("Z al "))
        #expect(italian.contains("Verifica: registro degli accessi verificato: "))
        #expect(italian.contains("Ultimo checkpoint: "))
        #expect(italian.contains("Dinieghi per organizzazione (1):"))
        #expect(italian.contains("dinieghi"))
        #expect(italian.contains("nessun accesso di emergenza"))
        let english = try registry.succeed(overview, environment: Self.english)
        #expect(english.hasPrefix("Audit overview: "))
        #expect(english.contains("Denials by organisation (1):"))
        #expect(english.contains("no emergency access"))
        let page = registry.directory.appendingPathComponent("panoramica.html").path
        _ = try registry.succeed(overview + ["--html", page], environment: Self.italian)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<html lang=\"it\">"))
        #expect(html.contains("Panoramica del registro degli accessi"))
        let json = try registry.succeed(overview + ["--format", "json"], environment: Self.italian)
        #expect(json.contains("\"denials_by_organisation\""))
        #expect(!json.contains("Dinieghi"))
    }

    @Test("audit emergency and a person's audit trail in Italian; JSON unchanged")
    func emergencyAccessesAndSubjectReport() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        let emergency = ["audit", "emergency", "--as", "dpo"]
        #expect(try registry.succeed(emergency, environment: Self.italian) == "nessun accesso di emergenza")
        #expect(try registry.succeed(emergency, environment: Self.english) == "no emergency access")
        try registry.succeed([
            "case", "show", person, "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason",
            "Ricovero urgente in pronto soccorso", "--as", "sw-beta",
        ])
        let italian = try registry.succeed(emergency, environment: Self.italian)
        #expect(italian.contains(" su \(person) da sw-beta per Presa in carico condivisa, dal "))
        #expect(italian.contains("  motivo: Ricovero urgente"))
        #expect(italian.contains("  non rivisto"))
        let english = try registry.succeed(emergency, environment: Self.english)
        #expect(english.contains(" on \(person) by sw-beta for presa_in_carico_condivisa, "))
        #expect(english.contains("  not reviewed"))
        let json = emergency + ["--format", "json"]
        #expect(
            try registry.succeed(json, environment: Self.italian)
                == (try registry.succeed(json, environment: Self.english)))

        let trail = ["audit", "subject-report", person, "--as", "dpo"]
        let italianTrail = try registry.succeed(trail, environment: Self.italian)
        #expect(italianTrail.hasPrefix("Tracce di accesso della persona \(person) (titolare alfa)"))
        #expect(italianTrail.contains("Letture, ricerche ed esportazioni ("))
        #expect(italianTrail.contains("base giuridica"))
        #expect(italianTrail.contains("Organizzazioni che hanno ricevuto i dati: "))
        let englishTrail = try registry.succeed(trail, environment: Self.english)
        #expect(englishTrail.hasPrefix("Audit trail of beneficiary \(person) (owner alfa)"))
        #expect(englishTrail.contains("Reads, lookups and exports ("))
    }

    @Test("policy explain in Italian: the decision, the data and the purpose in words; JSON unchanged")
    func policyExplain() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        let explain = [
            "policy", "explain", "--beneficiary", person, "--category", "identity", "--purpose",
            "presa_in_carico_condivisa", "--as", "sw-beta",
        ]
        let italian = try registry.succeed(explain, environment: Self.italian)
        #expect(
            italian.hasPrefix("NEGATO: sw-beta (social_worker, beta) legge Identità di \(person) per Presa in carico"))
        #expect(italian.contains("  reti della tua organizzazione: rete"))
        #expect(italian.contains("  nessun consenso per questa finalità alla tua organizzazione o alle sue reti"))
        let english = try registry.succeed(explain, environment: Self.english)
        #expect(
            english.hasPrefix("DENY: sw-beta (social_worker, beta) reading identity of \(person) for presa_in_carico"))
        #expect(english.contains("  no consent grant for this purpose to your organisation or its networks"))
        let json = explain + ["--format", "json"]
        #expect(
            try registry.succeed(json, environment: Self.italian)
                == (try registry.succeed(json, environment: Self.english)))
    }

    @Test("emergency access and report errors in Italian, in English with LANG=C")
    func emergencyAndReportErrors() throws {
        let (registry, person) = try Self.registryWithOnePerson()
        let open = ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--emergency"]
        let short = try registry.run(open + ["--reason", "urgente", "--as", "sw-beta"], environment: Self.italian)
        #expect(short.status == 65)
        #expect(short.stderr.contains("è troppo breve per un accesso di emergenza: scrivi in almeno 20 caratteri"))
        let shortEnglish = try registry.run(
            open + ["--reason", "urgente", "--as", "sw-beta"], environment: Self.english)
        #expect(shortEnglish.stderr.contains("is too short for an emergency access"))
        let hours = try registry.run(
            open + ["--reason", "Ricovero urgente in pronto soccorso", "--hours", "9", "--as", "sw-beta"],
            environment: Self.italian)
        #expect(hours.stderr.contains("un accesso di emergenza dura da 1 a 4 ore"))

        let report = ["report", "deliveries", "--as", "dpo"]
        let dimension = try registry.run(report + ["--by", "colore"], environment: Self.italian)
        #expect(dimension.stderr.contains("`colore` non è una dimensione; usa una tra "))
        let twice = try registry.run(report + ["--by", "axis,axis"], environment: Self.italian)
        #expect(twice.stderr.contains("`axis` è indicata due volte"))
        let measure = try registry.run(report + ["--by", "axis", "--measure", "peso"], environment: Self.italian)
        #expect(measure.stderr.contains("`peso` non è una misura; usa una tra "))
        let month = try registry.run(report + ["--by", "axis", "--from", "2020-03-02"], environment: Self.italian)
        #expect(month.stderr.contains("i report coprono mesi interi; comincia dal primo del mese (2020-03-01)"))
        #expect(month.stderr.contains("chiedi le cifre esatte (--exact)"))
        let englishMonth = try registry.run(
            report + ["--by", "axis", "--from", "2020-03-02"], environment: Self.english)
        #expect(englishMonth.stderr.contains("reports cover whole months; start on the first of a month (2020-03-01)"))
        let cell = try registry.run(report + ["--by", "axis", "--min-cell", "99"], environment: Self.italian)
        #expect(cell.stderr.contains("deve essere tra 1 e "))
    }
}
