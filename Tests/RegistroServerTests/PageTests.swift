import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistroKit
import RegistroOutput
import RegistroServer
import Testing

@Suite("the web pages: catalogues, accessibility, forms, in process")
struct PageTests {
    /// The package's root folder, for the templates and the page sources.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A URL-encoded form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.map {
                "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&"))
    }

    /// The headers of a form posted from the server's own page.
    static func formHeaders(_ cookie: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [
            .contentType: "application/x-www-form-urlencoded", .origin: "http://localhost",
        ]
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    /// Logs `user` in through the login page; returns the cookie and the CSRF token of the session.
    static func logIn(
        _ client: some TestClientProtocol, _ fixture: ServerFixture, _ user: String
    ) async throws
        -> (cookie: String, csrf: String)
    {
        var fields = [("utente", user), ("password", ServerFixture.password)]
        if user.hasSuffix("privacy_officer") || user.hasSuffix("admin") {
            fields.append(("codice", fixture.code(user)))
        }
        let cookie = try await client.execute(
            uri: "/accedi", method: .post, headers: formHeaders(), body: form(fields)
        ) { response in
            #expect(response.status == .seeOther, "\(response.text)")
            return response.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
        }
        let csrf = try await client.execute(uri: "/inizio", method: .get, headers: [.cookie: cookie]) { response in
            let text = response.text
            guard let range = text.range(of: "name=\"csrf\" value=\"") else { return "" }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return (cookie, csrf)
    }

    /// Every problem of accessibility and policy the page `html` has: the language, inline script
    /// or style, a field without its label, a description pointing nowhere, headings out of order.
    static func problems(of html: String, language: String = "it") -> [String] {
        var problems: [String] = []
        if !html.contains("<html lang=\"\(language)\">") { problems.append("no lang=\"\(language)\"") }
        if html.contains("<script") { problems.append("a <script>") }
        if html.contains(" style=") || html.contains("<style") { problems.append("inline style") }
        let ids = Set(matches(of: #"\sid="([^"]+)""#, in: html))
        let labelled = Set(matches(of: #"<label for="([^"]+)""#, in: html))
        for field in matches(of: #"<(?:input|select|textarea)\b([^>]*)>"#, in: html) {
            if field.contains("type=\"hidden\"") { continue }
            guard let id = matches(of: #"\sid="([^"]+)""#, in: field).first else {
                problems.append("a field without id: \(field)")
                continue
            }
            if !labelled.contains(id) { problems.append("the field `\(id)` has no <label for>") }
        }
        for described in matches(of: #"aria-describedby="([^"]+)""#, in: html) {
            for target in described.split(separator: " ") where !ids.contains(String(target)) {
                problems.append("aria-describedby names `\(target)`, which is not on the page")
            }
        }
        var level = 0
        for heading in matches(of: #"<h([1-6])\b"#, in: html).compactMap({ Int($0) }) {
            if heading > level + 1 { problems.append("a heading h\(heading) after h\(level)") }
            level = heading
        }
        if level == 0 { problems.append("no heading") }
        return problems
    }

    /// The first capture group of every match of `pattern` in `text`.
    static func matches(of pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test("the Italian and English catalogues have the same keys, and every key the pages use")
    func cataloguesAreComplete() throws {
        let italian = try Catalogue.embedded(.italian).strings
        let english = try Catalogue.embedded(.english).strings
        #expect(Set(italian.keys).subtracting(english.keys).isEmpty, "missing in en.json")
        #expect(Set(english.keys).subtracting(italian.keys).isEmpty, "missing in it.json")
        var used = Set<String>()
        let files = try FileManager.default.contentsOfDirectory(
            at: Self.root.appendingPathComponent("Resources/templates"), includingPropertiesForKeys: nil)
        for file in files {
            used.formUnion(
                Self.matches(of: #"\{\{[#^/]?t\.([a-z_]+)\}\}"#, in: try String(contentsOf: file, encoding: .utf8)))
        }
        let sources = try FileManager.default.contentsOfDirectory(
            at: Self.root.appendingPathComponent("Sources/RegistroServer/Pages"), includingPropertiesForKeys: nil)
        for file in sources {
            used.formUnion(
                Self.matches(of: #"catalogue\["([a-z_]+)"\]"#, in: try String(contentsOf: file, encoding: .utf8)))
        }
        used.formUnion(Role.allCases.map { "role_\($0.rawValue)" })
        used.formUnion(CaseCategory.allCases.map { "category_\($0.rawValue)" })
        used.formUnion(ReportMeasure.allCases.map { "measure_\($0.rawValue)" })
        used.formUnion(AuditDecision.allCases.map { "decision_\($0.rawValue)" })
        used.formUnion(["reason_default_deny", "reason_other"])
        used.formUnion(
            ["sensitive-needs-explicit-consent", "privacy-officers-never-read", "restricted-used-by-nobody"]
                .map { "reason_\($0)" })
        #expect(used.count > 50)
        for key in used.sorted() {
            #expect(italian[key] != nil, "it.json lacks `\(key)`")
            #expect(english[key] != nil, "en.json lacks `\(key)`")
        }
    }

    @Test("the language follows Accept-Language's first known tag, Italian by default")
    func languageFromAcceptLanguage() {
        #expect(Language.fromAcceptLanguage("") == .italian)
        #expect(Language.fromAcceptLanguage("en-GB,en;q=0.9") == .english)
        #expect(Language.fromAcceptLanguage("de-DE,it;q=0.5,en;q=0.8") == .english)
        #expect(Language.fromAcceptLanguage("fr") == .italian)
    }

    @Test("dates are written GG/MM/AAAA and decimals with a comma in Italian")
    func italianFormats() throws {
        let italian = try Catalogue.embedded(.italian)
        let english = try Catalogue.embedded(.english)
        #expect(italian.date("2026-03-07") == "07/03/2026")
        let utc = DisplayTime(zone: try #require(TimeZone(identifier: "UTC")))
        #expect(italian.time("2026-03-07T09:15:22Z", in: utc) == "07/03/2026 09:15")
        #expect(italian.number(2.5) == "2,5")
        #expect(english.number(2.5) == "2.5")
        #expect(italian.number(3) == "3")
    }

    @Test("the login page has the fields Utente, Password, Codice di verifica and the button Accedi")
    func loginPage() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/accedi", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains(">Utente</label>"))
                #expect(html.contains(">Password</label>"))
                #expect(html.contains(">Codice di verifica</label>"))
                #expect(html.contains(">Accedi</button>"))
                #expect(Self.problems(of: html).isEmpty, "\(Self.problems(of: html))")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
            try await client.execute(uri: "/accedi", method: .get, headers: [.acceptLanguage: "en-GB,en"]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains(">Log in</button>"))
            }
            try await client.execute(uri: "/static/registro.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            }
        }
    }

    @Test("every page of every role has lang=it, no inline script or style, labelled fields, headings in order")
    func everyPagePassesTheLabelCheck() async throws {
        let fixture = try ServerFixture()
        let person = fixture.consented
        let pagesByRole: [Role: [String]] = [
            .socialWorker: [
                "/inizio", "/persone/cerca", "/persone/nuova",
                "/prestazioni/nuova", "/importa", "/consensi/nuovo", "/persone/\(person)",
            ],
            .coordinator: ["/inizio", "/condivise", "/report", "/report?per=org&misura=deliveries", "/scheda"],
            .privacyOfficer: [
                "/inizio", "/audit", "/audit?persona=\(person)", "/persone/\(person)/diritti", "/emergenze",
            ],
            .admin: ["/inizio", "/utenti"],
        ]
        try await fixture.application().test(.router) { client in
            for (role, paths) in pagesByRole {
                let session = try await Self.logIn(client, fixture, ServerFixture.user("alfa", role))
                for path in paths {
                    try await client.execute(uri: path, method: .get, headers: [.cookie: session.cookie]) { response in
                        #expect(response.status == .ok, "\(path): \(response.status)")
                        let problems = Self.problems(of: response.text)
                        #expect(problems.isEmpty, "\(path): \(problems)")
                        #expect(response.text.contains(">Esci</button>"), "\(path) has no Esci")
                    }
                }
            }
        }
    }

    @Test("a wrong codice fiscale is refused with its reason in Italian, tied to its field, values kept")
    func codiceFiscaleReason() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            try await client.execute(
                uri: "/persone/nuova", method: .post, headers: Self.formHeaders(session.cookie),
                body: Self.form([
                    ("csrf", session.csrf), ("nome", "Mario"), ("cognome", "Rossi"),
                    ("codice_fiscale", "RSSMRA85T10A562A"),
                ])
            ) { response in
                let html = response.text
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("il carattere di controllo non corrisponde"))
                #expect(html.contains("aria-describedby=\"codice_fiscale-error\""))
                #expect(html.contains("id=\"codice_fiscale-error\""))
                #expect(html.contains("value=\"Mario\""))
                #expect(html.contains("value=\"RSSMRA85T10A562A\""))
                #expect(Self.problems(of: html).isEmpty, "\(Self.problems(of: html))")
            }
        }
    }

    @Test("a service form's problems are said in the page's language, each after its field's name")
    func serviceProblemsInItalian() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            try await client.execute(
                uri: "/prestazioni/nuova", method: .post, headers: Self.formHeaders(session.cookie),
                body: Self.form([
                    ("csrf", session.csrf), ("persona", fixture.consented), ("codice_prestazione", "RT.LAV01"),
                    ("data", "31/11/2020"), ("ore", "due"),
                ])
            ) { response in
                let html = response.text
                #expect(response.status == .unprocessableContent)
                #expect(html.contains("Data: quel mese ha meno giorni"))
                #expect(html.contains("Ore: non è un numero di ore valido"))
                #expect(!html.contains("the month has fewer days"))
            }
        }
    }

    @Test("a form posted without the session's CSRF token changes nothing and is refused")
    func formWithoutCSRF() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            let before = try fixture.lastSeq()
            try await client.execute(
                uri: "/persone/nuova", method: .post, headers: Self.formHeaders(session.cookie),
                body: Self.form([("csrf", "not-the-token"), ("nome", "Mario"), ("sesso", "M")])
            ) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try fixture.auditEntries(after: before).allSatisfy { $0.action != "record" })
        }
    }

    @Test("a page asked without a session sends the visitor to the login page")
    func signedOutVisitorGoesToLogin() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/persone/nuova", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/accedi")
            }
        }
    }

    @Test("a partner's view of a shared case file shows the consented sections and says why the others are hidden")
    func sharedCaseFileSaysWhy() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("beta", .socialWorker))
            try await client.execute(
                uri: "/persone/\(fixture.consented)?finalita=\(ServerFixture.purpose)", method: .get,
                headers: [.cookie: session.cookie]
            ) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("Ermenegilda"))
                #expect(html.contains("<dt>Nome</dt>"))
                #expect(html.contains("nessun consenso attivo copre questi dati per questa finalità"))
                #expect(!html.contains("default deny"))
            }
        }
    }

    @Test(
        "a person with no consent answers as one that does not exist, offering emergency access, which opens the case")
    func emergencyAccessThroughThePages() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("beta", .socialWorker))
            var answers: [String] = []
            for id in [fixture.unshared, "NONESISTE0000"] {
                try await client.execute(uri: "/persone/\(id)", method: .get, headers: [.cookie: session.cookie]) {
                    response in
                    #expect(response.status == .notFound)
                    #expect(response.text.contains(">Apri con accesso di emergenza</button>"))
                    #expect(Self.problems(of: response.text).isEmpty, "\(Self.problems(of: response.text))")
                    answers.append(response.text.replacingOccurrences(of: id, with: "ID"))
                }
            }
            #expect(answers[0] == answers[1])
            try await client.execute(
                uri: "/persone/\(fixture.unshared)/emergenza", method: .post, headers: Self.formHeaders(session.cookie),
                body: Self.form([
                    ("csrf", session.csrf), ("finalita", ServerFixture.purpose),
                    ("motivo", "persona senza dimora in pericolo stanotte, serve il contatto"),
                ])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Gualtiero"))
            }
        }
    }

    @Test("restriction waits for its confirmation step, then blocks the person's case file to their own organisation")
    func restrictionWithConfirmation() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let officer = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .privacyOfficer))
            let worker = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            let path = "/persone/\(fixture.consented)"
            try await client.execute(
                uri: "\(path)/limita", method: .post, headers: Self.formHeaders(officer.cookie),
                body: Self.form([("csrf", officer.csrf), ("motivo-limita", "la persona contesta l'esattezza dei dati")])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(">Confermo</button>"))
                #expect(Self.problems(of: response.text).isEmpty, "\(Self.problems(of: response.text))")
            }
            try await client.execute(uri: path, method: .get, headers: [.cookie: worker.cookie]) { response in
                #expect(response.status == .ok, "nothing is restricted before the confirmation")
            }
            try await client.execute(
                uri: "\(path)/limita", method: .post, headers: Self.formHeaders(officer.cookie),
                body: Self.form([
                    ("csrf", officer.csrf), ("conferma", "si"), ("motivo", "la persona contesta l'esattezza dei dati"),
                ])
            ) { response in
                #expect(response.text.contains("ora limitato"))
            }
            try await client.execute(uri: path, method: .get, headers: [.cookie: worker.cookie]) { response in
                #expect(!response.text.contains("Ermenegilda"))
            }
        }
    }

    @Test("a privacy officer's first login shows the authenticator's secret in groups of four and the recovery codes")
    func enrolmentAtFirstLogin() async throws {
        let fixture = try ServerFixture()
        let id = "alfa-nuovo-dpo"
        try fixture.registry.session(as: ServerFixture.user("alfa", .admin)).organisations.addUser(
            Operator(id: id, name: "Nuovo responsabile", org: "alfa", role: .privacyOfficer))
        try fixture.accounts.setPassword(ServerFixture.password, for: id)
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/accedi", method: .post, headers: Self.formHeaders(),
                body: Self.form([("utente", id), ("password", ServerFixture.password)])
            ) { response in
                let html = response.text
                #expect(response.status == .unauthorized)
                #expect(html.contains("Configura l&#39;app di autenticazione") || html.contains("Configura l'app"))
                let groups = Self.matches(of: #"<span>([A-Z2-7]+)</span>"#, in: html)
                #expect(groups.count >= 4)
                #expect(groups.dropLast().allSatisfy { $0.count == 4 })
                #expect(html.contains("<figure class=\"qr\"><svg xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(html.contains(">Codice di verifica</label>"))
                #expect(Self.problems(of: html).isEmpty, "\(Self.problems(of: html))")
            }
        }
    }

    @Test("a search by codice fiscale is posted, finds the person, and the language switch is kept in a cookie")
    func searchAndLanguageSwitch() async throws {
        let fixture = try ServerFixture()
        let codiceFiscale = "RSSMRA85T10A562S"
        var person = BeneficiaryFields()
        person.givenName = "Mario"
        person.familyName = "Rossi"
        person.sex = "M"
        person.codiceFiscale = codiceFiscale
        let id = try fixture.registry.session(as: ServerFixture.user("alfa", .socialWorker)).records.addBeneficiary(
            person)
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            try await client.execute(
                uri: "/persone/cerca", method: .post, headers: Self.formHeaders(session.cookie),
                body: Self.form([("csrf", session.csrf), ("codice_fiscale", codiceFiscale)])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/persone/\(id)\""))
                #expect(Self.problems(of: response.text).isEmpty, "\(Self.problems(of: response.text))")
            }
            let languageCookie = try await client.execute(
                uri: "/inizio?lang=en", method: .get, headers: [.cookie: session.cookie]
            ) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                return response.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
            }
            #expect(languageCookie == "registro_lang=en")
            try await client.execute(
                uri: "/persone/nuova", method: .get, headers: [.cookie: "\(session.cookie); \(languageCookie)"]
            ) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains(">Given name</label>"))
                #expect(Self.problems(of: response.text, language: "en").isEmpty)
            }
        }
    }
}
