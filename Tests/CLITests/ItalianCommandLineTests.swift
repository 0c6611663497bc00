import Foundation
import Testing

/// The command line speaks Italian when the locale says so: case files, reports, import
/// summaries and problems, errors and denials, from the pages' catalogue; English otherwise; JSON
/// and CSV the same in both.
@Suite("the command line in Italian with LANG=it_IT.UTF-8, in English with LANG=C, JSON and CSV unchanged")
struct ItalianCommandLineTests {
    /// A spreadsheet with Italian headings, `;`-separated, with hours written `1,5`.
    static let sheet = """
        Cognome;Nome;Sesso;Servizio;Data;Ore
        Neri;Anna;F;RT.LAV01;02/03/2020;1,5

        """

    /// A registry with one network, and one person imported by `sw-alfa` from `sheet` (whose
    /// summary is in Italian) when `start` asks for them; returns the person's id, or an empty
    /// string.
    static func registry(_ start: LocalisedCase.Start) throws -> (TemporaryRegistry, String) {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        guard case .onePerson = start else { return (registry, "") }
        let file = try registry.write("prestazioni.csv", Data(sheet.utf8))
        let output = try registry.succeed(
            ["import", "deliveries", file, "--as", "sw-alfa"], environment: CommandLocale.italian.environment)
        #expect(output.contains("importazione da \(file)"))
        #expect(output.contains(": 1 prestazione, 1 persona nuova, 0 righe abbinate a persone già note"))
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("riga 2: ") })
        #expect(line.hasSuffix(" nuova"))
        return (registry, String(line.split(separator: " ")[2]))
    }

    @Test("each subject in Italian and in English, machine formats alike", arguments: ItalianCommandLineCases.all)
    func speaksTheLocalesLanguage(_ subject: LocalisedCase) throws {
        let (registry, person) = try Self.registry(subject.start)
        try subject.run(on: registry, person: person)
    }
}
