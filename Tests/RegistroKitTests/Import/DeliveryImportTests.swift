import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// What an import stores and reports, pinned row by row: matching by codice fiscale and by
/// file number, people created, vulnerabilities, sealed fields, clear columns, the import's
/// batch and audit entry, and the problems of invalid rows.
@Suite("import deliveries: what is stored and reported")
struct DeliveryImportTests {
    static let columns = [
        "codice_fiscale", "ref", "given_name", "family_name", "birth_date", "sex", "citizenship", "comune", "phone",
        "email",
        "address", "vulnerabilities", "sensitive", "service_code", "date", "hours", "channel", "outcome", "impact",
        "notes",
        "project",
    ]
    static let header = columns.joined(separator: ",")

    /// A CSV row with `fields` by column name, every other column empty.
    static func row(_ fields: [String: String]) -> String {
        precondition(Set(fields.keys).isSubset(of: columns))
        return columns.map { name in
            let value = fields[name] ?? ""
            return value.contains(",") || value.contains("\"")
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",")
    }

    static let rossi = ImportFixture.codiceFiscale("Rossi", "Anna", 1994, 9, 12, female: true)
    static let verdi = ImportFixture.codiceFiscale("Verdi", "Luca", 1980, 1, 5, female: false)
    static let neri = ImportFixture.codiceFiscale("Neri", "Sara", 2001, 4, 30, female: true)
    static let gialli = ImportFixture.codiceFiscale("Gialli", "Paolo", 1975, 6, 1, female: false)

    static let anna: [String: String] = [
        "codice_fiscale": rossi, "ref": "A-1", "given_name": "Anna", "family_name": "Rossi", "birth_date": "12/09/1994",
        "citizenship": "IT", "comune": "Asti", "phone": "+39 0131-123 456", "email": " anna@example.org ",
        "address": "Via Roma 1, Asti", "vulnerabilities": "disoccupazione;neet", "sensitive": "Invalidità 50%",
    ]
    static let luca: [String: String] = [
        "ref": "A-2", "given_name": "Luca", "family_name": "Verdi", "sex": "M", "birth_date": "1980-01-05",
        "citizenship": "EXTRA_EU", "comune": "Nizza Monferrato", "vulnerabilities": "migrazione",
    ]
    static func delivery(_ service: String, _ date: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["service_code": service, "date": date].merging(extra) { $1 }
    }

    /// The file of `alfa`: every way a row finds or creates its person.
    static let alfaFile =
        ([header] + [
            row(
                anna.merging(
                    delivery(
                        "RT.LAV01", "10/01/2020",
                        [
                            "hours": "1,5", "channel": "cpi", "outcome": "in_corso", "impact": "7/10",
                            "notes": "Primo colloquio, €", "project": " prova ",
                        ])
                ) { $1 }),
            row(anna.merging(delivery("RT.LAV02", "2020-01-17", ["hours": "2", "impact": "8"])) { $1 }),
            row(anna.merging(delivery("RT.LAV02", "2020-01-24", ["vulnerabilities": "neet; lavoro_povero"])) { $1 }),
            row(luca.merging(delivery("RT.LAV01", "2020-02-01", ["channel": " servizi_sociali "])) { $1 }),
            row(delivery("RT.LAV03", "2020-02-08", ["ref": "A-2", "notes": "solo il numero di fascicolo"])),
            row(
                luca.merging(delivery("RT.LAV03", "2020-02-15", ["codice_fiscale": verdi, "vulnerabilities": ""])) {
                    $1
                }),
            row(delivery("RT.LAV01", "2020-03-01", ["given_name": "Mario", "family_name": "Bianchi", "sex": "M"])),
            row(delivery("RT.LAV01", "2020-03-01", ["given_name": "Mario", "family_name": "Bianchi", "sex": "M"])),
            row(anna.merging(delivery("RT.LAV01", "2020-03-02", ["ref": "A-9", "given_name": "Annina"])) { $1 }),
            row(
                delivery(
                    "RT.LAV01", "2020-03-03",
                    ["codice_fiscale": neri.lowercased(), "given_name": "Sara", "family_name": "Neri"])),
            // The person columns of earlier rows again, after other people's rows.
            row(anna.merging(delivery("RT.LAV03", "2020-03-04")) { $1 }),
            row(luca.merging(delivery("RT.LAV03", "2020-03-05", ["notes": "di nuovo"])) { $1 }),
        ]).joined(separator: "\n") + "\n"

