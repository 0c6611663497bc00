import Foundation
import Testing

/// A registry for the hostile-input tests, and the check every refusal must pass: the exit
/// status the CLI documents for it, one sentence on stderr holding no control character and no personal
/// value, and not a row changed.
enum HostileInput {
    /// A person already recorded by `sw-alfa`, with distinctive values that no error may echo.
    static let person = (given: "Ildebranda", family: "Sgubbini", phone: "3398765432", notes: "NotaRiservataIldebranda")

    /// Values of `person` that must never appear on stderr.
    static var personalValues: [String] { [person.given, person.family, person.phone, person.notes] }

    /// A copy of a registry of `alfa` and `beta` in `rete` (users as `setUpNetwork` makes), with
    /// `person`, a delivery to them and a consent grant to `rete`; and the person's id and the
    /// grant's id.
    static func registry() throws -> (registry: TemporaryRegistry, person: String, grant: String) {
        let (template, person, grant) = try template.get()
        return (try template.copy(), person, grant)
    }

    private static let template = Result { () throws -> (TemporaryRegistry, String, String) in
        let registry = try TemporaryRegistry()
        atexit { try? FileManager.default.removeItem(at: HostileInput.templateDirectory!) }
        try registry.setUpNetwork()
        let id = try registry.succeed([
            "beneficiary", "add", "--given-name", person.given, "--family-name", person.family,
            "--sex", "F", "--phone", person.phone, "--notes", person.notes, "--as", "sw-alfa",
        ])
        try registry.succeed([
            "delivery", "add", "--beneficiary", id, "--service", "RT.LAV01", "--date", "2021-05-05", "--as", "sw-alfa",
        ])
        let grant = try registry.succeed([
            "consent", "grant", "--beneficiary", id, "--to", "rete", "--purpose", "invio",
            "--scope", "identity", "--as", "sw-alfa",
        ])
        return (registry, id, grant)
    }

    /// The template's folder, removed when the test process exits.
    private static var templateDirectory: URL? { try? template.get().0.directory }

    /// Expects `result` to be a refusal with exit `status` and one sentence on stderr that names
    /// none of `personalValues` and holds no control character, and the dump of `registry` to be
    /// `dump` still.
    static func expectRefused(
        _ result: CommandResult, status: Int32, registry: TemporaryRegistry, unchangedFrom dump: String,
        personalValues: [String] = personalValues, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(
            result.status == status, "\(what): exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[0].hasPrefix("registro: ") && lines[1].isEmpty,
            "\(what): not one sentence: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            !result.stderr.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" },
            "\(what): a control character reached stderr", sourceLocation: sourceLocation)
        for value in personalValues {
            #expect(
                !result.stderr.contains(value), "\(what): a personal value was echoed", sourceLocation: sourceLocation)
        }
        #expect(
            try sqliteDump(registry.database) == dump, "\(what): the registry changed", sourceLocation: sourceLocation)
    }
}
