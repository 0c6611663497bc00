/// The commands the Italian command line is tested with, one case a subject: each run with
/// `LANG=it_IT.UTF-8` and `LANG=C` (or the locales it names), what each must print, and which
/// outputs must be the same in both.
enum ItalianCommandLineCases {
    /// The purpose every case file is asked for.
    static let purpose = "presa_in_carico_condivisa"

    /// Every case, in the order of the subjects.
    static let all: [LocalisedCase] = [
        caseFile, report, importProblems, codiceFiscaleError, denials, auditLog, auditVerify, lists, codeList,
        auditOverview, emergencyAccessesAndSubjectReport, policyExplain, emergencyAndReportErrors, registryFiles,
        accountsAndSetUp, lookupsIdsAndFormats, policyCommandsAndDemo,
    ]

    static let caseFile = LocalisedCase(
        title:
            "a case file in Italian: sections, labels of codes, dates GG/MM/AAAA and hours 1,5; in English with LANG=C",
        start: .onePerson,
        steps: [
            .command(
                LocalisedCommand(
                    ["case", "show", "{person}", "--purpose", purpose, "--as", "sw-alfa"],
                    italian: [
                        .starts("Scheda {person} · in carico a alfa · finalità: Presa in carico condivisa"),
                        .contains("Identità\n  Nome"), .contains("  Sesso           Femmina"),
                        .contains("Prestazioni (1)"), .contains("02/03/2020"),
                        .contains("Sportello lavoro: accoglienza e informazione"), .contains("  1,5"),
                        .lacks("RT.LAV01"),
                    ],
                    english: [
                        .starts("Case file {person} · owner alfa · purpose Shared case management"),
                        .contains("Identity\n  Given name"), .contains("Job desk: reception and information"),
                        .contains("  1.5"),
                    ])),
            .command(
                LocalisedCommand(
                    ["beneficiary", "list", "--as", "sw-alfa"],
                    italian: [.starts("{person}"), .ends("pagina 1 di 1, 1 persona")],
                    english: [.ends("page 1 of 1, 1 person")])),
            .command(
                LocalisedCommand(
                    ["case", "show", "{person}", "--purpose", purpose, "--as", "sw-alfa", "--format", "json"],
                    italian: [
                        .contains("\"service_code\": \"RT.LAV01\""), .contains("\"date\": \"2020-03-02\""),
                        .contains("\"hours\": 1.5"),
                    ],
                    comparison: .identical)),
        ])

    /// The hours of deliveries by territory and axis, exact.
    static let hours = [
        "report", "deliveries", "--by", "territory,axis", "--measure", "hours", "--exact", "--as", "dpo",
    ]

    static var report: LocalisedCase {
        var steps: [LocalisedStep] = [
            .command(
                LocalisedCommand(
                    hours,
                    italian: [
                        .starts("Ore per territorio e asse"), .contains("territorio \\ asse"), .contains("Lavoro"),
                        .contains("Totale"), .contains("1,5"), .lacks("_total"), .lacks("1.5"),
                    ],
                    english: [
                        .starts("Hours by territory and axis"), .contains("territory \\ axis"), .contains("Work"),
                        .contains("Total"), .contains("1.5"),
                    ])),
            .command(
                LocalisedCommand(
                    hours + ["--format", "html"],
                    italian: [.contains("<html lang=\"it\">"), .contains("<title>Ore per territorio e asse</title>")],
                    english: [.contains("lang=\"en\"")])),
        ]
        for format in ["json", "csv"] {
            steps.append(
                .command(
                    LocalisedCommand(
                        hours + ["--format", format],
                        italian: [.contains("_total"), .contains("lavoro"), .contains("1.5")],
                        comparison: .identical)))
        }
        return LocalisedCase(
            title: "a report in Italian with labels, Totale and 1,5, its HTML lang=\"it\"; JSON and CSV keep codes",
            start: .onePerson, steps: steps)
    }

    static let importProblems = LocalisedCase(
        title: "import problems name the file's own headings, in Italian or English by the locale",
        start: .network,
        steps: [
            .write("errata.csv", contents: "Cognome;Nome;Sesso;Servizio;Data;Ore\nNeri;Anna;F;XX.NOPE;31/11/2020;1\n"),
            .command(
                LocalisedCommand(
                    ["import", "deliveries", "{folder}/errata.csv", "--dry-run", "--as", "sw-alfa"], status: 65,
                    italian: [
                        .contains("errata.csv:2: Servizio: `XX.NOPE` non è un codice di prestazione"),
                        .contains("errata.csv:2: Data: quel mese ha meno giorni"),
                        .contains("vedi `registro codes service`"),
                    ],
                    english: [
                        .contains("errata.csv:2: Servizio: `XX.NOPE` is not a service code"),
                        .contains("errata.csv:2: Data: the month has fewer days than that"), .lacks("service_code:"),
                    ])),
        ])

