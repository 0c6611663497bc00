import Foundation
@testable import RegistroKit
import Testing

@Suite("import deliveries, end to end through the registro binary")
struct ImportDeliveriesTests {
    @Test("a 4,000-row import across six organisations stores every row and no plaintext personal data")
    func largeImportAcrossSixOrganisationsLeavesNoPlaintext() throws {
        let registry = try TemporaryRegistry()
        let organisations = ["org1", "org2", "org3", "org4", "org5", "org6"]
        try registry.setUpNetwork(organisations: organisations)
        let people = SyntheticSpreadsheet.people(820)
        var secrets: [String] = []
        var totalRows = 0
        for (index, organisation) in organisations.enumerated() {
            var lines = [SyntheticSpreadsheet.header]
            // Each organisation serves its own people, plus people of the next one (overlaps).
            let served = people[(index * 130)..<(index * 130 + 170)]
            for (offset, person) in served.enumerated() {
                for visit in 0..<4 where lines.count <= 667 {
                    let note = "NotaRiservata\(organisation)x\(offset)v\(visit)"
                    secrets.append(note)
                    lines.append(
                        SyntheticSpreadsheet.row(
                            person, ref: "R\(offset)", date: "2020-0\(1 + visit)-1\(visit)", note: note))
                }
            }
            totalRows += lines.count - 1
            let file = try registry.write("\(organisation).csv", Data((lines.joined(separator: "\n") + "\n").utf8))
            let result = try registry.run(["import", "deliveries", file, "--as", "sw-\(organisation)"])
            #expect(result.status == 0, "import of \(organisation) failed: \(result.stderr)")
            #expect(result.stderr.isEmpty, "a piped import prints no progress bar")
        }
        #expect(totalRows == 4_002)
        let files = registry.databaseFiles()
        for person in people {
            for needle in [person.codiceFiscale, person.givenName, person.familyName] {
                #expect(files.range(of: Data(needle.utf8)) == nil, "a personal field is in the database files in clear")
            }
        }
        for note in secrets {
            #expect(files.range(of: Data(note.utf8)) == nil, "a note is in the database files in clear")
        }
        let count = try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery")
        #expect(count == totalRows)
    }

    @Test(
        "a file with a wrong check character, an unknown service code and 30 February exits 65, names the three lines and stores nothing"
    )
    func invalidRowsAbortTheWholeImport() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let people = SyntheticSpreadsheet.people(4)
        var wrongCheck = people[0].codiceFiscale
        wrongCheck = String(wrongCheck.dropLast()) + (wrongCheck.last == "A" ? "B" : "A")
        let lines = [
            SyntheticSpreadsheet.header,
            SyntheticSpreadsheet.row(people[1], ref: "R1", date: "2020-01-10", note: ""),
            SyntheticSpreadsheet.row(people[0], ref: "R0", date: "2020-01-10", note: "").replacingOccurrences(
                of: people[0].codiceFiscale, with: wrongCheck),
            SyntheticSpreadsheet.row(people[2], ref: "R2", date: "2020-01-11", note: "").replacingOccurrences(
                of: "RT.LAV01", with: "XX.NOPE"),
            SyntheticSpreadsheet.row(people[3], ref: "R3", date: "2021-02-30", note: ""),
        ]
        let file = try registry.write("bad.csv", Data((lines.joined(separator: "\n") + "\n").utf8))
        let before = registry.databaseFiles()
        let result = try registry.run(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.csv:3: codice_fiscale: character 16"))
        #expect(result.stderr.contains("bad.csv:4: service_code: `XX.NOPE` is not a service code"))
        #expect(result.stderr.contains("bad.csv:5: date: the month has fewer days than that"))
        #expect(!result.stderr.contains("bad.csv:2:"), "the valid line is not reported")
        #expect(!result.stderr.contains(wrongCheck), "the rejected codice fiscale is not echoed")
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery") == 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 0)
        _ = before
    }

