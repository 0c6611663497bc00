import Foundation

/// The cases of what an operator meets in Italian: the registry's files, the keyring and its
/// passphrase, accounts, who may set up and manage users, lookups, ids and `--format`, the
/// `policy` commands and `demo`.
extension ItalianCommandLineCases {
    /// A passphrase long enough for a keyring.
    static let passphrase = "una passphrase abbastanza lunga"

    static let registryFiles = LocalisedCase(
        title: "the registry's files in Italian: a registry missing or there already, a keyring missing, open to "
            + "others or sealed, a passphrase too short or wrong; in English with LANG=C",
        start: .network,
        steps: [
            .command(
                LocalisedCommand(
                    ["beneficiary", "list", "--db", "{folder}/manca.db", "--as", "sw-alfa"], status: 64,
                    italian: [
                        .contains("nessun registro in `"), .contains("manca.db`; creane uno con `registro init`"),
                    ],
                    english: [.contains("no registry at `"), .contains("create one with `registro init`")],
                    withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["init", "--no-passphrase"], status: 64,
                    italian: [.contains("esiste già un registro in `"), .contains("rimuovilo prima")],
                    english: [.contains("a registry exists already at `")])),
            .command(
                LocalisedCommand(
                    ["init", "--db", "{folder}/nuovo.db"], status: 64,
                    italian: [
                        .contains("la passphrase ha 5 caratteri e un portachiavi ne richiede almeno 12"),
                        .contains("oppure usa --no-passphrase per una dimostrazione"),
                    ],
                    english: [.contains("the passphrase has 5 characters and a keyring needs at least 12")],
                    environment: ["REGISTRO_PASSPHRASE": "corta"], withDatabase: false)),
            .command(
                LocalisedCommand(
                    [
                        "beneficiary", "find", "--name", "anna", "--keyring", "{folder}/nessuno.keyring", "--as",
                        "sw-alfa",
                    ], status: 65,
                    italian: [
                        .contains("nessun portachiavi in `"),
                        .contains("indica il file del portachiavi di questo registro con --keyring o REGISTRO_KEYRING"),
                    ],
                    english: [.contains("no keyring at `")])),
            .write("aperto.keyring", contents: "{}"),
            .command(
                LocalisedCommand(
                    [
                        "beneficiary", "find", "--name", "anna", "--keyring", "{folder}/aperto.keyring", "--as",
                        "sw-alfa",
                    ], status: 65,
                    italian: [
                        .contains(
                            "aperto.keyring` è accessibile ad altri utenti di questa macchina; esegui `chmod 600 ")
                    ],
                    english: [.contains("aperto.keyring` is open to other users of this machine")])),
            // A registry sealed under a passphrase, created once.
            .command(
                LocalisedCommand(
                    ["init", "--db", "{folder}/sigillato.db"], runs: [(.italian, [.contains("sigillato.db")])],
                    environment: ["REGISTRO_PASSPHRASE": passphrase], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["user", "totp", "--id", "nessuno", "--db", "{folder}/sigillato.db"], status: 65,
                    italian: [
                        .contains("la passphrase non apre il portachiavi `"),
                        .contains("controlla REGISTRO_PASSPHRASE o digitala di nuovo"),
                    ],
                    english: [.contains("the passphrase does not open the keyring `")],
                    environment: ["REGISTRO_PASSPHRASE": "un'altra passphrase lunga"], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["user", "totp", "--id", "nessuno", "--db", "{folder}/sigillato.db"], status: 64,
                    italian: [
                        .contains(
                            "il portachiavi è sigillato da una passphrase; imposta REGISTRO_PASSPHRASE o esegui il "
                                + "comando da un terminale")
                    ],
                    english: [.contains("the keyring is sealed under a passphrase")], withDatabase: false)),
        ])

