import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import RegistroKit
import RegistroServer
import Testing

@Suite("the API's routes: authentication everywhere, the OpenAPI description, headers and limits")
struct RouteTests {
    /// The router's routes as `METHOD /path/{param}`.
    static func routerRoutes(_ fixture: ServerFixture) -> Set<String> {
        let router = buildRouter(calls: fixture.calls, settings: fixture.settings, logger: Logger(label: "test"))
        return Set(
            router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }
                return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
            })
    }

    /// The operations of the served OpenAPI document as `METHOD /path`.
    static func describedRoutes(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test("every /api/ route but the login answers 401 without a session or token")
    func everyRouteNeedsAuthentication() async throws {
        let fixture = try ServerFixture()
        let routes = Self.routerRoutes(fixture).filter { $0.contains(" /api/") && $0 != "POST /api/session" }
        #expect(routes.count >= 15)
        try await fixture.application().test(.router) { client in
            for route in routes.sorted() {
                let parts = route.split(separator: " ")
                let uri = parts[1].replacingOccurrences(of: "{id}", with: fixture.consented)
                try await client.execute(uri: uri, method: HTTPRequest.Method(String(parts[0]))!) { response in
                    #expect(response.status == .unauthorized, "\(route)")
                    #expect(response.json["error"] as? String == "unauthenticated", "\(route)")
                }
                try await client.execute(
                    uri: uri, method: HTTPRequest.Method(String(parts[0]))!,
                    headers: [.authorization: "Bearer rgt_not-a-token", .cookie: "registro_session=forged"]
                ) { response in
                    #expect(response.status == .unauthorized, "\(route) with forged credentials")
                }
            }
        }
    }

    @Test("the OpenAPI document describes every route the router has, and nothing else")
    func openAPIMatchesTheRouter() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(ServerFixture.user("alfa", .socialWorker))
        try await fixture.application().test(.router) { client in
            try await client.execute(
                uri: "/api/openapi.json", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) {
                response in
                #expect(response.status == .ok)
                #expect(response.json["openapi"] as? String == "3.1.0")
                // The OpenAPI document describes the API and /health, not the web pages.
                let apiRoutes = Self.routerRoutes(fixture).filter { $0.contains(" /api/") || $0.hasSuffix(" /health") }
                #expect(Self.describedRoutes(response.json) == apiRoutes)
            }
        }
    }

    @Test("every response carries the security headers, errors and unknown routes included; no HSTS without TLS")
    func securityHeaders() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            for (uri, status) in [
                ("/health", HTTPResponse.Status.ok), ("/api/me", .unauthorized), ("/nowhere", .notFound),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'; frame-ancestors 'none'")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(response.headers[.strictTransportSecurity] == nil)
                    #expect(response.json["error"] != nil || status == .ok)
                }
            }
        }
    }

    @Test("each security header comes once; a page keeps its same-origin referrer policy; under TLS, HSTS too")
    func securityHeadersOnce() async throws {
        let fixture = try ServerFixture()
        let referrer = HTTPField.Name("Referrer-Policy")!
        let names: [HTTPField.Name] = [.contentSecurityPolicy, .xContentTypeOptions, .cacheControl, referrer]
        for usesTLS in [false, true] {
            var settings = fixture.settings
            if usesTLS { settings.tls = ("cert.pem", "key.pem") }
            var logger = Logger(label: "registro-test")
            logger.logLevel = .warning
            let router = buildRouter(calls: fixture.calls, settings: settings, logger: logger)
            try await Application(router: router).test(.router) { client in
                for (uri, policy) in [("/health", "no-referrer"), ("/accedi", "same-origin")] {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect(response.status == .ok, "\(uri)")
                        for name in names + (usesTLS ? [.strictTransportSecurity] : []) {
                            #expect(response.headers[values: name].count == 1, "\(uri) \(name)")
                        }
                        #expect(response.headers[referrer] == policy, "\(uri)")
                        #expect((response.headers[.strictTransportSecurity] != nil) == usesTLS, "\(uri)")
                    }
                }
            }
        }
    }

    @Test("a method a route does not take gets 405 naming the ones it takes; an unknown path gets 404")
    func methodNotAllowed() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/audit", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
                #expect(response.json["error"] as? String == "method_not_allowed")
            }
            try await client.execute(uri: "/api/cases/B123/emergency", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/api/nowhere", method: .put) { #expect($0.status == .notFound) }
        }
    }

    @Test("a user id that cannot be one is answered 404, never 500, whoever asks")
    func unusableUserID() async throws {
        let fixture = try ServerFixture()
        for role in [Role.socialWorker, .admin] {
            let token = try fixture.token(ServerFixture.user("alfa", role))
            try await fixture.application().test(.router) { client in
                for action in ["password", "disable"] {
                    try await client.execute(
                        uri: "/api/users/%C3%92X/\(action)", method: .post, headers: [.authorization: "Bearer \(token)"]
                    ) { #expect($0.status == .notFound, "\(role) \(action): \($0.text)") }
                }
            }
        }
    }

    @Test("a request that waits for the registry longer than the limit gets 503")
    func timeLimit() async throws {
        let fixture = try ServerFixture { $0.requestTimeout = .nanoseconds(1) }
        let token = try fixture.token(ServerFixture.user("alfa", .socialWorker))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/me", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.json["error"] as? String == "timeout")
            }
        }
    }

    @Test("a JSON body over the limit gets 413 and changes nothing")
    func bodyLimit() async throws {
        let fixture = try ServerFixture { $0.maximumJSONBytes = 1024 }
        let token = try fixture.token(ServerFixture.user("alfa", .socialWorker))
        let before = try fixture.lastSeq()
        try await fixture.application().test(.router) { client in
            let notes = String(repeating: "x", count: 4096)
            try await client.execute(
                uri: "/api/beneficiaries", method: .post, headers: [.authorization: "Bearer \(token)"],
                body: jsonBody(["given_name": "A", "family_name": "B", "sex": "F", "notes": notes])
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json["error"] as? String == "too_large")
            }
        }
        #expect(try fixture.auditEntries(after: before).isEmpty)
    }

    @Test("bad input gets 400 or 422 with one sentence naming the key, and records nothing")
    func badInput() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(ServerFixture.user("alfa", .socialWorker))
        try await fixture.application().test(.router) { client in
            let cases: [(String, String, ByteBuffer, HTTPResponse.Status)] = [
                ("/api/beneficiaries", "not json", ByteBuffer(string: "{"), .badRequest),
                ("/api/beneficiaries", "unknown key", jsonBody(["nome": "A"]), .badRequest),
                ("/api/beneficiaries", "wrong type", jsonBody(["given_name": 3]), .badRequest),
                (
                    "/api/beneficiaries", "invalid cf",
                    jsonBody([
                        "given_name": "A", "family_name": "B", "sex": "F",
                        "codice_fiscale": "RSSMRA85T50A479X",
                    ]), .unprocessableContent
                ),
                ("/api/deliveries", "missing key", jsonBody(["service_code": "x"]), .badRequest),
            ]
            for (uri, what, body, status) in cases {
                try await client.execute(
                    uri: uri, method: .post, headers: [.authorization: "Bearer \(token)"], body: body
                ) {
                    response in
                    #expect(response.status == status, "\(what): \(response.text)")
                    #expect((response.json["message"] as? String)?.contains("\n") == false, "\(what)")
                }
            }
        }
    }

    @Test("a beneficiary recorded through the API is found by codice fiscale, its case read by its owner")
    func recordFindRead() async throws {
        let fixture = try ServerFixture()
        let token = try fixture.token(ServerFixture.user("alfa", .socialWorker))
        let headers: HTTPFields = [.authorization: "Bearer \(token)"]
        let cf = "NRENNA85T50A479E"
        try await fixture.application().test(.router) { client in
            let id = try await client.execute(
                uri: "/api/beneficiaries", method: .post, headers: headers,
                body: jsonBody([
                    "given_name": "Anna", "family_name": "Neri", "codice_fiscale": cf,
                    "vulnerabilities": ["disoccupazione"],
                ])
            ) { response -> String in
                #expect(response.status == .created, "\(response.text)")
                return response.json["id"] as? String ?? ""
            }
            try await client.execute(uri: "/api/beneficiaries?cf=\(cf)", method: .get, headers: headers) {
                #expect($0.json["id"] as? String == id)
            }
            try await client.execute(
                uri: "/api/deliveries", method: .post, headers: headers,
                body: jsonBody(["beneficiary": id, "service_code": "RT.LAV01", "date": "2020-03-02", "hours": 1.5])
            ) { #expect($0.status == .created, "\($0.text)") }
            try await client.execute(
                uri: "/api/cases/\(id)?purpose=\(ServerFixture.purpose)", method: .get, headers: headers
            ) {
                response in
                #expect(response.status == .ok)
                #expect(response.json["beneficiary"] as? String == id)
                #expect(response.json["owner"] as? String == "alfa")
                #expect((response.json["deliveries"] as? [Any])?.count == 1)
            }
        }
    }
}
