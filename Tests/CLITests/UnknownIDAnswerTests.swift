import Foundation
import Testing

/// An id of a person, consent grant or emergency access that the acting user's organisation has
/// no relationship to gets, through the binary, the same answer as an id that does not exist:
/// the same sentence in English and in Italian, the same exit status, the same standard output;
/// and the denial is recorded in the audit log all the same.
@Suite("an id the user's organisation has no relationship to is answered as an unknown id, through the binary")
struct UnknownIDAnswerTests {
    /// Ids of the right shape that name nothing in the registry.
    static let unknownPerson = "B7K3M9Q2X4TA"
    static let unknownGrant = "C5Q0W2M8R1ZX"
    static let unknownEmergency = "E7K3M9Q2X4TA"

    /// `alfa` and `beta` in the network `rete`, `gamma` outside it, each with a social worker, a
    /// coordinator and a privacy officer; one person of `alfa`, served by it, with a consent
    /// grant to `alfa` itself.
    struct Scenario {
        let registry: TemporaryRegistry
        let person: String
        let grant: String

        init() throws {
            registry = try TemporaryRegistry()
            try registry.setUpNetwork()
            try registry.succeed(["org", "add", "--id", "gamma", "--name", "Ente gamma", "--kind", "ets"])
            for (user, org, role) in [
                ("sw-gamma", "gamma", "social_worker"), ("coord-beta", "beta", "coordinator"),
                ("dpo-beta", "beta", "privacy_officer"),
            ] {
                try registry.succeed(["user", "add", "--id", user, "--name", "Utente", "--org", org, "--role", role])
            }
            person = try registry.succeed([
                "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--sex", "F", "--as", "sw-alfa",
            ])
            try registry.succeed([
                "delivery", "add", "--beneficiary", person, "--service", "RT.LAV01", "--date", "2020-02-03",
                "--as", "sw-alfa",
            ])
            grant = try registry.succeed([
                "consent", "grant", "--beneficiary", person, "--to", "alfa", "--purpose", "invio", "--scope",
                "identity", "--as", "sw-alfa",
            ])
        }

        /// Runs `arguments` once with `real` and once with `unknown` in place of `ID`, in English
        /// and in Italian, and expects the same exit status and output, the id aside.
        func expectSameAnswer(_ arguments: [String], real: String, unknown: String, exit: Int32 = 65) throws {
            for language in ["C", "it_IT.UTF-8"] {
                func answer(_ id: String) throws -> CommandResult {
                    let result = try registry.run(
                        arguments.map { $0 == "ID" ? id : $0 }, environment: ["LANG": language])
                    return CommandResult(
                        status: result.status, stdout: result.stdout.replacingOccurrences(of: id, with: "ID"),
                        stderr: result.stderr.replacingOccurrences(of: id, with: "ID"))
                }
                let existing = try answer(real)
                let missing = try answer(unknown)
                let command = arguments.joined(separator: " ")
                #expect(existing.status == missing.status, "\(command), LANG=\(language): \(existing.stderr)")
                #expect(existing.stderr == missing.stderr, "\(command), LANG=\(language)")
                #expect(existing.stdout == missing.stdout, "\(command), LANG=\(language)")
                #expect(missing.status == exit, "\(command), LANG=\(language): \(missing.stderr)")
            }
        }

        /// The audit log's denied entries about the person by `user`, as CSV lines.
        func denials(by user: String) throws -> [Substring] {
            try registry.succeed([
                "audit", "log", "--subject", person, "--actor", user, "--decision", "deny", "--format", "csv",
                "--as", "dpo",
            ])
            .split(separator: "\n").dropFirst().map { $0 }
        }
    }