    static let accountsAndSetUp = LocalisedCase(
        title: "accounts and who sets up in Italian: a password too short, a user without one, --as refused by "
            + "operator commands, a user setting up, an admin acting on another organisation",
        start: .network,
        steps: [
            .command(
                LocalisedCommand(
                    ["user", "password", "--id", "sw-alfa"], status: 65,
                    italian: [.contains("la password non va bene: usane una di almeno 10 caratteri")],
                    english: [.contains("the password is not acceptable: use at least 10 characters")])),
            .command(
                LocalisedCommand(
                    ["user", "totp", "--id", "sw-alfa"], status: 65,
                    italian: [.contains("l'utente `sw-alfa` non ha ancora una password; impostala prima")],
                    english: [.contains("the user `sw-alfa` has no password yet")])),
            .command(
                LocalisedCommand(
                    ["user", "totp", "--id", "nessuno"], status: 65,
                    italian: [.contains("nessun utente `nessuno` in questo registro")],
                    english: [.contains("no user `nessuno` in this registry; check the id")])),
            .command(
                LocalisedCommand(
                    ["user", "totp", "--id", "sw-alfa", "--as", "admin"], status: 64,
                    italian: [
                        .contains(
                            "--as: questo comando non agisce per conto di un utente ma come operatore del registro"),
                        .contains("togli --as"),
                    ],
                    english: [.contains("--as: this command acts for no user")])),
            .command(
                LocalisedCommand(
                    ["serve", "--listen", "dappertutto"], status: 64,
                    italian: [.contains("--listen: scrivi l'indirizzo come HOST:PORTA, per esempio 127.0.0.1:8080")],
                    english: [.contains("--listen: write the address as HOST:PORT")])),
            .command(
                LocalisedCommand(
                    ["network", "add", "--id", "rete2", "--name", "Rete 2", "--as", "admin"], status: 77,
                    italian: [
                        .contains("reti e organizzazioni le configura l'operatore del registro"),
                        .contains("`admin` non può farlo"),
                    ],
                    english: [.contains("networks and organisations are set up by the registry's operator")])),
            .command(
                LocalisedCommand(
                    [
                        "user", "add", "--id", "lverdi", "--name", "L", "--org", "beta", "--role", "social_worker",
                        "--as",
                        "admin",
                    ],
                    status: 77,
                    italian: [
                        .contains(
                            "solo un amministratore di `beta` può cambiarne gli utenti; `admin` ha il ruolo di "
                                + "amministratore in `alfa`")
                    ],
                    english: [.contains("only an admin of `beta` may change its users")])),
            .command(
                LocalisedCommand(
                    orgAdd + ["--id", "alfa"], status: 65,
                    italian: [.contains("--id: esiste già un'organizzazione `alfa`; scegli un altro identificativo")],
                    english: [.contains("--id: an organisation `alfa` exists already")])),
            .command(
                LocalisedCommand(
                    ["org", "add", "--id", "gamma", "--name", "Ente", "--kind", "ets", "--axes", "mare"], status: 65,
                    italian: [.contains("--axes: `mare` non è un asse del nomenclatore dei servizi; usa uno tra ")],
                    english: [.contains("--axes: `mare` is not an axis of the service nomenclature")])),
            .command(
                LocalisedCommand(
                    ["user", "add", "--id", "lverdi", "--name", "L", "--org", "zeta", "--role", "admin"], status: 65,
                    italian: [
                        .contains("--org: nessuna organizzazione `zeta`; aggiungila prima con `registro org add`")
                    ],
                    english: [.contains("--org: no organisation `zeta`; add it with `registro org add` first")])),
            .command(
                LocalisedCommand(
                    ["user", "add", "--id", "lverdi", "--name", "L", "--org", "alfa", "--role", "capo"], status: 65,
                    italian: [.contains("--role: `capo` non è tra i valori ammessi; usa uno tra social_worker")],
                    english: [.contains("--role: `capo` is not one of social_worker")])),
        ])

    /// An organisation added by the operator, without its id.
    static let orgAdd = ["org", "add", "--name", "Ente", "--kind", "ets", "--territory", "asti", "--axes", "lavoro"]

