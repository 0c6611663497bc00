import Foundation
import GRDB
@testable import RegistroKit
import Testing

/// What an import keeps in memory while it runs: the reading thread's memo of texts, the
/// importer's table of slots, and what the writer knows of the people it created.
@Suite("import deliveries: the memo, the slots and the people created here")
struct ImportMemoryTests {
    @Test(
        "the memo finds every text it remembered across its chunks, a text longer than a chunk too, until it starts again"
    )
    func memoFindsTextsAcrossChunks() {
        var memo = ByteMemo<Int>(limit: 4000)
        let long = [UInt8](repeating: 7, count: ByteMemo<Int>.chunkSize + 10)
        func text(_ number: Int) -> [UInt8] { Array("person \(number) ".utf8) + [UInt8](repeating: 1, count: 40) }
        for number in 0..<3000 {
            text(number).withUnsafeBytes { _ = memo.remember(number, for: $0) }
        }
        long.withUnsafeBytes { _ = memo.remember(-1, for: $0) }
        for number in [0, 1, 1200, 2999] {
            #expect(text(number).withUnsafeBytes { memo.value(for: $0) } == number)
        }
        #expect(long.withUnsafeBytes { memo.value(for: $0) } == -1)
        #expect(Array("person 3000 ".utf8).withUnsafeBytes { memo.value(for: $0) } == nil)
        // Full at 4,000 texts (the long one among them): the next starts it again empty.
        for number in 3000..<3999 {
            text(number).withUnsafeBytes { _ = memo.remember(number, for: $0) }
        }
        #expect(text(4000).withUnsafeBytes { memo.remember(4000, for: $0) })
        #expect(text(0).withUnsafeBytes { memo.value(for: $0) } == nil)
        #expect(text(4000).withUnsafeBytes { memo.value(for: $0) } == 4000)
    }

    @Test("the memo tells apart texts of every length that differ in one byte, wherever it is")
    func memoTellsApartTextsDifferingInOneByte() {
        // The memo hashes eight bytes at a time, the last ones as a shorter word: each length and
        // each place of a word, the length itself too (a text and the same with a zero byte added).
        var memo = ByteMemo<Int>(limit: 4000)
        var texts: [[UInt8]] = []
        for length in 0...24 {
            let base = [UInt8](repeating: 0, count: length)
            texts.append(base)
            for place in 0..<length {
                var changed = base
                changed[place] = 1
                texts.append(changed)
            }
        }
        for (number, text) in texts.enumerated() {
            #expect(text.withUnsafeBytes { memo.value(for: $0) } == nil)
            text.withUnsafeBytes { _ = memo.remember(number, for: $0) }
        }
        for (number, text) in texts.enumerated() {
            #expect(text.withUnsafeBytes { memo.value(for: $0) } == number)
        }
    }

    @Test("the slot table holds each slot's value, below its first slot too, and forgets all at once")
    func slotTableKeepsSlots() {
        var slots = SlotTable<String>()
        slots[10] = "a"
        slots[12] = "c"
        slots[8] = "z"
        #expect(slots[10] == "a" && slots[12] == "c" && slots[8] == "z")
        #expect(slots[9] == nil && slots[11] == nil && slots[13] == nil && slots[0] == nil)
        slots.removeAll()
        #expect(slots[10] == nil)
        slots[70_000] = "b"
        #expect(slots[70_000] == "b" && slots[10] == nil)
    }

    @Test(
        "the writer tells the people its transaction created from the ones stored before, by codice fiscale and by file number"
    )
    func writerTellsPeopleCreatedHere() throws {
        let fixture = try ImportFixture()
        let keys = try fixture.registry.keys()
        let user = try fixture.registry.session(as: "sw-alfa").user
        let anna = ValidBeneficiary(
            givenName: "Anna", familyName: "Rossi", codiceFiscale: try CodiceFiscale(DeliveryImportTests.rossi),
            sex: .female, vulnerabilities: [], ref: "A-1")
        let luca = ValidBeneficiary(
            givenName: "Luca", familyName: "Verdi", codiceFiscale: try CodiceFiscale(DeliveryImportTests.verdi),
            sex: .male, vulnerabilities: [], ref: "A-2")
        let stored = try fixture.registry.database.write { db in
            try RecordWriter(db, keys: keys, actor: user).createBeneficiary(anna)
        }
        try fixture.registry.database.write { db in
            let writer = try RecordWriter(db, keys: keys, actor: user)
            let created = try writer.createBeneficiary(luca)
            let sealer = writer.makePersonSealer()
            let annaFound = try #require(try writer.beneficiary(withBlindIndex: sealer.blindIndex(anna.codiceFiscale!)))
            let lucaFound = try #require(try writer.beneficiary(withBlindIndex: sealer.blindIndex(luca.codiceFiscale!)))
            #expect(annaFound.id == stored && !annaFound.createdHere)
            #expect(lucaFound.id == created && lucaFound.createdHere)
            #expect(try writer.beneficiary(withRef: "A-1").map { [$0.id: $0.createdHere] } == [stored: false])
            #expect(try writer.beneficiary(withRef: "A-2").map { [$0.id: $0.createdHere] } == [created: true])
        }
    }

    @Test(
        "a person an import creates and a later row names under another file number is one person, matched, not warned of"
    )
    func personCreatedHereFoundAgain() throws {
        let fixture = try ImportFixture()
        let anna = ["codice_fiscale": DeliveryImportTests.rossi, "given_name": "Anna", "family_name": "Rossi"]
        let first = anna.merging(["ref": "A-1"]) { $1 }.merging(DeliveryImportTests.delivery("RT.LAV01", "10/01/2020"))
        {
            $1
        }
        let again = anna.merging(["ref": "B-7"]) { $1 }.merging(DeliveryImportTests.delivery("RT.LAV01", "10/01/2020"))
        {
            $1
        }
        let file =
            ([DeliveryImportTests.header] + [first, again, again].map(DeliveryImportTests.row))
            .joined(separator: "\n") + "\n"
        var warned: [Int] = []
        var rows: [ImportedRow] = []
        let summary = try fixture.registry.session(as: "sw-alfa").imports.importDeliveries(
            from: .bytes(Array(file.utf8), name: "file.csv"), report: { Issue.record("unexpected problem: \($0)") },
            rowPerson: { rows.append($0) }, warn: { warned.append($0.line) })

        #expect(summary.rows == 3 && summary.peopleCreated == 1 && summary.rowsMatched == 2)
        #expect(Set(rows.map(\.beneficiary)).count == 1)
        #expect(rows.map(\.created) == [true, false, false])
        #expect(warned.isEmpty)
        let lookups = try fixture.registry.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE action = 'lookup'")
        }
        #expect(lookups == 0)
    }
}
