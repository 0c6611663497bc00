import Foundation
import RegistroKit

/// An end-to-end scenario through the CLI, for the audit tests: a registry of two
/// organisations in a network, their users, people recorded by hand and by import, lookups
/// allowed and denied. Every personal value is distinctive, so a test can look for it.
struct AuditScenario {
    /// A person of the scenario and every personal value recorded about them.
    struct Person {
        let givenName: String
        let familyName: String
        let codiceFiscale: String
        let birthDate: String
        let sex: String
        let phone: String
        let email: String
        let address: String
        let notes: String
        let sensitive: String

        /// Every value that must never appear in the audit log or its outputs.
        var personalValues: [String] {
            [
                givenName, familyName, codiceFiscale, codiceFiscale.lowercased(), birthDate, phone, email, address,
                notes, sensitive,
            ]
        }
    }

    /// The person recorded by hand by `sw-a`, then looked up by `sw-a` and by `dpo`.
    let recorded: Person
    /// The people imported from a spreadsheet by `sw-b`.
    let imported: [Person]
    /// The pseudonymous id of `recorded`.
    let recordedID: String
    /// The name of the imported file, which holds a person's name and must not be logged.
    let importFileName: String

    /// Every personal value of every person.
    var personalValues: [String] {
        ([recorded] + imported).flatMap(\.personalValues) + [importFileName]
    }

    /// Builds the scenario in `registry`.
    static func build(in registry: AuditTestRegistry) throws -> AuditScenario {
        let recorded = person(given: "Ermenegilda", family: "Zappalorto", birth: (1961, 3, 14), sex: .female, index: 1)
        let imported = [
            person(given: "Gualtiero", family: "Pennacchioni", birth: (1979, 11, 2), sex: .male, index: 2),
            person(given: "Filomena", family: "Bracaloni", birth: (1990, 6, 23), sex: .female, index: 3),
        ]
        try registry.expectSuccess(["init", "--no-passphrase", "--network", "rete", "--network-name", "Rete di prova"])
        try registry.expectSuccess([
            "org", "add", "--id", "alfa", "--name", "Cooperativa Alfa", "--kind", "ets", "--network", "rete",
        ])
        try registry.expectSuccess([
            "org", "add", "--id", "beta", "--name", "Associazione Beta", "--kind", "ets", "--network", "rete",
        ])
        try registry.expectSuccess([
            "user", "add", "--id", "admin", "--name", "Amministrazione", "--org", "alfa", "--role", "admin",
        ])
        for (id, name, org, role) in [
            ("sw-a", "Operatrice Alfa", "alfa", "social_worker"), ("sw-b", "Operatore Beta", "beta", "social_worker"),
            ("dpo", "Responsabile privacy", "alfa", "privacy_officer"),
        ] {
            try registry.expectSuccess(["user", "add", "--id", id, "--name", name, "--org", org, "--role", role])
        }
        let added = try registry.expectSuccess([
            "beneficiary", "add", "--given-name", recorded.givenName, "--family-name", recorded.familyName,
            "--cf", recorded.codiceFiscale, "--birth-date", recorded.birthDate, "--sex", "F", "--phone", recorded.phone,
            "--email", recorded.email, "--address", recorded.address, "--notes", recorded.notes,
            "--sensitive", recorded.sensitive, "--as", "sw-a",
        ])
        let recordedID = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try registry.expectSuccess([
            "delivery", "add", "--beneficiary", recordedID, "--service", "RT.LAV01", "--date", "2026-10-05",
            "--hours", "2", "--notes", recorded.notes, "--as", "sw-a",
        ])
        let importFileName = "prestazioni-\(imported[0].familyName).csv"
        let header = "codice_fiscale,given_name,family_name,birth_date,sex,phone,email,notes,service_code,date"
        let rows = imported.map { person in
            [
                person.codiceFiscale, person.givenName, person.familyName, person.birthDate, person.sex, person.phone,
                person.email, person.notes, "RT.LAV02", "2026-10-06",
            ].joined(separator: ",")
        }
        try ([header] + rows + [rows[0].replacingOccurrences(of: "2026-10-06", with: "2026-10-07")])
            .joined(separator: "\n").write(toFile: registry.path(importFileName), atomically: true, encoding: .utf8)
        try registry.expectSuccess(["import", "deliveries", registry.path(importFileName), "--as", "sw-b"])
        try registry.expectSuccess(["beneficiary", "find", "--cf", recorded.codiceFiscale, "--as", "sw-a"])
        return AuditScenario(
            recorded: recorded, imported: imported, recordedID: recordedID, importFileName: importFileName)
    }

    /// A person with a valid codice fiscale and distinctive values.
    private static func person(
        given: String, family: String, birth: (Int, Int, Int), sex: CodiceFiscale.Sex, index: Int
    ) -> Person {
        let date = CalendarDate(year: birth.0, month: birth.1, day: birth.2)!
        let code = try! CodiceFiscale.make(
            familyName: family, givenName: given, birthDate: date, sex: sex, placeCode: "A479")
        return Person(
            givenName: given, familyName: family, codiceFiscale: code.value, birthDate: date.description,
            sex: sex == .female ? "F" : "M", phone: "+39 333 55501\(index)\(index)",
            email: "\(given.lowercased()).\(family.lowercased())@example.org",
            address: "Via dei Glicini \(40 + index), Asti", notes: "Nota riservata su \(given) numero \(index)",
            sensitive: "Diagnosi riservata \(family)")
    }
}

extension AuditTestRegistry {
    /// Runs `registro ARGUMENTS` and requires it to succeed.
    ///
    /// - Throws: `ScenarioFailure` with the command's error when it fails.
    @discardableResult
    func expectSuccess(_ arguments: [String]) throws -> AuditRunResult {
        let result = try registro(arguments)
        guard result.status == 0 else {
            throw ScenarioFailure(
                description: "`registro \(arguments.joined(separator: " "))` exited \(result.status): \(result.stderr)")
        }
        return result
    }
}

/// A step of a scenario that failed.
struct ScenarioFailure: Error, CustomStringConvertible {
    let description: String
}