    static let codiceFiscaleError = LocalisedCase(
        title: "an error in Italian: a wrong check character of the codice fiscale, named by its option",
        start: .network,
        steps: [
            .command(
                LocalisedCommand(
                    [
                        "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf",
                        "RSSMRA85T50A479K", "--as", "sw-alfa",
                    ],
                    status: 65,
                    runs: [
                        (.italian, [.contains("--cf: il carattere di controllo (il 16°) non corrisponde ai primi 15")]),
                        (.italianUnderCAll, [.contains("--cf: character 16 should be the check character")]),
                        (.italianMessages, [.contains("il carattere di controllo")]),
                    ])),
            .command(
                LocalisedCommand(
                    [
                        "beneficiary", "add", "--given-name", "Maria", "--family-name", "Rossi", "--cf",
                        "RSSMRA85T50A479J", "--sex", "M", "--as", "sw-alfa",
                    ],
                    status: 65, italian: [.contains("--sex: non corrisponde a quanto indica il codice fiscale")])),
        ])

    static let denials = LocalisedCase(
        title: "a denial says what would open the case file: the person's consent, or an emergency access",
        start: .onePerson,
        steps: [
            // A consent for another purpose relates beta to the person, so an emergency access may be named.
            .succeed([
                "consent", "grant", "--beneficiary", "{person}", "--to", "beta", "--purpose", "invio", "--scope",
                "identity", "--as", "sw-alfa",
            ]),
            .command(
                LocalisedCommand(
                    ["case", "show", "{person}", "--purpose", purpose, "--as", "sw-beta"], status: 77,
                    italian: [
                        .contains(
                            "per la finalità «Presa in carico condivisa»: serve il consenso della persona per questa "
                                + "finalità, oppure un accesso di emergenza")
                    ],
                    english: [.contains("the person's consent for this purpose is needed, or an emergency access")])),
            // The privacy officer is told that no consent opens it.
            .command(
                LocalisedCommand(
                    ["case", "show", "{person}", "--purpose", purpose, "--as", "dpo"], status: 77,
                    italian: [.contains("nessun consenso lo apre")])),
            // A restricted person's case file says who can lift the restriction, even to the owner.
            .succeed(["subject", "restrict", "{person}", "--reason", "contestati", "--as", "dpo"]),
            .command(
                LocalisedCommand(
                    ["case", "show", "{person}", "--purpose", purpose, "--as", "sw-alfa"], status: 77,
                    italian: [.contains("il responsabile privacy deve togliere la limitazione")])),
            // An id nobody has is not found, in the user's words.
            .command(
                LocalisedCommand(
                    ["case", "show", "B00000000000", "--purpose", purpose, "--as", "sw-beta"], status: 65,
                    italian: [.contains("nessuna persona con il numero `B00000000000`")])),
        ])

    /// A partner's social worker denied the person's case file, for the audit log to show: beta
    /// has no relationship to the person, so it is answered as for an unknown id.
    static let partnerDenied = LocalisedStep.command(
        LocalisedCommand(
            ["case", "show", "{person}", "--purpose", purpose, "--as", "sw-beta"], status: 65, runs: [(.english, [])]))

    static var auditLog: LocalisedCase {
        var steps: [LocalisedStep] = [
            partnerDenied,
            .command(
                LocalisedCommand(
                    ["audit", "log", "--as", "dpo"],
                    italian: [
                        .starts("N."), .contains("Data e ora"), .contains("Decisione"), .contains("Negato"),
                        .contains("Consentito"), .contains("Presa in carico condivisa"),
                        .lacks("presa_in_carico_condivisa"),
                    ],
                    english: [.starts("seq"), .contains("deny")])),
        ]
        for format in ["json", "csv"] {
            // The logs differ only by the listing entries each run appended; the first entries agree.
            steps.append(
                .command(
                    LocalisedCommand(
                        ["audit", "log", "--as", "dpo", "--format", format], italian: [.contains(purpose)],
                        comparison: .samePrefix(200))))
        }
        return LocalisedCase(
            title: "the audit log in Italian: the page's headings, decisions and purposes in words; "
                + "JSON and CSV unchanged",
            start: .onePerson, steps: steps)
    }