    /// The file of `beta`: people of `alfa` found by codice fiscale, one by a file number of beta's own.
    static let betaFile =
        ([header] + [
            row(
                delivery(
                    "RT.CAS01", "2020-04-01",
                    ["codice_fiscale": rossi, "ref": "B-1", "vulnerabilities": "disagio_abitativo"])),
            row(
                delivery(
                    "RT.CAS01", "2020-04-02", ["ref": "A-1", "given_name": "Anna", "family_name": "Rossi", "sex": "F"])),
        ]).joined(separator: "\n") + "\n"

    @Test(
        "rows find their person by codice fiscale, then by file number, else create one; everything is stored as pinned"
    )
    func storedRegistryIsPinned() throws {
        let fixture = try ImportFixture()
        let alfa = try fixture.importing(Self.alfaFile, as: "sw-alfa").get()
        #expect(
            alfa
                == ImportSummary(
                    rows: 12, peopleCreated: 5, rowsMatched: 7, fileDigest: alfa.fileDigest, encoding: "UTF-8",
                    separator: ",", dryRun: false))
        let beta = try fixture.importing(Self.betaFile, as: "sw-beta").get()
        #expect(beta.peopleCreated == 1 && beta.rowsMatched == 1)
        #expect(try RegistryDump.lines(fixture.registry).joined(separator: "\n") == Self.expectedDump)
    }

    @Test("every problem of every row is reported, by line and column, and nothing is stored")
    func problemsArePinned() throws {
        let fixture = try ImportFixture()
        _ = try fixture.importing(Self.alfaFile, as: "sw-alfa").get()
        let before = try RegistryDump.lines(fixture.registry)
        let file =
            ([Self.header] + [
                // Anna's file number with a codice fiscale nobody has.
                Self.row(Self.delivery("RT.LAV01", "2020-05-01", ["codice_fiscale": Self.gialli, "ref": "A-1"])),
                // Anna, found by codice fiscale, with a phone that is not one: reported on both lines.
                Self.row(Self.anna.merging(Self.delivery("RT.LAV01", "2020-05-02", ["phone": "12ab"])) { $1 }),
                Self.row(Self.anna.merging(Self.delivery("RT.LAV01", "2020-05-03", ["phone": "12ab"])) { $1 }),
                // A new person without names, with an unknown vulnerability and a bad delivery.
                Self.row(
                    Self.delivery(
                        "XX.NOPE", "31/02/2020",
                        [
                            "ref": "A-77", "vulnerabilities": "neet;nessuna", "hours": "1,234", "impact": "11",
                            "channel": "posta",
                        ])),
                // A delivery in the future and a control character in the notes.
                Self.row(Self.anna.merging(Self.delivery("RT.LAV01", "2099-01-01", ["notes": "a\u{7}b"])) { $1 }),
                "RT.LAV01,2020-01-01",
                // A new person without names and sex.
                Self.row(Self.delivery("RT.LAV01", "2020-05-05", ["ref": "A-78", "comune": "Asti"])),
                Self.row(
                    Self.anna.merging(
                        Self.delivery(
                            "RT.LAV01", "2020-05-04", ["birth_date": "1994-09-31", "sex": "Q", "email": "nobody"])
                    ) { $1 }),
            ]).joined(separator: "\n") + "\n"
        let failure = try #require(throws: ImportFailure.self) {
            try fixture.importing(file, as: "sw-alfa", name: "bad.csv").get()
        }
        #expect(failure.problems.joined(separator: "\n") == Self.expectedProblems)
        #expect(
            failure.error.contains("bad.csv: 18 problems found; nothing was imported; fix the file and import it again")
        )
        #expect(try RegistryDump.lines(fixture.registry) == before)
    }

    @Test(
        "a person created by a row is matched by their rows hundreds of rows later, read while earlier rows were being stored"
    )
    func personCreatedEarlyIsMatchedFarLater() throws {
        let fixture = try ImportFixture()
        let sara = Self.delivery(
            "RT.LAV01", "2020-03-03", ["codice_fiscale": Self.neri, "given_name": "Sara", "family_name": "Neri"])
        let annaRows = (0..<1_000).map { _ in
            Self.row(Self.anna.merging(Self.delivery("RT.LAV02", "2020-01-17")) { $1 })
        }
        let file = ([Self.header, Self.row(sara)] + annaRows + [Self.row(sara)]).joined(separator: "\n") + "\n"
        let summary = try fixture.importing(file, as: "sw-alfa").get()
        #expect(summary.rows == 1_002 && summary.peopleCreated == 2 && summary.rowsMatched == 1_000)
    }

    @Test("a person a row cannot be matched to is looked for again on each later row that repeats them")
    func unmatchedPersonIsReportedOnEachOfTheirRows() throws {
        let fixture = try ImportFixture()
        _ = try fixture.importing(Self.alfaFile, as: "sw-alfa").get()
        // Anna's file number with a codice fiscale nobody has, twice, around a valid row.
        let stranger = Self.row(Self.delivery("RT.LAV01", "2020-05-01", ["codice_fiscale": Self.gialli, "ref": "A-1"]))
        let file =
            [
                Self.header, stranger, Self.row(Self.anna.merging(Self.delivery("RT.LAV01", "2020-05-02")) { $1 }),
                stranger,
            ]
            .joined(separator: "\n") + "\n"
        let failure = try #require(throws: ImportFailure.self) {
            try fixture.importing(file, as: "sw-alfa", name: "bad.csv").get()
        }
        #expect(
            failure.problems
                == [2, 4].map {
                    "bad.csv:\($0): ref: your organisation's person with this file number has another codice fiscale; check both"
                })
    }

    @Test("a dry run validates and matches like the import, and stores nothing")
    func dryRunMatchesTheImport() throws {
        let fixture = try ImportFixture()
        let before = try RegistryDump.lines(fixture.registry)
        let dry = try fixture.importing(Self.alfaFile, as: "sw-alfa", dryRun: true).get()
        #expect(
            try RegistryDump.lines(fixture.registry) == before.dropLast() + [
                "audit import \"sw-alfa\" \"alfa\" NULL rows=12 \"dry run: new people: 5, rows matched: 7\"",
                "foreign key violations: 0",
            ])
        let real = try fixture.importing(Self.alfaFile, as: "sw-alfa").get()
        #expect(dry.rows == real.rows && dry.peopleCreated == real.peopleCreated && dry.rowsMatched == real.rowsMatched)
        #expect(dry.dryRun && !real.dryRun)
    }
}

