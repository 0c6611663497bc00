import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistroKit
import RegistroServer
import RegistroTestSupport
import Testing

@Suite("logging in, sessions, CSRF and tokens, in process")
struct LoginTests {
    static let worker = ServerFixture.user("alfa", .socialWorker)
    static let officer = ServerFixture.user("alfa", .privacyOfficer)

    /// The headers of a same-origin request by cookie.
    static func cookieHeaders(_ cookie: String, csrf: String? = nil, origin: String? = "http://localhost") -> HTTPFields
    {
        var headers: HTTPFields = [.cookie: cookie]
        if let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        if let origin { headers[.origin] = origin }
        return headers
    }

    /// Logs in and returns the cookie (`name=value`) and the CSRF token.
    static func logIn(
        _ client: some TestClientProtocol, _ body: [String: Any]
    ) async throws -> (
        cookie: String, csrf: String
    ) {
        try await client.execute(uri: "/api/session", method: .post, body: jsonBody(body)) { response in
            #expect(response.status == .ok, "\(response.text)")
            let cookie = response.headers[.setCookie]?.split(separator: ";").first.map(String.init) ?? ""
            return (cookie, response.json["csrf"] as? String ?? "")
        }
    }

    @Test("a login answers who logged in and sets an HttpOnly, SameSite=Strict session cookie")
    func loginSetsTheCookie() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": Self.worker, "password": ServerFixture.password])
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["user"] as? String == Self.worker)
                #expect(response.json["org"] as? String == "alfa")
                #expect(response.json["role"] as? String == "social_worker")
                #expect((response.json["csrf"] as? String)?.count == 64)
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.hasPrefix("registro_session="))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
                #expect(!cookie.contains("Secure"))
            }
        }
    }

    @Test("a login posted from another site's page is refused")
    func crossSiteLogin() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/session", method: .post, headers: [.origin: "http://evil.example"],
                body: jsonBody(["user": Self.worker, "password": ServerFixture.password])
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test("an unknown user and a wrong password get the same status and body")
    func unknownUserLikeWrongPassword() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let unknown = try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": "nessuno", "password": ServerFixture.password])
            ) { ($0.status, $0.text) }
            let wrong = try await client.execute(
                uri: "/api/session", method: .post, body: jsonBody(["user": Self.worker, "password": "sbagliata!!"])
            ) { ($0.status, $0.text) }
            #expect(unknown.0 == .unauthorized)
            #expect(unknown.0 == wrong.0)
            #expect(unknown.1 == wrong.1)
        }
    }

    @Test("five wrong passwords in a row lock the account: the right one then gets 429")
    func lockout() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/api/session", method: .post,
                    body: jsonBody(["user": Self.worker, "password": "sbagliata!!"])
                ) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": Self.worker, "password": ServerFixture.password])
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.json["error"] as? String == "locked")
            }
        }
    }

    @Test("a privacy officer cannot log in without a TOTP code; a code one step late works once")
    func totpDriftAndReplay() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": Self.officer, "password": ServerFixture.password])
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.json["error"] as? String == "totp_required")
                #expect(response.headers[.setCookie] == nil)
            }
            let late = fixture.code(Self.officer, stepOffset: -1)
            _ = try await Self.logIn(client, ["user": Self.officer, "password": ServerFixture.password, "totp": late])
            try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": Self.officer, "password": ServerFixture.password, "totp": late])
            ) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("an admin without an authenticator is given one at the first login, and its code completes the login")
    func enrolmentAtFirstLogin() async throws {
        let fixture = try ServerFixture()
        try fixture.registry.session(as: ServerFixture.user("alfa", .admin)).organisations.addUser(
            Operator(id: "nuovo-admin", name: "Nuovo", org: "alfa", role: .admin))
        try fixture.accounts.setPassword(ServerFixture.password, for: "nuovo-admin")
        try await fixture.application().test(.router) { client in
            let secret = try await client.execute(
                uri: "/api/session", method: .post,
                body: jsonBody(["user": "nuovo-admin", "password": ServerFixture.password])
            ) { response -> String in
                #expect(response.status == .forbidden)
                #expect(response.json["error"] as? String == "totp_enrolment_required")
                #expect((response.json["otpauth"] as? String)?.hasPrefix("otpauth://totp/") == true)
                #expect((response.json["recovery_codes"] as? [String])?.count == Accounts.recoveryCodeCount)
                return response.json["secret"] as? String ?? ""
            }
            let code = TOTP(base32Secret: secret).code(atStep: TOTP.step(at: fixture.clock.now))
            _ = try await Self.logIn(client, ["user": "nuovo-admin", "password": ServerFixture.password, "totp": code])
        }
    }

    @Test("a recovery code logs in once")
    func recoveryCode() async throws {
        let fixture = try ServerFixture()
        let codes = try fixture.accounts.enrolTOTP(for: Self.officer).recoveryCodes
        try await fixture.application().test(.router) { client in
            let body: [String: Any] = ["user": Self.officer, "password": ServerFixture.password, "totp": codes[0]]
            _ = try await Self.logIn(client, body)
            try await client.execute(uri: "/api/session", method: .post, body: jsonBody(body)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("logout ends the session on the server: the same cookie then gets 401")
    func logout() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, ["user": Self.worker, "password": ServerFixture.password])
            try await client.execute(uri: "/api/me", method: .get, headers: Self.cookieHeaders(session.cookie)) {
                #expect($0.status == .ok)
                #expect($0.json["user"] as? String == Self.worker)
            }
            try await client.execute(
                uri: "/api/session", method: .delete, headers: Self.cookieHeaders(session.cookie, csrf: session.csrf)
            ) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/me", method: .get, headers: Self.cookieHeaders(session.cookie)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a session unused for 30 minutes ends")
    func idleExpiry() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, ["user": Self.worker, "password": ServerFixture.password])
            fixture.clock.advance(31 * 60)
            try await client.execute(uri: "/api/me", method: .get, headers: Self.cookieHeaders(session.cookie)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a state-changing cookie request without the CSRF token, or from another origin, gets 403")
    func csrfAndOrigin() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let session = try await Self.logIn(client, ["user": Self.worker, "password": ServerFixture.password])
            let body = jsonBody(["name": "script", "expires_in_days": 5])
            let refusals: [(HTTPFields, String)] = [
                (Self.cookieHeaders(session.cookie), "csrf"),
                (Self.cookieHeaders(session.cookie, csrf: String(repeating: "0", count: 64)), "csrf"),
                (Self.cookieHeaders(session.cookie, csrf: session.csrf, origin: nil), "cross_origin"),
                (Self.cookieHeaders(session.cookie, csrf: session.csrf, origin: "http://evil.example"), "cross_origin"),
            ]
            for (headers, slug) in refusals {
                try await client.execute(uri: "/api/tokens", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.json["error"] as? String == slug)
                }
            }
            try await client.execute(
                uri: "/api/tokens", method: .post, headers: Self.cookieHeaders(session.cookie, csrf: session.csrf),
                body: body
            ) { #expect($0.status == .created) }
            // A form carries the token as the field `csrf` instead: accepted (and the body still
            // reaches the route, which wants JSON), refused when the field is wrong.
            var form = Self.cookieHeaders(session.cookie)
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(
                uri: "/api/tokens", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(session.csrf)&name=x")
            ) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["message"] as? String)?.contains("one JSON object") == true, "\(response.text)")
            }
            try await client.execute(
                uri: "/api/tokens", method: .post, headers: form, body: ByteBuffer(string: "csrf=nope&name=x")
            ) { #expect($0.status == .forbidden) }
            #expect(
                try fixture.accounts.apiTokens(of: try fixture.registry.session(as: Self.worker).user).count == 1)
        }
    }

    @Test("an API token works until its owner revokes it; another user cannot revoke it")
    func tokenRevocation() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(Self.worker)
        let other = try fixture.token(ServerFixture.user("alfa", .coordinator))
        try await fixture.application().test(.router) { client in
            let id = try await client.execute(
                uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response -> String in
                #expect(response.status == .ok)
                return response.json["token_id"] as? String ?? ""
            }
            try await client.execute(
                uri: "/api/tokens/\(id)", method: .delete, headers: [.authorization: "Bearer \(other)"]
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/tokens/\(id)", method: .delete, headers: [.authorization: "Bearer \(token)"]
            ) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("a new token is shown once: listing shows its id and name, never the token")
    func tokenShownOnce() async throws {
        let fixture = try ServerFixture()
        let bearer = try fixture.token(Self.worker)
        try await fixture.application().test(.router) { client in
            let created = try await client.execute(
                uri: "/api/tokens", method: .post, headers: [.authorization: "Bearer \(bearer)"],
                body: jsonBody(["name": "nightly", "expires_in_days": 7])
            ) { response -> String in
                #expect(response.status == .created)
                return response.json["token"] as? String ?? ""
            }
            try await client.execute(uri: "/api/tokens", method: .get, headers: [.authorization: "Bearer \(bearer)"]) {
                response in
                #expect(response.status == .ok)
                #expect(response.text.contains("nightly"))
                #expect(!response.text.contains(created))
                #expect(!response.text.contains(bearer))
            }
        }
    }
}