    static let auditVerify = LocalisedCase(
        title: "audit verify says in Italian what it verified; JSON unchanged",
        start: .onePerson,
        steps: [
            .command(
                LocalisedCommand(
                    ["audit", "verify", "--as", "dpo"],
                    italian: [
                        .starts("registro degli accessi verificato: "), .contains(" voci"), .contains(", testa "),
                    ],
                    english: [.starts("audit log verified: "), .contains(" entries")])),
            .command(
                LocalisedCommand(
                    ["audit", "verify", "--as", "dpo", "--format", "json"],
                    italian: [.contains("\"summary\": \"audit log verified: ")])),
        ])

    static var lists: LocalisedCase {
        var steps: [LocalisedStep] = [
            .succeed([
                "consent", "grant", "--beneficiary", "{person}", "--to", "rete", "--purpose", purpose, "--scope",
                "identity", "--as", "sw-alfa",
            ])
        ]
        let lists: [(arguments: [String], italianHeading: String, englishHeading: String)] = [
            (["consent", "list", "--beneficiary", "{person}", "--as", "sw-alfa"], "titolare", "grantor"),
            (["org", "list"], "sezione RUNTS", "runts_section"),
            (["user", "list"], "ruolo", "role"),
            (["network", "list"], "nome", "name"),
        ]
        for (arguments, italianHeading, englishHeading) in lists {
            steps.append(
                .command(
                    LocalisedCommand(
                        arguments, italian: [.starts("numero"), .contains(italianHeading)],
                        english: [.starts("id"), .contains(englishHeading)])))
            for format in ["json", "csv"] {
                steps.append(.command(LocalisedCommand(arguments + ["--format", format], comparison: .identical)))
            }
        }
        return LocalisedCase(
            title:
                "the lists of consents, organisations, users and networks headed in Italian; JSON and CSV unchanged",
            start: .onePerson, steps: steps)
    }

    static let codeList = LocalisedCase(
        title: "codes KIND headed in Italian, with the note in Italian; CSV unchanged",
        start: .network,
        steps: [
            .command(
                LocalisedCommand(
                    ["codes", "service"],
                    italian: [.starts("codice"), .contains("etichetta"), .contains("(o json) dà tutte le colonne")],
                    english: [.starts("code"), .contains("(or json) gives every column")])),
            .command(
                LocalisedCommand(["codes", "service", "--format", "csv"], comparison: .identical)),
        ])

    static let auditOverview = LocalisedCase(
        title: "audit overview in Italian, text and HTML lang=\"it\", section headings in words; JSON unchanged",
        start: .onePerson,
        steps: [
            partnerDenied,
            .command(
                LocalisedCommand(
                    ["audit", "overview", "--as", "dpo"],
                    italian: [
                        .starts("Panoramica del registro degli accessi: "), .firstLineContains(" voci dal "),
                        .firstLineContains("/"), .firstLineLacks("Z al "),
                        .contains("Verifica: registro degli accessi verificato: "), .contains("Ultimo checkpoint: "),
                        .contains("Dinieghi per organizzazione (1):"), .contains("dinieghi"),
                        .contains("nessun accesso di emergenza"),
                    ],
                    english: [
                        .starts("Audit overview: "), .contains("Denials by organisation (1):"),
                        .contains("no emergency access"),
                    ])),
            .command(LocalisedCommand(["audit", "overview", "--as", "dpo", "--html", "{folder}/panoramica.html"])),
            .file(
                "panoramica.html",
                [.contains("<html lang=\"it\">"), .contains("Panoramica del registro degli accessi")]),
            .command(
                LocalisedCommand(
                    ["audit", "overview", "--as", "dpo", "--format", "json"],
                    italian: [.contains("\"denials_by_organisation\""), .lacks("Dinieghi")])),
        ])

    static let emergencyAccessesAndSubjectReport = LocalisedCase(
        title: "audit emergency and a person's audit trail in Italian; JSON unchanged",
        start: .onePerson,
        steps: [
            .command(
                LocalisedCommand(
                    ["audit", "emergency", "--as", "dpo"], italian: [.equals("nessun accesso di emergenza")],
                    english: [.equals("no emergency access")])),
            .succeed([
                "case", "show", "{person}", "--purpose", purpose, "--emergency", "--reason",
                "Ricovero urgente in pronto soccorso", "--as", "sw-beta",
            ]),
            .command(
                LocalisedCommand(
                    ["audit", "emergency", "--as", "dpo"],
                    italian: [
                        .contains(" su {person} da sw-beta per Presa in carico condivisa, dal "),
                        .contains("  motivo: Ricovero urgente"), .contains("  non rivisto"),
                    ],
                    english: [
                        .contains(" on {person} by sw-beta for presa_in_carico_condivisa, "),
                        .contains("  not reviewed"),
                    ])),
            .command(
                LocalisedCommand(["audit", "emergency", "--as", "dpo", "--format", "json"], comparison: .identical)),
            .command(
                LocalisedCommand(
                    ["audit", "subject-report", "{person}", "--as", "dpo"],
                    italian: [
                        .starts("Tracce di accesso della persona {person} (titolare alfa)"),
                        .contains("Letture, ricerche ed esportazioni ("), .contains("base giuridica"),
                        .contains("Organizzazioni che hanno ricevuto i dati: "),
                    ],
                    english: [
                        .starts("Audit trail of beneficiary {person} (owner alfa)"),
                        .contains("Reads, lookups and exports ("),
                    ])),
        ])

