import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// Three ways an import's shortcuts could go wrong, end to end through the library's import: a
/// created person's key looked up by slot after another slot took its place, rows queued after
/// new people's keys were inserted early, and a faulty vulnerability list met twice.
@Suite("import deliveries: keys by slot, rows after an early flush, a faulty list met twice")
struct ImportKeysAndMemoTests {
    typealias Rows = DeliveryImportTests

    /// The id of the person whose file number is `ref`.
    static func person(withRef ref: String, _ fixture: ImportFixture) throws -> String {
        try #require(
            try fixture.registry.database.read { db in
                try String.fetchOne(db, sql: "SELECT id FROM beneficiary WHERE ref = ?", arguments: [ref])
            })
    }

    /// The notes of the deliveries of `beneficiary`'s case file, as `actor` reads it, by date.
    static func caseNotes(of beneficiary: String, as actor: String, _ fixture: ImportFixture) throws -> [String?] {
        try fixture.registry.session(as: actor).sharing.caseFile(of: beneficiary, purpose: "presa_in_carico_condivisa")
            .deliveries.sorted { $0.date < $1.date }.map(\.notes)
    }

    @Test("a created person's notes are sealed under their own key after their slot's place was taken")
    func notesAfterSlotPlaceTakenOpenUnderTheirOwnKey() throws {
        let fixture = try ImportFixture()
        let paola = ["ref": "P-1", "given_name": "Paola", "family_name": "Prima", "sex": "F"]
        // Each new person named by file number gets the next slot, from 0 (`RowParser`), and a
        // slot's key its place, the slot modulo `SlotKeys.capacity`: Paola has slot 0, the others
        // 1 to 4,096, and the last of them, slot 4,096, takes Paola's place 0. Her later row then
        // finds no key by slot, and the writer reads hers from the database.
        let others = SlotKeys.capacity
        let otherRows = (1...others).map { index in
            Rows.row(
                Rows.delivery(
                    "RT.LAV01", "2020-02-01",
                    [
                        "ref": "R-\(index)", "given_name": "Altra", "family_name": "Persona", "sex": "M",
                        "notes": index == others ? "nota di chi prese il posto" : "",
                    ]))
        }
        let file =
            ([
                Rows.header,
                Rows.row(
                    paola.merging(Rows.delivery("RT.LAV01", "2020-01-10", ["notes": "prima nota di Paola"])) { $1 }),
            ] + otherRows + [
                Rows.row(
                    paola.merging(Rows.delivery("RT.LAV02", "2020-03-10", ["notes": "seconda nota di Paola"])) { $1 })
            ]).joined(separator: "\n") + "\n"
        let summary = try fixture.importing(file, as: "sw-alfa").get()
        #expect(summary.peopleCreated == others + 1 && summary.rowsMatched == 1)

        let paolaID = try Self.person(withRef: "P-1", fixture)
        #expect(
            try Self.caseNotes(of: paolaID, as: "sw-alfa", fixture) == ["prima nota di Paola", "seconda nota di Paola"])
        let placeTaker = try Self.person(withRef: "R-\(others)", fixture)
        #expect(try Self.caseNotes(of: placeTaker, as: "sw-alfa", fixture) == ["nota di chi prese il posto"])
    }

    /// A delivery as its row gave it: the file number of its person, its hours, project and notes.
    struct DeliveryRow: Equatable {
        var ref: String
        var hours: Double?
        var project: String?
        var notes: String?
    }

    @Test("rows queued after new people's keys were inserted early are stored with their own values")
    func rowsQueuedAfterAnEarlyFlushKeepTheirValues() throws {
        let fixture = try ImportFixture()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func newPerson(_ index: Int) -> [String: String] {
            ["ref": "Q-\(index)", "given_name": "Ca\(letters[index % 26])", "family_name": "Persona", "sex": "F"]
        }
        // Hours, project and notes that change from row to row, some equal to the row before's;
        // every row has notes but those numbered 3 modulo 4.
        let hours = ["1", "2,5", "", "2,5", "0,25"]
        let projects = ["alfa-1", "alfa-1", "", "beta-2"]
        func deliveryFields(_ index: Int) -> [String: String] {
            [
                "hours": hours[index % hours.count], "project": projects[index % projects.count],
                "notes": index % 4 == 3 ? "" : "nota \(index)",
            ]
        }
        let sara = [
            "codice_fiscale": Rows.neri, "ref": "S-1", "given_name": "Sara", "family_name": "Neri", "sex": "F",
        ]
        var lines = [Rows.header]
        var expected: [DeliveryRow] = []
        func add(_ person: [String: String], ref: String, _ index: Int) {
            let fields = deliveryFields(index)
            lines.append(Rows.row(person.merging(Rows.delivery("RT.LAV01", "2020-01-10", fields)) { $1 }))
            expected.append(
                DeliveryRow(
                    ref: ref,
                    hours: fields["hours"]!.isEmpty ? nil : Double(fields["hours"]!.replacing(",", with: ".")),
                    project: fields["project"]!.isEmpty ? nil : fields["project"],
                    notes: fields["notes"]!.isEmpty ? nil : fields["notes"]))
        }
        // Four new people and Sara: five keys queued, fewer than a statement's 16.
        for index in 0..<4 { add(newPerson(index), ref: "Q-\(index)", index) }
        add(sara, ref: "S-1", 4)
        // Sara by her codice fiscale alone: other person columns, so a person of its own to the
        // parser, found by blind index; her key is not at hand, and the writer reads it, inserting
        // the five keys queued first: only notes need the key, and this row (5) has some.
        add(["codice_fiscale": Rows.neri], ref: "S-1", 5)
        // New people after the early insert: their keys bound from the statement's first row again,
        // a statement of 16 run and the last few inserted at the end; deliveries cross statements too.
        for index in 6..<40 { add(newPerson(index), ref: "Q-\(index)", index) }
        add(sara, ref: "S-1", 40)
        let summary = try fixture.importing(lines.joined(separator: "\n") + "\n", as: "sw-alfa").get()
        #expect(summary.peopleCreated == 39 && summary.rowsMatched == 2)

        let keys = try fixture.registry.keys()
        let stored = try fixture.registry.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT delivery.id, beneficiary_id, beneficiary.ref, hours, project, delivery.notes FROM delivery
                    JOIN beneficiary ON beneficiary.id = beneficiary_id ORDER BY delivery.id
                    """
            ).map { row in
                let id: Int64 = row["id"]
                let notes = try (row["notes"] as Data?).map { sealed in
                    try FieldSealing.open(
                        Array(sealed), at: FieldLocation(table: "delivery", column: "notes", row: String(id)),
                        with: keys.dataKey(for: row["beneficiary_id"], db))
                }
                return DeliveryRow(ref: row["ref"], hours: row["hours"], project: row["project"], notes: notes)
            }
        }
        #expect(stored == expected)

        let people = try fixture.registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, ref FROM beneficiary").map {
                ($0["id"] as String, $0["ref"] as String)
            }
        }
        #expect(people.count == 40 - 1)
        for (id, ref) in people {
            let fields = try fixture.registry.personalFields(of: id)
            let index = Int(ref.dropFirst(2))!
            let expectedName = ref == "S-1" ? "Sara" : "Ca\(letters[index % 26])"
            #expect(fields["given_name"] == expectedName, "person \(ref)")
        }
    }

    @Test("the same faulty vulnerability list on two new people is reported on both rows")
    func faultyVulnerabilityListIsReportedOnEachRow() throws {
        let fixture = try ImportFixture()
        let before = try RegistryDump.lines(fixture.registry)
        let file =
            ([Rows.header]
            + ["Q-1", "Q-2"].map { ref in
                Rows.row(
                    Rows.delivery(
                        "RT.LAV01", "2020-01-10",
                        [
                            "ref": ref, "given_name": "Carla", "family_name": "Persona", "sex": "F",
                            "vulnerabilities": "neet;nessuna",
                        ]))
            }).joined(separator: "\n") + "\n"
        let failure = try #require(throws: ImportFailure.self) {
            try fixture.importing(file, as: "sw-alfa", name: "bad.csv").get()
        }
        #expect(
            failure.problems
                == [2, 3].map {
                    "bad.csv:\($0): vulnerabilities: `nessuna` is not a vulnerability code; see the vulnerability codes"
                })
        #expect(failure.error.contains("bad.csv: 2 problems found; nothing was imported"))
        #expect(try RegistryDump.lines(fixture.registry) == before)
    }

    @Test("a registry fault met mid-import is told as itself, not as a file that could not be read")
    func registryFaultIsNotBlamedOnTheFile() throws {
        let fixture = try ImportFixture()
        let first = [Rows.header, Rows.row(Rows.anna.merging(Rows.delivery("RT.LAV01", "2020-01-10")) { $1 })]
        _ = try fixture.importing(first.joined(separator: "\n") + "\n", as: "sw-alfa").get()
        let anna = try Self.person(withRef: "A-1", fixture)
        // A damaged registry: Anna's wrapped data key gone, as no command leaves it.
        try fixture.registry.database.write { db in
            try db.execute(sql: "DELETE FROM beneficiary_key WHERE beneficiary_id = ?", arguments: [anna])
        }
        let deliveries = {
            try fixture.registry.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM delivery") }
        }
        let before = try deliveries()
        let second = [
            Rows.header,
            Rows.row(Rows.anna.merging(Rows.delivery("RT.LAV02", "2020-02-10", ["notes": "seconda nota"])) { $1 }),
            Rows.row(Rows.luca.merging(Rows.delivery("RT.LAV01", "2020-02-11")) { $1 }),
        ]
        guard case .failure(let failure) = fixture.importing(second.joined(separator: "\n") + "\n", as: "sw-alfa")
        else {
            Issue.record("the import went through without Anna's key")
            return
        }
        #expect(failure.error.contains("was erased or does not exist"), "\(failure.error)")
        #expect(!failure.error.contains("could not be read"), "\(failure.error)")
        #expect(failure.problems.isEmpty, "\(failure.problems)")
        #expect(try deliveries() == before)
    }
}
