import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RegistroKit
import RegistroServer
import RegistroTestSupport
import Testing

@Suite("the warning before a session expires, and the forms posted after it")
struct SessionExpiryPageTests {
    static let notes = "colloquio lungo: la signora chiede aiuto per l'affitto di marzo e per la scuola del figlio"

    /// The new-person form, as posted from its page with `csrf`.
    static func personForm(_ csrf: String) -> ByteBuffer {
        PageTests.form([("csrf", csrf), ("nome", "Mario"), ("cognome", "Rossi"), ("sesso", "M"), ("note", notes)])
    }

    /// Posts `body` to the new-person form with `cookie`, as from that page, and returns where
    /// the server sends the browser next.
    static func postNewPerson(
        _ client: some TestClientProtocol, cookie: String, _ body: ByteBuffer
    ) async throws -> String? {
        try await client.execute(
            uri: "/persone/nuova", method: .post, headers: headers(cookie, from: "/persone/nuova"), body: body
        ) { response in
            #expect(response.status == .seeOther)
            return response.headers[.location]
        }
    }

    /// The headers of a form posted from the page `path` of the server.
    static func headers(_ cookie: String, from path: String) -> HTTPFields {
        var headers = PageTests.formHeaders(cookie)
        headers[.referer] = "http://localhost\(path)"
        return headers
    }

