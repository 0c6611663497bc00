import Foundation
import RegistroKit
import RegistroTestSupport
import Testing

/// Small things a user met, through the built binary: `keys seal-special` refused in its own
/// words, `policy check` of a folder without policies in the user's language, and the web API's
/// `since`/`until` counted in the display time zone as the command line counts them.
@Suite("everyday leftovers: seal-special's refusal, an empty policy folder, the API's days, through the binary")
struct EverydayLeftoversTests {
    static let password = "una password lunga"

    @Test("keys seal-special refused to a social worker names sealing, not key rotation, in both languages; audited")
    func sealSpecialRefusalHasItsOwnSentence() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let english = try registry.run(["keys", "seal-special", "--as", "sw-alfa"], environment: ["LANG": "C"])
        #expect(english.status == 77)
        #expect(
            english.stderr.contains(
                "`sw-alfa` (social_worker, alfa) may not seal the special-category vulnerabilities kept in clear: "),
            "\(english.stderr)")
        #expect(!english.stderr.contains("rotate"))
        let italian = try registry.run(
            ["keys", "seal-special", "--as", "sw-alfa"], environment: ["LANG": "it_IT.UTF-8"])
        #expect(italian.status == 77)
        #expect(
            italian.stderr.contains(
                "`sw-alfa` (operatore sociale, alfa) non può sigillare le vulnerabilità di categoria particolare "
                    + "tenute in chiaro: "),
            "\(italian.stderr)")
        #expect(!italian.stderr.contains("ruotare"))
        // Key rotation keeps its own words.
        let rotation = try registry.run(["keys", "rotate", "--as", "sw-alfa"], environment: ["LANG": "C"])
        #expect(rotation.status == 77 && rotation.stderr.contains("may not rotate the registry's keys"))
        let denials = try registry.succeed([
            "audit", "log", "--actor", "sw-alfa", "--decision", "deny", "--format", "csv", "--as", "dpo",
        ])
        #expect(denials.components(separatedBy: ",rotate_keys,").count == 4, "\(denials)")
    }

    @Test("policy check and policy test of a folder without policies say so in the user's language")
    func emptyPolicyFolderIsWorded() throws {
        let registry = try TemporaryRegistry()
        let folder = registry.directory.appendingPathComponent("vuota").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for command in ["check", "test"] {
            let italian = try registry.run(
                ["policy", command, "--dir", folder], environment: ["LANG": "it_IT.UTF-8"], withDatabase: false)
            #expect(italian.status == 1)
            #expect(italian.stdout.isEmpty, "\(italian.stdout)")
            #expect(
                italian.stderr
                    == "registro: nessun file di policy `*.cedar` in `\(folder)`; indica con `--dir` la cartella che "
                    + "contiene le policy\n")
            let english = try registry.run(
                ["policy", command, "--dir", folder], environment: ["LANG": "C"], withDatabase: false)
            #expect(english.status == 1)
            #expect(english.stdout.isEmpty)
            #expect(
                english.stderr
                    == "registro: no `*.cedar` policy file in `\(folder)`; name the directory that holds the policies "
                    + "with `--dir`\n")
        }
    }

    /// A zone whose calendar day differs from UTC's now: 12 hours behind UTC before noon UTC,
    /// 14 hours ahead after.
    static func zoneOnAnotherDay(now: Date) -> (name: String, day: String, utcDay: String) {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let name = utc.component(.hour, from: now) < 12 ? "Etc/GMT+12" : "Etc/GMT-14"
        var local = utc
        local.timeZone = TimeZone(identifier: name)!
        func day(_ calendar: Calendar) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: now)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        return (name, day(local), day(utc))
    }

    @Test("the API's since and until are days of the display time zone, as audit log's --since and --until")
    func apiDaysAreTheDisplayZones() async throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw-alfa",
        ])
        let zone = Self.zoneOnAnotherDay(now: Date())
        try #require(zone.day != zone.utcDay)
        try registry.setPassword(Self.password, for: "dpo")
        let enrolment = try registry.succeed(["user", "totp", "--id", "dpo"])
        let secret = try #require(
            enrolment.split(separator: "\n").first?.split(separator: "secret=").last?.split(separator: "&").first)
        let server = try ServedRegistry(registry, environment: ["TZ": zone.name])
        defer { _ = server.stop() }
        let code = TOTP(base32Secret: String(secret)).code(atStep: TOTP.step(at: Date()))
        let login = try await server.send(
            "POST", "/api/session", json: ["user": "dpo", "password": Self.password, "totp": code])
        try #require(login.status == 200, "\(String(decoding: login.body, as: UTF8.self))")
        let cookie = login.headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
        /// The entries about the person in `body`, the consultations of the log itself aside.
        func changesAndReads(_ body: Data) -> Int {
            let entries = (try? JSONSerialization.jsonObject(with: body)) as? [[String: Any]]
            return entries?.filter { $0["action"] as? String != "audit" }.count ?? -1
        }
        func entries(since: String, until: String) async throws -> Int {
            let reply = try await server.send(
                "GET", "/api/audit?subject=\(person)&since=\(since)&until=\(until)", headers: ["Cookie": cookie])
            #expect(reply.status == 200)
            return changesAndReads(reply.body)
        }
        let onTheDisplayDay = try await entries(since: zone.day, until: zone.day)
        #expect(onTheDisplayDay > 0, "the person's entries are not on the display zone's day")
        #expect(try await entries(since: zone.utcDay, until: zone.utcDay) == 0, "UTC's day was counted")
        // The command line, in the same zone, finds the same entries for the same day.
        let listed = try registry.run(
            [
                "audit", "log", "--subject", person, "--since", zone.day, "--until", zone.day, "--format", "json",
                "--as", "dpo",
            ], environment: ["TZ": zone.name])
        #expect(changesAndReads(Data(listed.stdout.utf8)) == onTheDisplayDay, "\(listed.stderr)")
        let description = try await server.send("GET", "/api/openapi.json", headers: ["Cookie": cookie])
        #expect(String(decoding: description.body, as: UTF8.self).contains("a calendar day of the server's display"))
    }
}