extension DeliveryImportTests {
    /// The registry after the files of `alfa` and `beta`, as `RegistryDump` shows it.
    static let expectedDump = """
        beneficiary P1 owner_org="alfa" created_by="sw-alfa" ref="A-1" sex="F" birth_year=1994 citizenship="IT" comune="Asti" cf_index=matches given_name=Anna family_name=Rossi codice_fiscale=RSSNNA94P52A479Q birth_date=1994-09-12 phone=+390131123456 email=anna@example.org address=Via Roma 1, Asti sensitive=Invalidità 50%
        beneficiary P2 owner_org="alfa" created_by="sw-alfa" ref="A-2" sex="M" birth_year=1980 citizenship="EXTRA_EU" comune="Nizza Monferrato" cf_index=matches given_name=Luca family_name=Verdi codice_fiscale=VRDLCU80A05A479K birth_date=1980-01-05
        beneficiary P3 owner_org="alfa" created_by="sw-alfa" ref=NULL sex="M" birth_year=NULL citizenship=NULL comune=NULL cf_index=none given_name=Mario family_name=Bianchi
        beneficiary P4 owner_org="alfa" created_by="sw-alfa" ref=NULL sex="M" birth_year=NULL citizenship=NULL comune=NULL cf_index=none given_name=Mario family_name=Bianchi
        beneficiary P5 owner_org="alfa" created_by="sw-alfa" ref=NULL sex="F" birth_year=2001 citizenship=NULL comune=NULL cf_index=matches given_name=Sara family_name=Neri codice_fiscale=NRESRA01D70A479W birth_date=2001-04-30
        beneficiary P6 owner_org="beta" created_by="sw-beta" ref="A-1" sex="F" birth_year=NULL citizenship=NULL comune=NULL cf_index=none given_name=Anna family_name=Rossi
        beneficiary_key rows of generation 0: 6
        vulnerability P1 alfa disoccupazione
        vulnerability P1 alfa lavoro_povero
        vulnerability P1 alfa neet
        vulnerability P1 beta disagio_abitativo
        vulnerability P2 alfa migrazione
        delivery 1 P1 org_id="alfa" recorded_by="sw-alfa" date="2020-01-10" service_code="RT.LAV01" hours=1.5 channel="cpi" outcome="in_corso" impact=7 project="prova" import_id=1 notes=Primo colloquio, €
        delivery 2 P1 org_id="alfa" recorded_by="sw-alfa" date="2020-01-17" service_code="RT.LAV02" hours=2.0 channel=NULL outcome=NULL impact=8 project=NULL import_id=1 notes=NULL
        delivery 3 P1 org_id="alfa" recorded_by="sw-alfa" date="2020-01-24" service_code="RT.LAV02" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 4 P2 org_id="alfa" recorded_by="sw-alfa" date="2020-02-01" service_code="RT.LAV01" hours=NULL channel="servizi_sociali" outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 5 P2 org_id="alfa" recorded_by="sw-alfa" date="2020-02-08" service_code="RT.LAV03" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=solo il numero di fascicolo
        delivery 6 P2 org_id="alfa" recorded_by="sw-alfa" date="2020-02-15" service_code="RT.LAV03" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 7 P3 org_id="alfa" recorded_by="sw-alfa" date="2020-03-01" service_code="RT.LAV01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 8 P4 org_id="alfa" recorded_by="sw-alfa" date="2020-03-01" service_code="RT.LAV01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 9 P1 org_id="alfa" recorded_by="sw-alfa" date="2020-03-02" service_code="RT.LAV01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 10 P5 org_id="alfa" recorded_by="sw-alfa" date="2020-03-03" service_code="RT.LAV01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 11 P1 org_id="alfa" recorded_by="sw-alfa" date="2020-03-04" service_code="RT.LAV03" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=NULL
        delivery 12 P2 org_id="alfa" recorded_by="sw-alfa" date="2020-03-05" service_code="RT.LAV03" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=1 notes=di nuovo
        delivery 13 P1 org_id="beta" recorded_by="sw-beta" date="2020-04-01" service_code="RT.CAS01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=2 notes=NULL
        delivery 14 P6 org_id="beta" recorded_by="sw-beta" date="2020-04-02" service_code="RT.CAS01" hours=NULL channel=NULL outcome=NULL impact=NULL project=NULL import_id=2 notes=NULL
        import_batch 1 alfa sw-alfa rows=12 people=5 digest_hex_length=64
        import_batch 2 beta sw-beta rows=2 people=1 digest_hex_length=64
        audit import "sw-alfa" "alfa" "import:1" rows=12 "new people: 5, rows matched: 7"
        audit import "sw-beta" "beta" "import:2" rows=2 "new people: 1, rows matched: 1"
        foreign key violations: 0
        """
    /// The problems of the invalid file, in the order they are reported.
    static let expectedProblems = """
        bad.csv:2: ref: your organisation's person with this file number has another codice fiscale; check both
        bad.csv:3: phone: character 3 cannot be in a phone number; write digits, with + - . / ( ) or spaces between them
        bad.csv:4: phone: character 3 cannot be in a phone number; write digits, with + - . / ( ) or spaces between them
        bad.csv:5: vulnerabilities: `nessuna` is not a vulnerability code; see the vulnerability codes
        bad.csv:5: service_code: `XX.NOPE` is not a service code; see the service codes
        bad.csv:5: date: the month has fewer days than that; check the day and the month
        bad.csv:5: hours: character 5 is a third decimal; write hours with at most two decimals, such as 1,25
        bad.csv:5: channel: `posta` is not a channel code; see the channel codes
        bad.csv:5: impact: the impact should be a whole number from 1 to 10
        bad.csv:6: date: is in the future; record deliveries once they happened
        bad.csv:6: notes: character 2 is a control character; remove it
        bad.csv:7: has 2 fields where the header has 21; quote fields that contain the separator
        bad.csv:8: given_name: is empty, and a new person needs it; fill it in
        bad.csv:8: family_name: is empty, and a new person needs it; fill it in
        bad.csv:8: sex: is empty, and a new person needs it; fill it in
        bad.csv:9: birth_date: the month has fewer days than that; check the day and the month
        bad.csv:9: sex: the value is not one of F, M, X
        bad.csv:9: email: has no @; an email address looks like name@example.it
        """
}

