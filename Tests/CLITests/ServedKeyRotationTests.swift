import Foundation
import Testing

/// A running `registro serve` and the operator's `registro keys rotate` on its registry: the
/// server goes on reading and writing, and what it writes after a rotation is wrapped under the
/// new key-encryption key, never the one the rotation retired.
@Suite("a key rotation by the command line while the server runs, through the built binary")
struct ServedKeyRotationTests {
    static let password = "una password lunga"

    /// The server, logged in as `sw-alfa`, with the headers a change needs.
    struct LoggedIn {
        let server: ServedRegistry
        let headers: [String: String]

        init(_ server: ServedRegistry) async throws {
            self.server = server
            let login = try await server.send(
                "POST", "/api/session", json: ["user": "sw-alfa", "password": ServedKeyRotationTests.password])
            #expect(login.status == 200)
            let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
            let origin =
                server.url.absoluteString.hasSuffix("/")
                ? String(server.url.absoluteString.dropLast()) : server.url.absoluteString
            headers = ["Cookie": cookie, "X-CSRF-Token": login.json["csrf"] as? String ?? "", "Origin": origin]
        }

        /// The person's case file as the server answers it: the status and the body.
        func read(_ id: String) async throws -> (status: Int, body: String) {
            let file = try await server.send(
                "GET", "/api/cases/\(id)?purpose=presa_in_carico_condivisa", headers: headers)
            return (file.status, String(decoding: file.body, as: UTF8.self))
        }

        /// Adds a person through the server and returns their id.
        func add(_ familyName: String) async throws -> String {
            let added = try await server.send(
                "POST", "/api/beneficiaries", json: ["given_name": "Anna", "family_name": familyName, "sex": "F"],
                headers: headers)
            #expect(added.status == 201, "\(String(decoding: added.body, as: UTF8.self))")
            return added.json["id"] as? String ?? ""
        }
    }

    /// The key-encryption generations the people's data keys are wrapped under, distinct.
    static func wrappingGenerations(_ registry: TemporaryRegistry) throws -> Set<String> {
        Set(try sqliteLines(registry.database, "SELECT DISTINCT kek_generation FROM beneficiary_key"))
    }

    @Test("the server reads and writes after each rotation, and wraps every new data key under the new generation")
    func serverFollowsTheRotatedGeneration() async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        let before = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Primaditutto", "--sex", "F",
            "--as", "sw-alfa",
        ])
        let server = try ServedRegistry(registry)
        let client = try await LoggedIn(server)
        #expect(try await client.read(before).body.contains("Primaditutto"), "the server's keys are not open yet")

        var people = [before: "Primaditutto"]
        for (generation, name) in [(1, "Dopolaprima"), (2, "Dopolaseconda")] {
            let rotated = try registry.run(["keys", "rotate", "--as", "admin"], environment: ["LANG": "C"])
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(try Self.wrappingGenerations(registry) == ["\(generation)"])
            // Every person recorded so far reads through the server after the rotation.
            for (id, familyName) in people {
                let file = try await client.read(id)
                #expect(file.status == 200 && file.body.contains(familyName), "generation \(generation): \(file)")
            }
            // A person, a delivery and an import recorded through the server after it.
            let added = try await client.add(name)
            people[added] = name
            #expect(try await client.read(added).body.contains(name))
            let delivery = try await server.send(
                "POST", "/api/deliveries",
                json: ["beneficiary": before, "service_code": "RT.LAV01", "date": "2020-02-0\(generation)"],
                headers: client.headers)
            #expect(delivery.status == 201, "\(String(decoding: delivery.body, as: UTF8.self))")
            let sheet =
                "given_name,family_name,sex,service_code,date\nLuca,Importato\(generation),M,RT.LAV01,2020-03-02\n"
            let imported = try await server.send(
                "POST", "/api/imports", body: Data(sheet.utf8), headers: client.headers)
            #expect(imported.status == 201, "\(String(decoding: imported.body, as: UTF8.self))")
            // Nothing is wrapped under the generation the rotation retired.
            #expect(try Self.wrappingGenerations(registry) == ["\(generation)"], "generation \(generation)")
        }
        // The command line, opening the keys afresh, reads what the server recorded.
        for (id, familyName) in people {
            let shown = try registry.succeed([
                "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--as", "sw-alfa",
            ])
            #expect(shown.contains(familyName))
        }
        let stopped = server.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let verified = try registry.run(["audit", "verify", "--as", "dpo"])
        #expect(verified.status == 0, "\(verified.stderr)")
    }
}