    @Test("case show: a partner and an organisation outside the network get the unknown id's answer, audited")
    func caseShowOfAStranger() throws {
        let scenario = try Scenario()
        for user in ["sw-beta", "sw-gamma"] {
            try scenario.expectSameAnswer(
                ["case", "show", "ID", "--purpose", "presa_in_carico_condivisa", "--as", user],
                real: scenario.person, unknown: Self.unknownPerson)
            // Six categories denied, twice (English and Italian).
            #expect(try scenario.denials(by: user).filter { $0.contains(",read,") }.count == 12)
        }
        try scenario.registry.succeed(["subject", "restrict", scenario.person, "--reason", "contestati", "--as", "dpo"])
        try scenario.expectSameAnswer(
            ["case", "show", "ID", "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            real: scenario.person, unknown: Self.unknownPerson)
    }

    @Test("case show --emergency outside the owner's networks gets the unknown id's answer, audited")
    func emergencyOutsideTheNetwork() throws {
        let scenario = try Scenario()
        try scenario.expectSameAnswer(
            [
                "case", "show", "ID", "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason",
                "minore a rischio, segnalazione della scuola", "--as", "sw-gamma",
            ],
            real: scenario.person, unknown: Self.unknownPerson)
        #expect(try scenario.denials(by: "sw-gamma").filter { $0.contains("emergency_access") }.count == 2)
    }

    @Test("every other command taking a person's id answers a stranger as for an unknown id, denials audited")
    func otherCommandsOfAStranger() throws {
        let scenario = try Scenario()
        let commands: [(arguments: [String], user: String)] = [
            (["delivery", "add", "--beneficiary", "ID", "--service", "RT.LAV01", "--date", "2020-02-04"], "sw-beta"),
            (
                [
                    "consent", "grant", "--beneficiary", "ID", "--to", "beta", "--purpose", "invio", "--scope",
                    "identity",
                ],
                "sw-beta"
            ),
            (["consent", "list", "--beneficiary", "ID"], "sw-gamma"),
            (
                ["policy", "explain", "--beneficiary", "ID", "--category", "identity", "--purpose", "invio"],
                "sw-beta"
            ),
            (["subject", "export", "ID"], "coord-beta"),
            (["subject", "restrict", "ID", "--reason", "contestati"], "coord-beta"),
            (["subject", "unrestrict", "ID"], "dpo-beta"),
            (["subject", "erase", "ID", "--reason", "richiesta prot. 9"], "dpo-beta"),
        ]
        for command in commands {
            try scenario.expectSameAnswer(
                command.arguments + ["--as", command.user], real: scenario.person, unknown: Self.unknownPerson)
        }
        for user in ["sw-beta", "coord-beta", "dpo-beta", "sw-gamma"] {
            #expect(try !scenario.denials(by: user).isEmpty, "\(user)'s denials were not recorded")
        }
        // The explanation is recorded as one, then answered as for an unknown id.
        let explained = try scenario.registry.succeed([
            "audit", "log", "--subject", scenario.person, "--actor", "sw-beta", "--format", "csv", "--as", "dpo",
        ])
        #expect(explained.components(separatedBy: "explain: would deny").count == 3)
    }

    @Test("a consent grant and an emergency access are answered as unknown ids to those they do not concern")
    func grantsAndEmergencyAccessesOfStrangers() throws {
        let scenario = try Scenario()
        try scenario.expectSameAnswer(
            ["consent", "revoke", "ID", "--reason", "revocato", "--as", "sw-beta"], real: scenario.grant,
            unknown: Self.unknownGrant)
        let opened = try scenario.registry.succeed([
            "case", "show", scenario.person, "--purpose", "presa_in_carico_condivisa", "--emergency", "--reason",
            "minore a rischio, segnalazione della scuola", "--format", "json", "--as", "sw-beta",
        ])
        let file = try JSONSerialization.jsonObject(with: Data(opened.utf8)) as? [String: Any]
        let emergency = try #require((file?["emergency"] as? [String: Any])?["id"] as? String)
        try scenario.expectSameAnswer(
            ["audit", "review", "ID", "--note", "verificato", "--as", "dpo-beta"], real: emergency,
            unknown: Self.unknownEmergency)
        try scenario.registry.succeed(["audit", "review", emergency, "--note", "verificato", "--as", "dpo"])
    }

    @Test("an organisation that found the person by codice fiscale is still told why it may not read")
    func foundByCodiceFiscaleIsToldTheDenial() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = try registry.succeed([
            "beneficiary", "add", "--given-name", "Anna", "--family-name", "Neri", "--cf", "NRENNA85T50A479E",
            "--as", "sw-alfa",
        ])
        #expect(try registry.succeed(["beneficiary", "find", "--cf", "NRENNA85T50A479E", "--as", "sw-beta"]) == person)
        let read = try registry.run(
            ["case", "show", person, "--purpose", "presa_in_carico_condivisa", "--as", "sw-beta"],
            environment: ["LANG": "C"])
        #expect(read.status == 77)
        #expect(read.stderr.contains("the person's consent for this purpose is needed"), "\(read.stderr)")
    }
}
