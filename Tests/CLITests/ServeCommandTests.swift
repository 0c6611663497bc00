import Foundation
import Testing

@Suite("registro serve and the account commands, through the built binary")
struct ServeCommandTests {
    static let password = "una password lunga"

    @Test("serve prints `listening on URL` first, serves a login and a case, logs no personal value, stops on SIGTERM")
    func serveEndToEnd() async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        let server = try ServedRegistry(registry)
        #expect(server.firstLine.hasPrefix("listening on http://127.0.0.1:"))

        #expect(try await server.send("GET", "/health").status == 200)
        #expect(try await server.send("GET", "/api/me").status == 401)
        let login = try await server.send("POST", "/api/session", json: ["user": "sw-alfa", "password": Self.password])
        #expect(login.status == 200)
        let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        let csrf = login.json["csrf"] as? String ?? ""
        let origin =
            server.url.absoluteString.hasSuffix("/")
            ? String(server.url.absoluteString.dropLast()) : server.url.absoluteString
        let headers = ["Cookie": cookie, "X-CSRF-Token": csrf, "Origin": origin]
        let added = try await server.send(
            "POST", "/api/beneficiaries", json: ["given_name": "Ermenegilda", "family_name": "Zappalorto", "sex": "F"],
            headers: headers)
        #expect(added.status == 201)
        let id = added.json["id"] as? String ?? ""
        let file = try await server.send(
            "GET", "/api/cases/\(id)?purpose=presa_in_carico_condivisa", headers: ["Cookie": cookie])
        #expect(file.status == 200)
        #expect(String(decoding: file.body, as: UTF8.self).contains("Zappalorto"))
        #expect(
            try await server.send("POST", "/api/beneficiaries", json: [:], headers: ["Cookie": cookie]).status == 403)

        let result = server.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("POST /api/session 200"))
        #expect(result.stderr.contains("GET /api/cases/{id} 200"))
        #expect(result.stderr.contains("user=sw-alfa"))
        for secret in ["Zappalorto", "Ermenegilda", Self.password, id, csrf] {
            #expect(!result.stderr.contains(secret), "the log holds a personal value or a secret")
        }
        // What the server recorded is witnessed, and the log verifies against the witness.
        let witness = (try? String(contentsOfFile: registry.database + ".witness", encoding: .utf8)) ?? ""
        #expect(!witness.isEmpty, "the server witnessed its audit log")
        let verified = try registry.run(["audit", "verify", "--as", "dpo"])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test("SIGTERM during an import lets it finish: the import is answered 201 and stored, then the server exits 0")
    func sigtermFinishesRequestsInFlight() async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        var csv = "given_name,family_name,sex,ref,service_code,date,hours\n"
        for row in 0..<20_000 { csv += "Nome,Cognome,F,R\(row % 3000),RT.LAV01,2020-03-02,1\n" }
        let body = Data(csv.utf8)
        let server = try ServedRegistry(registry)
        let login = try await server.send("POST", "/api/session", json: ["user": "sw-alfa", "password": Self.password])
        let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        let origin = String(server.url.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        // A bearer token, which the server checks without writing (a session is marked used
        // once a minute, a write that would wait for the lock below).
        let created = try await server.send(
            "POST", "/api/tokens", json: ["name": "import", "expires_in_days": 1],
            headers: ["Cookie": cookie, "X-CSRF-Token": login.json["csrf"] as? String ?? "", "Origin": origin])
        guard let token = created.json["token"] as? String else {
            Issue.record("no API token (\(created.status)): \(server.stop().stderr)")
            return
        }
        // The import cannot write while another program holds the database's write lock: it is
        // still in flight when the signal comes, however fast it would otherwise be.
        let lock = try HeldWriteLock(registry.database)
        let upload = Task {
            try await server.send("POST", "/api/imports", body: body, headers: ["Authorization": "Bearer \(token)"])
        }
        // The server logs an import's start once it has the whole file: the request is in flight.
        let started = try await server.waitForLog(containing: "import of \(body.count) bytes started user=sw-alfa")
        server.process.kill(SIGTERM)
        lock.release()
        let answer = await upload.result
        let result = server.process.wait()
        #expect(started, "the server did not log the import's start: \(result.stderr)")
        let reply = try #require(try? answer.get(), "the upload failed (\(answer)); the server's log: \(result.stderr)")
        #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
        #expect(reply.json["rows"] as? Int == 20_000)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("POST /api/imports 201"))
        #expect(try sqliteCount(registry.database, "SELECT count(*) FROM delivery") == 20_000)
    }

    static let tlsTools =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")

    @Test(
        "under TLS the session cookie is __Host- and Secure, and responses carry HSTS",
        .enabled(if: tlsTools, "needs /usr/bin/openssl and /usr/bin/curl"))
    func tls() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        let directory = registry.directory.path
        let made = try ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory], directory: directory)
        try #require(made.status == 0, "\(made.stderr)")
        let server = try ServedRegistry(registry, arguments: ["--tls-cert", "cert.pem", "--tls-key", "key.pem"])
        #expect(server.firstLine.hasPrefix("listening on https://127.0.0.1:"))
        let login = try ChildProcess.run(
            "/usr/bin/curl",
            [
                "-sk", "-i", "-X", "POST", "-H", "Content-Type: application/json",
                "--data", "{\"user\":\"sw-alfa\",\"password\":\"\(Self.password)\"}",
                server.url.appendingPathComponent("api/session").absoluteString,
            ],
            environment: ["PATH": "/usr/bin:/bin", "HOME": directory], directory: directory)
        let result = server.stop()
        #expect(login.stdout.hasPrefix("HTTP/1.1 200"), "\(login.stdout) \(login.stderr)")
        let headers = login.stdout.lowercased()
        #expect(headers.contains("set-cookie: __host-registro_session="))
        #expect(headers.contains("; secure"))
        #expect(headers.contains("strict-transport-security: max-age="))
        #expect(result.status == 0)
    }

    @Test("plain HTTP off loopback is refused with one sentence and exit 64")
    func plainHTTPOnlyOnLoopback() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let result = try registry.run(["serve", "--listen", "0.0.0.0:0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("plain HTTP is served only on a loopback address"))
        #expect(result.stdout.isEmpty)
    }

    @Test("user totp prints an otpauth URI and ten recovery codes; user password refuses a short one")
    func accountCommands() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "dpo")
        let printed = try registry.succeed(["user", "totp", "--id", "dpo"]).split(separator: "\n").map(String.init)
        #expect(printed.first?.hasPrefix("otpauth://totp/Registro:dpo?secret=") == true)
        #expect(printed.dropFirst(2).count == 10)
        #expect(printed.dropFirst(2).allSatisfy { $0.count == 11 && $0.contains("-") })
        #expect(throws: CommandFailure.self) { try registry.setPassword("corta", for: "dpo") }
        let unknown = try registry.run(["user", "totp", "--id", "nessuno"])
        #expect(unknown.status == 65)
    }
}
