import Foundation
import Testing

@Suite("registro serve keeps what it answered: the witness it is given, and every write across a SIGKILL")
struct ServeDurabilityTests {
    static let password = "una password lunga"
    static let purpose = "presa_in_carico_condivisa"

    /// Logs `sw-alfa` in; returns the headers of a state-changing cookie request.
    static func logIn(_ server: ServedRegistry) async throws -> [String: String] {
        let login = try await server.send("POST", "/api/session", json: ["user": "sw-alfa", "password": password])
        #expect(login.status == 200)
        let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        let origin = String(server.url.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        return ["Cookie": cookie, "X-CSRF-Token": login.json["csrf"] as? String ?? "", "Origin": origin]
    }

    /// The lines of a witness file.
    static func lines(_ path: String) -> [Substring] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    @Test(
        "serve --witness PATH and REGISTRO_WITNESS: the server appends checkpoints there while it runs, and verify agrees",
        arguments: [true, false])
    func witnessWhereGiven(_ byOption: Bool) async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        let elsewhere = registry.directory.appendingPathComponent("altrove")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let witness = elsewhere.appendingPathComponent("registro.witness").path
        let defaultWitness = registry.database + ".witness"
        let linesBefore = Self.lines(defaultWitness)
        let server = try ServedRegistry(
            registry, arguments: byOption ? ["--witness", witness] : [],
            environment: byOption ? [:] : ["REGISTRO_WITNESS": witness])
        let headers = try await Self.logIn(server)
        let added = try await server.send(
            "POST", "/api/beneficiaries", json: ["given_name": "Ermenegilda", "family_name": "Zappalorto", "sex": "F"],
            headers: headers)
        #expect(added.status == 201)
        // Checkpoints are appended while the server runs, at least once a second while it records.
        let deadline = Date().addingTimeInterval(10)
        while Self.lines(witness).isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        let whileRunning = Self.lines(witness).count
        #expect(whileRunning >= 1, "the running server appended a checkpoint to the witness it was given")
        let result = server.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.lines(witness).count >= whileRunning, "a witness is only appended to")
        #expect(Self.lines(defaultWitness) == linesBefore, "the default witness was left alone")
        let verified = try registry.run(["audit", "verify", "--witness", witness, "--as", "dpo"])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
    }

    /// Writes until `stop` is set: people added one after the other; returns the ids the
    /// server answered 201 for.
    static func writeUntilStopped(
        _ server: ServedRegistry, headers: [String: String], worker: Int, stop: StopFlag
    ) async -> [String] {
        var stored: [String] = []
        var count = 0
        while !stop.isSet {
            count += 1
            let person: [String: Any] = [
                "given_name": "Nome", "family_name": "Cognome", "sex": count % 2 == 0 ? "F" : "M",
                "ref": "W\(worker)-\(count)",
            ]
            guard let reply = try? await server.send("POST", "/api/beneficiaries", json: person, headers: headers)
            else { continue }
            if reply.status == 201, let id = reply.json["id"] as? String { stored.append(id) }
        }
        return stored
    }

    @Test("SIGKILL under concurrent writes: after a restart every write answered 201 is there and audit verify passes")
    func sigkillUnderWriteLoad() async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        try registry.setPassword(Self.password, for: "sw-alfa")
        let server = try ServedRegistry(registry)
        let headers = try await Self.logIn(server)
        let stop = StopFlag()
        let writers = (0..<8).map { worker in
            Task { await Self.writeUntilStopped(server, headers: headers, worker: worker, stop: stop) }
        }
        try await Task.sleep(for: .seconds(2))
        server.process.kill(SIGKILL)
        _ = server.process.wait()
        // Requests in flight fail once the process is gone; the writers then stop.
        try await Task.sleep(for: .milliseconds(200))
        stop.set()
        var stored: [String] = []
        for writer in writers { stored += await writer.value }
        #expect(stored.count >= 8, "the server answered writes before it was killed")

        let restarted = try ServedRegistry(registry)
        let cookie = try await Self.logIn(restarted)["Cookie"] ?? ""
        var missing: [String] = []
        for id in stored {
            let file = try await restarted.send(
                "GET", "/api/cases/\(id)?purpose=\(Self.purpose)", headers: ["Cookie": cookie])
            if file.status != 200 { missing.append(id) }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(stored.count) writes answered 201 were lost")
        let result = restarted.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let verified = try registry.run(["audit", "verify", "--as", "dpo"])
        #expect(
            verified.status == 0,
            "the chain and the witness verify after the kill: \(verified.stdout) \(verified.stderr)")
    }
}

/// A flag one task sets and others read.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Whether the flag is set.
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Sets the flag.
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