    static let lookupsIdsAndFormats = LocalisedCase(
        title: "a lookup refused, malformed ids, control characters, a text too long and --format refusals in "
            + "Italian; in English with LANG=C",
        start: .network,
        steps: [
            .succeed([
                "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", "NRENNA85T50A479E",
                "--as", "sw-beta",
            ]),
            // Admins do not look people up; alfa's is not told whether beta serves the person.
            .command(
                LocalisedCommand(
                    ["beneficiary", "find", "--cf", "NRENNA85T50A479E", "--as", "admin"], status: 77,
                    italian: [.contains("`admin` (amministratore, alfa) non può cercare questo codice fiscale")],
                    english: [.contains("`admin` (admin, alfa) may not look up this codice fiscale")])),
            // An id echoed in a sentence never brings its control characters to the terminal.
            .command(
                LocalisedCommand(
                    ["case", "show", "B\u{1B}[31mX", "--purpose", purpose, "--as", "sw-alfa"], status: 65,
                    italian: [.contains("nessuna persona con il numero `B\\u{1B}[31mX`"), .lacks("\u{1B}")],
                    english: [.contains("`B\\u{1B}[31mX`"), .lacks("\u{1B}")])),
            .command(
                LocalisedCommand(
                    orgAdd + ["--id", "Gamma"], status: 65,
                    italian: [
                        .contains("--id: il carattere 1 non è ammesso; un identificativo usa lettere minuscole")
                    ],
                    english: [.contains("--id: character 1 is not allowed")])),
            .command(
                LocalisedCommand(
                    orgAdd + ["--id", String(repeating: "g", count: 65)], status: 65,
                    italian: [.contains("--id: supera i 64 caratteri; usa un identificativo più corto")],
                    english: [.contains("--id: is longer than 64 characters")])),
            .command(
                LocalisedCommand(
                    ["network", "add", "--id", "rete3", "--name", "Rete\u{1B}3"], status: 65,
                    italian: [.contains("il carattere 5 è un carattere di controllo; toglilo")],
                    english: [.contains("character 5 is a control character; remove it")])),
            .command(
                LocalisedCommand(
                    ["network", "add", "--id", "rete4", "--name", String(repeating: "r", count: 201)], status: 65,
                    italian: [.contains("supera il limite di 200 caratteri; accorcialo")],
                    english: [.contains("is longer than the limit of 200 characters")])),
            .command(
                LocalisedCommand(
                    ["audit", "log", "--since", "ieri", "--as", "dpo"], status: 65,
                    italian: [.contains("--since: non è una data valida")],
                    english: [.contains("--since: ")])),
            .command(
                LocalisedCommand(
                    ["audit", "verify", "--as", "dpo", "--format", "csv"], status: 64,
                    italian: [.contains("--format csv: qui si può scrivere solo table o json")],
                    english: [.contains("--format csv: an audit verification is shown as table or json, not csv")])),
            .command(
                LocalisedCommand(
                    ["audit", "verify", "--as", "dpo", "--format", "xml"], status: 64,
                    italian: [.contains("il valore `xml` non va bene per `--format`: usa table o json")],
                    english: [.contains("give table or json")])),
        ])

    /// The repository's own policies, for the `policy` commands.
    static let policies = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Policies").path

    static let policyCommandsAndDemo = LocalisedCase(
        title: "policy check and test, their failures, and demo's summary in Italian; English with LANG=C",
        start: .network,
        steps: [
            .command(
                LocalisedCommand(
                    ["policy", "check", "--dir", policies],
                    italian: [.contains(" policy in "), .ends(" file: nessun problema")],
                    english: [.contains(" policies in "), .ends(": no problem")], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["policy", "test", "--dir", policies],
                    italian: [.contains(" casi in "), .ends(" file di test: passano tutti")],
                    english: [.ends(" test files: all pass")], withDatabase: false)),
            .write("rotta.cedar", contents: "permit (principal, action, resource) when { nonsense"),
            .command(
                LocalisedCommand(
                    ["policy", "check", "--dir", "{folder}"], status: 1,
                    italian: [.contains(" in `"), .contains("`; correggil")],
                    english: [.lacks("correggil")], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["policy", "eval", "--policies", "{folder}/rotta.cedar", "--entities", "e.json"], status: 64,
                    italian: [.contains("indica esattamente una tra `--request FILE` e `--batch FILE.jsonl`")],
                    english: [.contains("give exactly one of `--request FILE` and `--batch FILE.jsonl`")],
                    withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["demo", "--db", "{folder}/piccola.db", "--beneficiaries", "5", "--deliveries", "2"], status: 64,
                    italian: [
                        .contains("--deliveries: devono essere almeno quante le persone, ed entrambe più di zero")
                    ],
                    english: [.contains("--deliveries: must be at least as many as the people")], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["demo", "--db", "{folder}/demo-it.db", "--beneficiaries", "20", "--deliveries", "40"],
                    runs: [
                        (
                            .italian,
                            [
                                .contains("Account per `registro serve`"), .contains("Demo di Registro: "),
                                .contains("prestazioni, ogni dato personale sigillato"),
                                .contains("Condivisione: in un registro così piccolo"),
                                .contains("Prova poi:"), .contains("Sovrapposizioni (registro report overlaps):"),
                                .lacks("Try next"),
                            ]
                        )
                    ], withDatabase: false)),
            .command(
                LocalisedCommand(
                    ["demo", "--db", "{folder}/demo-en.db", "--beneficiaries", "20", "--deliveries", "40"],
                    runs: [(.english, [.contains("Registro demo: "), .contains("Try next:")])], withDatabase: false)),
        ])
}