    @Test("each signed-in page says when the session expires if idle, and the stylesheet shows the warning before")
    func pagesSayWhenTheSessionExpires() async throws {
        let fixture = try ServerFixture { $0.accountRules.sessionIdleTimeout = 20 * 60 }
        try await fixture.application().test(.router) { client in
            let session = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .socialWorker))
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: session.cookie]) {
                response in
                let expected = fixture.clock.now.addingTimeInterval(20 * 60)
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = .current
                let time = String(
                    format: "%02d:%02d", calendar.component(.hour, from: expected),
                    calendar.component(.minute, from: expected))
                #expect(response.text.contains("La sessione scade alle \(time) se non usi il registro."))
                #expect(response.text.contains("class=\"session-warning\" role=\"alert\""))
                #expect(PageTests.problems(of: response.text).isEmpty, "\(PageTests.problems(of: response.text))")
            }
            try await client.execute(uri: "/static/registro.css", method: .get) { response in
                // 20 minutes idle, the warning 5 minutes before: after 15 minutes on the page.
                #expect(
                    response.text.contains(".session-warning { animation: registro-session-warning 1ms linear 900s"))
            }
        }
    }

    @Test("a form posted after the session expired is kept, and comes back filled after logging in again")
    func formPostedAfterExpiryComesBackAfterLogin() async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", .socialWorker)
        try await fixture.application().test(.router) { client in
            let old = try await PageTests.logIn(client, fixture, user)
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: old.cookie]) { _ in }
            fixture.clock.advance(31 * 60)
            let before = try fixture.lastSeq()
            #expect(
                try await Self.postNewPerson(client, cookie: old.cookie, Self.personForm(old.csrf))
                    == "/accedi?modulo=conservato")
            #expect(try fixture.auditEntries(after: before).allSatisfy { $0.action != "record" }, "nothing was saved")
            try await client.execute(uri: "/accedi?modulo=conservato", method: .get) { response in
                #expect(response.text.contains("quanto hai scritto è conservato"))
                #expect(!response.text.contains(Self.notes), "the login page shows nothing typed")
            }
            let fresh = try await client.execute(
                uri: "/accedi", method: .post, headers: PageTests.formHeaders(),
                body: PageTests.form([("utente", user), ("password", ServerFixture.password)])
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/persone/nuova")
                return response.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
            }
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: fresh]) { response in
                let html = response.text
                #expect(html.contains("value=\"Mario\""))
                #expect(
                    html.contains(Self.notes.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(Self.notes))
                #expect(html.contains("prima che la sessione scadesse"))
                #expect(PageTests.problems(of: html).isEmpty, "\(PageTests.problems(of: html))")
            }
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: fresh]) { response in
                #expect(!response.text.contains("value=\"Mario\""), "the form comes back once")
            }
        }
    }

    @Test("a form posted after the session expired is kept though the server restarted while the user typed")
    func formIsKeptAcrossARestartOfTheServer() async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", .socialWorker)
        let old = try await fixture.application().test(.router) { client in
            let old = try await PageTests.logIn(client, fixture, user)
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: old.cookie]) { _ in }
            return old
        }
        fixture.clock.advance(31 * 60)
        // A new application over the same registry: the server restarted, and another user logged in first.
        try await fixture.application().test(.router) { client in
            _ = try await PageTests.logIn(client, fixture, ServerFixture.user("alfa", .coordinator))
            #expect(
                try await Self.postNewPerson(client, cookie: old.cookie, Self.personForm(old.csrf))
                    == "/accedi?modulo=conservato")
            let fresh = try await client.execute(
                uri: "/accedi", method: .post, headers: PageTests.formHeaders(),
                body: PageTests.form([("utente", user), ("password", ServerFixture.password)])
            ) { response in
                #expect(response.headers[.location] == "/persone/nuova")
                return response.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
            }
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: fresh]) { response in
                #expect(response.text.contains("value=\"Mario\""))
            }
        }
    }

    @Test("a form posted on a session its user logged out of, or unused for a session's lifetime, is not kept")
    func formOfAnEndedSessionIsNotKept() async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", .socialWorker)
        try await fixture.application().test(.router) { client in
            let loggedOut = try await PageTests.logIn(client, fixture, user)
            try await client.execute(
                uri: "/esci", method: .post, headers: Self.headers(loggedOut.cookie, from: "/inizio"),
                body: PageTests.form([("csrf", loggedOut.csrf)])
            ) { #expect($0.status == .seeOther) }
            #expect(
                try await Self.postNewPerson(client, cookie: loggedOut.cookie, Self.personForm(loggedOut.csrf))
                    == "/accedi")
            let forgotten = try await PageTests.logIn(client, fixture, user)
            fixture.clock.advance(fixture.settings.accountRules.sessionLifetime + 60)
            #expect(
                try await Self.postNewPerson(client, cookie: forgotten.cookie, Self.personForm(forgotten.csrf))
                    == "/accedi")
        }
    }

    @Test("a kept form goes back to its own user only, and a post without its session's CSRF token is not kept")
    func keptFormIsTiedToItsUser() async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", .socialWorker)
        let other = ServerFixture.user("alfa", .coordinator)
        try await fixture.application().test(.router) { client in
            let old = try await PageTests.logIn(client, fixture, user)
            fixture.clock.advance(31 * 60)
            #expect(
                try await Self.postNewPerson(client, cookie: old.cookie, Self.personForm("not-the-token")) == "/accedi")
            #expect(
                try await Self.postNewPerson(client, cookie: old.cookie, Self.personForm(old.csrf))
                    == "/accedi?modulo=conservato")
            try await client.execute(
                uri: "/persone/cerca", method: .post, headers: Self.headers(old.cookie, from: "/persone/cerca"),
                body: PageTests.form([("csrf", old.csrf), ("codice_fiscale", "RSSMRA85T10A562S")])
            ) { response in
                #expect(response.headers[.location] == "/accedi", "a search is not a form kept")
            }
            let otherSession = try await PageTests.logIn(client, fixture, other)
            try await client.execute(uri: "/persone/nuova", method: .get, headers: [.cookie: otherSession.cookie]) {
                response in
                #expect(!response.text.contains("value=\"Mario\""))
            }
        }
    }

    @Test("a kept form is bounded: one larger than 64 KiB is not kept, and one not claimed within an hour is gone")
    func keptFormsAreBounded() async throws {
        let fixture = try ServerFixture()
        let user = ServerFixture.user("alfa", .socialWorker)
        try await fixture.application().test(.router) { client in
            let old = try await PageTests.logIn(client, fixture, user)
            fixture.clock.advance(31 * 60)
            #expect(
                try await Self.postNewPerson(
                    client, cookie: old.cookie,
                    PageTests.form([("csrf", old.csrf), ("note", String(repeating: "a", count: 70 * 1024))]))
                    == "/accedi")
            #expect(
                try await Self.postNewPerson(client, cookie: old.cookie, Self.personForm(old.csrf))
                    == "/accedi?modulo=conservato")
            fixture.clock.advance(61 * 60)
            try await client.execute(
                uri: "/accedi", method: .post, headers: PageTests.formHeaders(),
                body: PageTests.form([("utente", user), ("password", ServerFixture.password)])
            ) { response in
                #expect(response.headers[.location] == "/inizio", "the kept form expired after an hour")
            }
        }
    }
}