    @Test(
        "a semicolon-separated Windows-1252 export with Italian dates imports and its accented names read back intact")
    func windows1252SemicolonExportImportsWithAccentsIntact() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let text = """
            Codice Fiscale;Nome;Cognome;Data di nascita;Sesso;Servizio;Data;Ore;Esito;Note\r
            ;Niccolò;D'Alò Müller;03/04/1988;M;RT.LAV01;02/03/2020;1,5;in_corso;Città: colloquio € 0\r
            ;Zoë;Perù;29/02/1988;F;RT.LAV02;31/12/2020;2;tirocinio;\r

            """
        let file = try registry.write("export.csv", text.data(using: .windowsCP1252)!)
        let result = try registry.run(["import", "deliveries", file, "--as", "sw-alfa"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Windows-1252"))
        #expect(result.stdout.contains("separator ;"))
        let names = try openedNames(registry)
        #expect(names.contains("Niccolò D'Alò Müller"))
        #expect(names.contains("Zoë Perù"))
    }

    @Test("a dry run reports what it would import and stores nothing")
    func dryRunStoresNothing() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let person = SyntheticSpreadsheet.people(1)[0]
        let file = try registry.write(
            "one.csv",
            Data(
                (SyntheticSpreadsheet.header + "\n"
                    + SyntheticSpreadsheet.row(person, ref: "R", date: "2020-05-05", note: "") + "\n").utf8))
        let result = try registry.run(["import", "deliveries", file, "--dry-run", "--as", "sw-alfa"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("would import 1 delivery from"))
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery") == 0)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM import_batch") == 0)
    }

    @Test("rows are matched to people by codice fiscale across organisations and by file number within one")
    func rowsMatchByCodiceFiscaleThenByRef() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let people = SyntheticSpreadsheet.people(2)
        let first = [
            SyntheticSpreadsheet.header,
            SyntheticSpreadsheet.row(people[0], ref: "A-1", date: "2020-01-01", note: ""),
            SyntheticSpreadsheet.row(people[1], ref: "A-2", date: "2020-01-02", note: ""),
        ]
        try registry.succeed([
            "import", "deliveries", registry.write("a.csv", Data(first.joined(separator: "\n").utf8)), "--as",
            "sw-alfa",
        ])
        // beta serves the first person (same codice fiscale, its own file number); alfa records
        // the second again by file number only, without the codice fiscale.
        let second = [
            SyntheticSpreadsheet.header,
            SyntheticSpreadsheet.row(people[0], ref: "B-9", date: "2020-02-01", note: ""),
        ]
        try registry.succeed([
            "import", "deliveries", registry.write("b.csv", Data(second.joined(separator: "\n").utf8)), "--as",
            "sw-beta",
        ])
        let third = "service_code,date,ref\nRT.LAV02,2020-03-01,A-2\n"
        try registry.succeed(["import", "deliveries", registry.write("c.csv", Data(third.utf8)), "--as", "sw-alfa"])
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary") == 2)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM delivery") == 4)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(DISTINCT org_id) FROM delivery") == 2)
        #expect(try sqliteCount(registry.database, "SELECT COUNT(*) FROM beneficiary WHERE owner_org = 'alfa'") == 2)
    }

    @Test("an unknown header, a missing required column and a row with too many fields are reported")
    func headerAndShapeProblemsAreReported() throws {
        let registry = try TemporaryRegistry()
        try registry.setUpNetwork()
        let unknown = try registry.run([
            "import", "deliveries", registry.write("h.csv", Data("date,colore\n2020-01-01,blu\n".utf8)), "--as",
            "sw-alfa",
        ])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("h.csv:1: column 2 has the unknown header `colore`"))
        #expect(unknown.stderr.contains("h.csv:1: the header has no `service_code` column"))
        let shape = try registry.run([
            "import", "deliveries",
            registry.write("s.csv", Data("service_code,date\nRT.LAV01,2020-01-01,extra\n".utf8)), "--as", "sw-alfa",
        ])
        #expect(shape.status == 65)
        #expect(shape.stderr.contains("s.csv:2: has 3 fields where the header has 2"))
    }
}

/// "Given family" for every beneficiary of the registry, opened through the library.
func openedNames(_ registry: TemporaryRegistry) throws -> [String] {
    let opened = try Registry.open(at: RegistryLocation(database: registry.database), passphrase: { "" })
    return try sqliteLines(registry.database, "SELECT id FROM beneficiary").map { id in
        let fields = try opened.personalFields(of: id)
        return "\(fields["given_name"] ?? "") \(fields["family_name"] ?? "")"
    }
}
