import Foundation
import Testing

/// hostile input typed on the command line: control characters and SQL
/// metacharacters in every text option of the commands that record data.
@Suite("control characters and SQL metacharacters in command-line fields")
struct HostileFieldTests {
    /// A command that records something, and a valid value for each of its options.
    struct Recording {
        let command: [String]
        let fields: KeyValuePairs<String, String>
        /// The user acting; `nil` for the registry's operator.
        let actor: String?

        /// The command with every field valid, except `field`, which is `value`.
        func arguments(setting field: String, to value: String) -> [String] {
            var arguments = command
            for (name, valid) in fields {
                if name == "_" {
                    arguments.insert(name == field ? value : valid, at: command.count)
                } else {
                    arguments += ["--\(name)", name == field ? value : valid]
                }
            }
            return arguments + (actor.map { ["--as", $0] } ?? [])
        }
    }

    /// Every recording command with every one of its options (`_` is the argument).
    static func recordings(person: String, grant: String, evidence: String) -> [Recording] {
        [
            Recording(
                command: ["beneficiary", "add"],
                fields: [
                    "given-name": "Anna", "family-name": "Neri", "cf": "RSSMRA80A01H501U", "birth-date": "1980-01-01",
                    "sex": "F",
                    "citizenship": "IT", "comune": "Asti", "phone": "3331234567", "email": "anna@example.org",
                    "address": "Via Roma 1",
                    "vulnerabilities": "disoccupazione", "ref": "R-1", "notes": "Nota", "sensitive": "Diagnosi",
                ], actor: "sw-alfa"),
            Recording(
                command: ["delivery", "add"],
                fields: [
                    "beneficiary": person, "service": "RT.LAV01", "date": "2021-01-01", "hours": "1,5",
                    "channel": "cpi",
                    "outcome": "in_corso", "impact": "7", "project": "Progetto", "notes": "Nota",
                ], actor: "sw-alfa"),
            Recording(
                command: ["org", "add"],
                fields: [
                    "id": "gamma", "name": "Ente gamma", "kind": "ets", "cf": "00429440068", "runts-section": "odv",
                    "territory": "asti", "axes": "lavoro", "network": "rete",
                ], actor: nil),
            Recording(
                command: ["user", "add"],
                fields: ["id": "nuovo", "name": "Nuovo", "org": "alfa", "role": "coordinator"], actor: "admin"),
            Recording(
                command: ["consent", "grant"],
                fields: [
                    "beneficiary": person, "to": "beta", "purpose": "presa_in_carico_condivisa", "scope": "identity",
                    "expires": "2099-12-31", "evidence": evidence,
                ], actor: "sw-alfa"),
            Recording(command: ["consent", "revoke"], fields: ["_": grant, "reason": "Ritirato"], actor: "sw-alfa"),
        ]
    }

    @Test(
        "a control character in any field of beneficiary add, delivery add, org add, user add, consent grant or revoke exits 65 with one sentence and changes nothing"
    )
    func controlCharactersAreRefusedEverywhere() throws {
        let (registry, person, grant) = try HostileInput.registry()
        let evidence = try registry.write("modulo.pdf", Data("firmato".utf8))
        let dump = try sqliteDump(registry.database)
        for recording in Self.recordings(person: person, grant: grant, evidence: evidence) {
            for (field, valid) in recording.fields {
                // Escape (a terminal's commands), bell and delete; notes accept line breaks and tabs.
                for control in ["\u{1B}[2J", "\u{07}", "\u{7F}"] {
                    let result = try registry.run(recording.arguments(setting: field, to: valid + control + "x"))
                    try HostileInput.expectRefused(
                        result, status: 65, registry: registry, unchangedFrom: dump,
                        "\(recording.command.joined(separator: " ")) \(field)")
                }
            }
        }
    }

    /// Text an attacker hopes the registry pastes into SQL.
    static let injection = #"Robert'); DROP TABLE beneficiary; -- " OR 1=1; DELETE FROM audit_entry"#

    @Test(
        "SQL metacharacters in free-text fields are stored as text and read back exactly, and in id or code fields are refused without change"
    )
    func sqlMetacharactersAreOnlyText() throws {
        let (registry, person, grant) = try HostileInput.registry()
        let evidence = try registry.write("modulo.pdf", Data("firmato".utf8))
        let recordings = Self.recordings(person: person, grant: grant, evidence: evidence)
        let dump = try sqliteDump(registry.database)
        let freeText: Set = [
            "given-name", "family-name", "comune", "address", "notes", "sensitive", "ref", "project", "name", "reason",
        ]
        for recording in recordings {
            for (field, _) in recording.fields where !freeText.contains(field) && field != "evidence" {
                let result = try registry.run(recording.arguments(setting: field, to: Self.injection))
                try HostileInput.expectRefused(
                    result, status: 65, registry: registry, unchangedFrom: dump,
                    "\(recording.command.joined(separator: " ")) \(field)")
            }
        }
        // Every free-text field at once, then read back.
        let id = try registry.succeed([
            "beneficiary", "add", "--given-name", Self.injection, "--family-name", Self.injection,
            "--comune", Self.injection, "--address", Self.injection, "--notes", Self.injection,
            "--sensitive", Self.injection, "--ref", "R'--", "--sex", "X", "--as", "sw-alfa",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2021-02-02",
            "--project", Self.injection, "--notes", Self.injection, "--as", "sw-alfa",
        ])
        try registry.succeed(["org", "add", "--id", "gamma", "--name", Self.injection, "--kind", "ets"])
        try registry.succeed([
            "user", "add", "--id", "nuovo", "--name", Self.injection, "--org", "alfa", "--role", "coordinator",
        ])
        try registry.succeed(["consent", "revoke", grant, "--reason", Self.injection, "--as", "sw-alfa"])

        let shown = try registry.succeed([
            "case", "show", id, "--purpose", "presa_in_carico_condivisa", "--format", "json", "--as", "sw-alfa",
        ])
        let file = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let sections = try #require(file["sections"] as? [String: [String: Any]])
        let values = sections.values.compactMap { $0["data"] as? [String: Any] }.flatMap(\.values).compactMap {
            $0 as? String
        }
        #expect(
            values.filter { $0 == Self.injection }.count == 6,
            "names, comune, address, notes and sensitive read back exactly: \(values)")
        #expect((file["deliveries"] as? [[String: Any]])?.first?["notes"] as? String == Self.injection)
        #expect(
            try sqliteLines(registry.database, "SELECT ref, comune FROM beneficiary WHERE id = '\(id)'") == [
                "R'--|\(Self.injection)"
            ])
        #expect(
            try sqliteCount(
                registry.database,
                "SELECT COUNT(*) FROM delivery WHERE project = '\(Self.injection.replacingOccurrences(of: "'", with: "''"))'"
            ) == 1)
        #expect(
            try sqliteLines(
                registry.database,
                "SELECT name FROM organisation WHERE id = 'gamma' UNION ALL SELECT name FROM operator WHERE id = 'nuovo'"
            )
                == [Self.injection, Self.injection])
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 2)
        #expect(try registry.run(["audit", "verify", "--as", "dpo"]).status == 0)
    }
}
