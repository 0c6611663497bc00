import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// The import's division of work: new people sealed ahead on the reading thread, deliveries
/// inserted several at a time by one statement.
@Suite("import deliveries: people sealed ahead, deliveries inserted several at a time")
struct ImportPipelineTests {
    @Test("a person sealed ahead under an id another person already has is sealed again under a new id that opens")
    func sealedAheadIdClashIsSealedAgain() throws {
        let fixture = try ImportFixture()
        let keys = try fixture.registry.keys()
        let user = try fixture.registry.session(as: "sw-alfa").user
        try fixture.registry.database.write { db in
            let writer = try RecordWriter(db, keys: keys, actor: user)
            let person = ValidBeneficiary(
                givenName: "Anna", familyName: "Rossi", sex: .female, vulnerabilities: [],
                specialVulnerabilities: ["dipendenze"])
            let sealed = writer.makePersonSealer().seal(person)
            try db.execute(
                sql: """
                    INSERT INTO beneficiary (id, owner_org, created_by, created_at, sex)
                    VALUES (?, 'beta', 'sw-beta', '2020-01-01T00:00:00Z', 'M')
                    """,
                arguments: [sealed.id])

            let id = try writer.createBeneficiary(person, sealed: sealed)

            #expect(id != sealed.id)
            let row = try #require(
                try Row.fetchOne(
                    db, sql: "SELECT given_name, owner_org FROM beneficiary WHERE id = ?", arguments: [id]))
            #expect(row["owner_org"] as String == "alfa")
            let key = try keys.dataKey(for: id, db)
            let givenName = FieldLocation(table: "beneficiary", column: "given_name", row: id)
            #expect(try FieldSealing.open(Array(row["given_name"] as Data), at: givenName, with: key) == "Anna")
            let codes = try #require(
                try Data.fetchOne(
                    db, sql: "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?", arguments: [id]))
            let special = try SpecialVulnerabilities.open(Array(codes), of: id, with: key)
            #expect(special.entries.map(\.code) == ["dipendenze"])
            // The person who had the id first is left as they were.
            let firstOwner = try String.fetchOne(
                db, sql: "SELECT owner_org FROM beneficiary WHERE id = ?", arguments: [sealed.id])
            #expect(firstOwner == "beta")
        }
    }

    @Test("deliveries inserted several at a time are numbered and stored in file order, the last few too")
    func deliveriesKeepFileOrderAcrossBatches() throws {
        let fixture = try ImportFixture()
        let people = [
            ["codice_fiscale": DeliveryImportTests.rossi, "given_name": "Anna", "family_name": "Rossi"],
            ["codice_fiscale": DeliveryImportTests.verdi, "given_name": "Luca", "family_name": "Verdi"],
            ["ref": "A-3", "given_name": "Sara", "family_name": "Neri", "sex": "F"],
        ]
        let firstDay = CalendarDate(year: 2019, month: 1, day: 1)!.daysSinceEpoch
        let count = RecordWriter.deliveriesPerStatement * 3 + 5
        let dates = (0..<count).map { CalendarDate(daysSinceEpoch: firstDay + $0 % 700).description }
        let rows = (0..<count).map { index in
            DeliveryImportTests.row(
                people[(index * 7 / 3) % 3].merging(
                    DeliveryImportTests.delivery("RT.LAV01", dates[index])
                ) { $1 })
        }
        let file = ([DeliveryImportTests.header] + rows).joined(separator: "\n") + "\n"
        let summary = try fixture.importing(file, as: "sw-alfa").get()
        #expect(summary.rows == count && summary.peopleCreated == 3)

        let stored = try fixture.registry.database.read { db in
            try Row.fetchAll(db, sql: "SELECT beneficiary_id, date FROM delivery ORDER BY id")
        }
        #expect(stored.map { $0["date"] as String } == dates)
        // Each row's person, named by the order in which people first appear in the file.
        var order: [String: Int] = [:]
        let named = stored.map { row -> Int in
            let id: String = row["beneficiary_id"]
            if order[id] == nil { order[id] = order.count }
            return order[id]!
        }
        let firstSeen = (0..<count).map { ($0 * 7 / 3) % 3 }
        var expectedOrder: [Int: Int] = [:]
        let expected = firstSeen.map { person -> Int in
            if expectedOrder[person] == nil { expectedOrder[person] = expectedOrder.count }
            return expectedOrder[person]!
        }
        #expect(named == expected)
    }

    @Test("past its limit the import's permission forgets whom it allowed, decides them again, keeps its refusals")
    func permissionForgetsOnlyAllowedPeople() throws {
        let fixture = try ImportFixture()
        _ = try fixture.importing(DeliveryImportTests.alfaFile, as: "sw-alfa").get()
        try fixture.registry.session(as: "admin").organisations.addUser(
            Operator(id: "dpo", name: "Responsabile protezione dati", org: "alfa", role: .privacyOfficer))
        let ids = try fixture.registry.database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM beneficiary WHERE owner_org = 'alfa' ORDER BY id")
        }
        #expect(ids.count >= 3)
        let (restricted, allowed, others) = (ids[0], ids[1], ids[2...])
        try fixture.registry.session(as: "dpo").subjectRights
            .restrictSubject(restricted, reason: "richiesta dell'interessata")
        let user = try fixture.registry.session(as: "sw-alfa").user
        try fixture.registry.database.write { db in
            let permission = RecordingPermission(gate: try AccessGate(user: user, db), db, rememberedLimit: 2)
            #expect(try permission.problem(recordingFor: restricted) != nil)
            #expect(try permission.problem(recordingFor: allowed) == nil)

            for other in others {
                #expect(try permission.problem(recordingFor: other) == nil)
                #expect(permission.rememberedCount <= 2)
            }

            #expect(try permission.problem(recordingFor: allowed) == nil)
            #expect(permission.rememberedCount <= 2)
            #expect(try permission.problem(recordingFor: restricted) != nil)
            #expect(permission.denials.count == 1)
        }
    }

    @Test("a row is warned of as repeating a delivery only when that delivery was stored before the import")
    func repeatedDeliveryWarnedOnlyWhenStoredBefore() throws {
        let fixture = try ImportFixture()
        let anna = ["codice_fiscale": DeliveryImportTests.rossi, "given_name": "Anna", "family_name": "Rossi"]
        let luca = ["codice_fiscale": DeliveryImportTests.verdi, "given_name": "Luca", "family_name": "Verdi"]
        func file(_ rows: [[String: String]]) -> String {
            ([DeliveryImportTests.header] + rows.map(DeliveryImportTests.row)).joined(separator: "\n") + "\n"
        }
        let stored = DeliveryImportTests.delivery("RT.LAV01", "10/01/2020")
        let other = DeliveryImportTests.delivery("RT.LAV01", "11/01/2020")
        _ = try fixture.importing(file([anna.merging(stored) { $1 }]), as: "sw-alfa").get()

        var warned: [Int] = []
        let summary = try fixture.registry.session(as: "sw-alfa").imports.importDeliveries(
            from: .bytes(
                Array(
                    file([
                        anna.merging(stored) { $1 }, anna.merging(other) { $1 }, anna.merging(other) { $1 },
                        luca.merging(stored) { $1 }, luca.merging(stored) { $1 }, anna.merging(stored) { $1 },
                    ]).utf8), name: "later.csv"),
            report: { Issue.record("unexpected problem: \($0)") }, warn: { warned.append($0.line) })

        #expect(summary.rows == 6 && summary.peopleCreated == 1)
        // Lines 2 and 7 repeat Anna's delivery of the first import; lines 4 and 6 only rows of this one.
        #expect(warned == [2, 7])
    }

    @Test(
        "a person inserted as new is refused, changing nothing, when their id, codice fiscale or file number is taken")
    func newPersonInsertRefusedByUniqueIndexes() throws {
        let fixture = try ImportFixture()
        let keys = try fixture.registry.keys()
        let user = try fixture.registry.session(as: "sw-alfa").user
        try fixture.registry.database.write { db in
            let writer = try RecordWriter(db, keys: keys, actor: user)
            let sealer = writer.makePersonSealer()
            let anna = ValidBeneficiary(
                givenName: "Anna", familyName: "Rossi", codiceFiscale: try CodiceFiscale(DeliveryImportTests.rossi),
                sex: .female, vulnerabilities: ["disoccupazione"], ref: "A-1")
            let annaSealed = sealer.seal(anna)
            let first = try #require(try writer.createQueuedBeneficiaryIfNew(anna, sealed: annaSealed))
            var sameCode = anna
            sameCode.ref = "A-2"
            var sameRef = anna
            sameRef.codiceFiscale = nil
            let luca = ValidBeneficiary(givenName: "Luca", familyName: "Verdi", sex: .male, vulnerabilities: [])
            let lucaSealed = sealer.seal(luca)
            try db.execute(
                sql: """
                    INSERT INTO beneficiary (id, owner_org, created_by, created_at, sex)
                    VALUES (?, 'beta', 'sw-beta', '2020-01-01T00:00:00Z', 'M')
                    """,
                arguments: [lucaSealed.id])

            #expect(try writer.createQueuedBeneficiaryIfNew(sameCode, sealed: sealer.seal(sameCode)) == nil)
            #expect(try writer.createQueuedBeneficiaryIfNew(sameRef, sealed: sealer.seal(sameRef)) == nil)
            #expect(try writer.createQueuedBeneficiaryIfNew(luca, sealed: lucaSealed) == nil)

            try writer.insertQueued()
            #expect(
                try String.fetchAll(db, sql: "SELECT id FROM beneficiary ORDER BY rowid") == [first, lucaSealed.id])
            #expect(try String.fetchAll(db, sql: "SELECT beneficiary_id FROM beneficiary_key") == [first])
            #expect(try String.fetchAll(db, sql: "SELECT beneficiary_id FROM special_vulnerability") == [first])
            let codes = try String.fetchAll(db, sql: "SELECT code FROM beneficiary_vulnerability")
            #expect(codes == ["disoccupazione"])
        }
    }

    @Test("the people one import creates get ids in the order it met them, in groups of 16, their own ids random")
    func importedPeopleGetOrderedIDs() throws {
        let fixture = try ImportFixture()
        let count = BeneficiaryIDSequence.peoplePerStep * 3 + 5
        let rows = (0..<count).map { index in
            DeliveryImportTests.row(
                ["ref": "R-\(index)", "given_name": "Sara", "family_name": "Neri", "sex": "F"].merging(
                    DeliveryImportTests.delivery("RT.LAV01", "2019-01-01")
                ) { $1 })
        }
        let file = ([DeliveryImportTests.header] + rows).joined(separator: "\n") + "\n"
        #expect(try fixture.importing(file, as: "sw-alfa").get().peopleCreated == count)

        let ids = try fixture.registry.database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM beneficiary ORDER BY rowid")
        }
        #expect(ids.count == count)
        let counters = ids.map(BeneficiaryIDSequenceTests.counter(of:))
        let span = 1 << BeneficiaryIDSequence.counterBits
        for (index, counter) in counters.enumerated() {
            #expect((counter - counters[0] + span) % span == index / BeneficiaryIDSequence.peoplePerStep)
        }
        #expect(Set(ids).count == count)
    }
}
