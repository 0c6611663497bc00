import Foundation
import Testing

/// Whether `python3` with PyNaCl is available (`make test` installs it).
private let pythonHasNaCl: Bool = {
    (try? ChildProcess.run(
        "/usr/bin/env", ["python3", "-c", "import nacl.bindings"],
        environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], directory: "/"
    ).status) == 0
}()

@Suite("Docs/PRIVACY.md is right: a third party opens the sealed fields with it alone")
struct PrivacyDocumentTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DocChecks/open_sealed_field.py").path

    @Test(
        "PyNaCl and hashlib, following the document, open names, codice fiscale, special vulnerabilities and notes (padded), and recompute the blind index",
        .enabled(if: pythonHasNaCl, "skipped: python3 with PyNaCl is not installed here (make test installs it)"))
    func documentOpensSealedFields() throws {
        for environment in [[:], ["REGISTRO_PASSPHRASE": "frase di prova"]] {
            let registry = try TemporaryRegistry()
            try registry.succeed(["init"] + (environment.isEmpty ? ["--no-passphrase"] : []), environment: environment)
            try registry.succeed(
                ["org", "add", "--id", "alfa", "--name", "Alfa", "--kind", "ets"], environment: environment)
            try registry.succeed(
                ["user", "add", "--id", "sw", "--name", "S", "--org", "alfa", "--role", "social_worker"],
                environment: environment)
            let person = SyntheticSpreadsheet.people(1)[0]
            let id = try registry.succeed(
                [
                    "beneficiary", "add", "--given-name", "Niccolò", "--family-name", person.familyName,
                    "--cf", person.codiceFiscale, "--birth-date", person.birthDate, "--phone", "+39 0131 123456",
                    "--vulnerabilities", "salute_mentale,disoccupazione,detenzione", "--as", "sw",
                ],
                environment: environment)
            try registry.succeed(
                [
                    "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2020-01-02",
                    "--notes", "colloquio iniziale", "--as", "sw",
                ], environment: environment)
            var scriptEnvironment = environment
            scriptEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            let result = try ChildProcess.run(
                "/usr/bin/env", ["python3", Self.script, registry.database, registry.keyring],
                environment: scriptEnvironment, directory: registry.directory.path)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let fields = object?["fields"] as? [String: String]
            #expect(object?["id"] as? String == id)
            #expect(fields?["given_name"] == "Niccolò")
            #expect(fields?["family_name"] == person.familyName)
            #expect(fields?["codice_fiscale"] == person.codiceFiscale)
            #expect(fields?["birth_date"] == person.birthDate)
            #expect(fields?["phone"] == "+390131123456")
            #expect(object?["blind_index_ok"] as? Bool == true)
            #expect(object?["delivery_notes"] as? [String] == ["colloquio iniziale"])
            #expect(object?["special_vulnerabilities"] as? [String] == ["alfa detenzione", "alfa salute_mentale"])
        }
    }
}