@Suite("import deliveries: foreign keys")
struct ImportForeignKeyTests {
    @Test("every foreign key of the tables an import writes is one the importer checks itself")
    func importerChecksEveryForeignKeyOfItsTables() throws {
        let fixture = try ImportFixture()
        let references = try fixture.registry.database.read { db in
            try [
                "beneficiary", "beneficiary_key", "beneficiary_vulnerability", "special_vulnerability", "import_batch",
                "delivery",
                "audit_entry",
            ]
            .flatMap { (name: String) in
                try Row.fetchAll(
                    db, sql: "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)", arguments: [name]
                )
                .map { row in "\(name).\(row["from"] as String) → \(row["table"] as String).\(row["to"] as String)" }
            }
        }
        #expect(Set(references) == DeliveryImporter.checkedReferences)
        #expect(references.count == DeliveryImporter.checkedReferences.count)
    }

    @Test("SQLite checks foreign keys again once an import is over")
    func foreignKeysAreCheckedAfterAnImport() throws {
        let fixture = try ImportFixture()
        _ = try fixture.importing(DeliveryImportTests.alfaFile, as: "sw-alfa").get()
        _ = fixture.importing("service_code,date\nNO.CODE,2020-01-01\n", as: "sw-alfa")
        #expect(throws: (any Error).self) {
            try fixture.registry.database.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES ('nobody', 0, x'00')"
                )
            }
        }
        #expect(try fixture.registry.database.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true)
    }
}