    /// Why a partner's social worker may not read the person's identity.
    static let explain = [
        "policy", "explain", "--beneficiary", "{person}", "--category", "identity", "--purpose", purpose, "--as",
        "sw-beta",
    ]

    static let policyExplain = LocalisedCase(
        title:
            "policy explain in Italian: the decision and what made it, the data and the purpose in words; JSON unchanged",
        start: .onePerson,
        steps: [
            // A consent for another purpose relates beta to the person: a stranger is answered as
            // for an unknown id.
            .succeed([
                "consent", "grant", "--beneficiary", "{person}", "--to", "beta", "--purpose", "invio", "--scope",
                "identity", "--as", "sw-alfa",
            ]),
            .command(
                LocalisedCommand(
                    explain,
                    italian: [
                        .starts("NEGATO: sw-beta (social_worker, beta) legge Identità di {person} per Presa in carico"),
                        .contains("\n  nessuna regola lo permette (negato per impostazione predefinita)\n"),
                        .contains("  reti della tua organizzazione: rete"),
                        .contains("  nessun consenso per questa finalità alla tua organizzazione o alle sue reti"),
                    ],
                    english: [
                        .starts("DENY: sw-beta (social_worker, beta) reading identity of {person} for presa_in_carico"),
                        .contains("\n  no policy permits it (default deny)\n"),
                        .contains("  no consent grant for this purpose to your organisation or its networks"),
                    ])),
            .command(LocalisedCommand(explain + ["--format", "json"], comparison: .identical)),
        ])

    /// An emergency access to the person's case file, without its reason, hours and user.
    static let emergency = ["case", "show", "{person}", "--purpose", purpose, "--emergency"]
    /// A deliveries report, without its dimensions.
    static let deliveriesReport = ["report", "deliveries", "--as", "dpo"]

    static let emergencyAndReportErrors = LocalisedCase(
        title: "emergency access and report errors in Italian, in English with LANG=C",
        start: .onePerson,
        steps: [
            .command(
                LocalisedCommand(
                    emergency + ["--reason", "urgente", "--as", "sw-beta"], status: 65,
                    italian: [
                        .contains("è troppo breve per un accesso di emergenza: scrivi in almeno 20 caratteri")
                    ],
                    english: [.contains("is too short for an emergency access")])),
            .command(
                LocalisedCommand(
                    emergency + ["--reason", "Ricovero urgente in pronto soccorso", "--hours", "9", "--as", "sw-beta"],
                    status: 64, italian: [.contains("un accesso di emergenza dura da 1 a 4 ore")])),
            .command(
                LocalisedCommand(
                    deliveriesReport + ["--by", "colore"], status: 64,
                    italian: [.contains("`colore` non è una dimensione; usa una tra ")])),
            .command(
                LocalisedCommand(
                    deliveriesReport + ["--by", "axis,axis"], status: 64,
                    italian: [.contains("`axis` è indicata due volte")])),
            .command(
                LocalisedCommand(
                    deliveriesReport + ["--by", "axis", "--measure", "peso"], status: 64,
                    italian: [.contains("`peso` non è una misura; usa una tra ")])),
            .command(
                LocalisedCommand(
                    deliveriesReport + ["--by", "axis", "--from", "2020-03-02"], status: 64,
                    italian: [
                        .contains("i report coprono mesi interi; comincia dal primo del mese (2020-03-01)"),
                        .contains("chiedi le cifre esatte (--exact)"),
                    ],
                    english: [
                        .contains("reports cover whole months; start on the first of a month (2020-03-01)")
                    ])),
            .command(
                LocalisedCommand(
                    deliveriesReport + ["--by", "axis", "--min-cell", "99"], status: 64,
                    italian: [.contains("deve essere tra 1 e ")])),
        ])
}
