@testable import RegistroKit
import Testing

/// A new person sealed ahead by an import's reading thread: every field in the layout any
/// registry reads, bound to its place, under a data key wrapped as before.
@Suite("a new person sealed ahead")
struct NewPersonSealerTests {
    let keys = KeyMaterial(root: .generate(), generation: 3)

    /// A person with every sealed field but `email` and `sensitive`.
    static func person() throws -> ValidBeneficiary {
        var person = ValidBeneficiary(vulnerabilities: ["disoccupazione"])
        person.givenName = "Niccolò"
        person.familyName = "Dell'Acqua"
        person.codiceFiscale = try CodiceFiscale("RSSMRA85T10A562S")
        person.birthDate = CalendarDate(year: 1985, month: 12, day: 10)
        person.phone = "+393724026711"
        person.address = String(repeating: "Via Roma 1, ", count: 16)
        person.notes = "segue il corso\ndi italiano"
        return person
    }

    @Test("each sealed field opens at its own column and row under the person's data key; empty ones stay NULL")
    func fieldsOpenAtTheirColumns() throws {
        let sealer = NewPersonSealer(keys: keys, org: "coala")
        let sealed = sealer.seal(try Self.person())
        var opened: [String: String] = [:]
        var empty: [String] = []
        var total = 0
        try sealed.forEachSealedField { index, bytes in
            let column = ValidBeneficiary.sealedColumns[index]
            guard let bytes else {
                empty.append(column)
                return
            }
            let value = try FieldSealing.open(
                Array(bytes), at: FieldLocation(table: "beneficiary", column: column, row: sealed.id),
                with: sealed.dataKey)
            // Version, nonce, the text padded to the next multiple of 16 bytes, tag.
            #expect(bytes.first == FieldSealing.layoutVersion)
            #expect(bytes.count == 1 + 24 + (value.utf8.count / 16 + 1) * 16 + 16)
            opened[column] = value
            total += bytes.count
        }
        #expect(
            opened == [
                "given_name": "Niccolò", "family_name": "Dell'Acqua", "codice_fiscale": "RSSMRA85T10A562S",
                "birth_date": "1985-12-10", "phone": "+393724026711",
                "address": String(repeating: "Via Roma 1, ", count: 16), "notes": "segue il corso\ndi italiano",
            ])
        #expect(empty == ["email", "sensitive"])
        #expect(sealed.sealedBytes.count == total)
    }

    @Test("a field sealed for one person does not open as another's, nor in another column")
    func fieldsAreBoundToTheirPlace() throws {
        let sealer = NewPersonSealer(keys: keys, org: "coala")
        let person = try Self.person()
        let first = sealer.seal(person)
        let second = sealer.seal(person)
        #expect(first.id != second.id)
        var givenName: [UInt8] = []
        first.forEachSealedField { index, bytes in
            if index == 0, let bytes { givenName = Array(bytes) }
        }
        #expect(throws: RegistroError.self) {
            try FieldSealing.open(
                givenName, at: FieldLocation(table: "beneficiary", column: "given_name", row: second.id),
                with: first.dataKey)
        }
        #expect(throws: RegistroError.self) {
            try FieldSealing.open(
                givenName, at: FieldLocation(table: "beneficiary", column: "family_name", row: first.id),
                with: first.dataKey)
        }
    }

    @Test("the data key is wrapped under the key-encryption key with `registro/v1|data-key|ID|GENERATION`, as before")
    func dataKeyIsWrappedAsBefore() throws {
        let sealed = NewPersonSealer(keys: keys, org: "coala").seal(try Self.person())
        #expect(sealed.wrappedKey.count == 24 + 32 + 16)
        // Opened with the associated data written out here, as older versions interpolated it.
        let associatedData = Array("registro/v1|data-key|\(sealed.id)|3".utf8)
        let opened = sealed.wrappedKey.withUnsafeBytes { box in
            associatedData.withUnsafeBytes { AEAD.open(box, associatedData: $0, key: keys.keyEncryptionKey) }
        }
        #expect(opened == sealed.dataKey.bytes)
        #expect(
            try DataKeyWrapping.unwrap(
                sealed.wrappedKey, beneficiary: sealed.id, kek: keys.keyEncryptionKey, generation: 3
            )
            .bytes == sealed.dataKey.bytes)
    }

    @Test("a key wrapped at any generation, negative or many digits long, unwraps only at that generation")
    func generationsOfEveryLength() throws {
        let kek = SecretKey.random()
        for generation in [0, 7, 10, 99, 12_345, -1, Int.max, Int.min] {
            let wrapped = DataKeyWrapping.wrap(keys.blindIndexKey, beneficiary: "B1", kek: kek, generation: generation)
            let associatedData = Array("registro/v1|data-key|B1|\(generation)".utf8)
            let opened = wrapped.withUnsafeBytes { box in
                associatedData.withUnsafeBytes { AEAD.open(box, associatedData: $0, key: kek) }
            }
            #expect(opened == keys.blindIndexKey.bytes)
            #expect(throws: RegistroError.self) {
                try DataKeyWrapping.unwrap(wrapped, beneficiary: "B1", kek: kek, generation: generation &+ 1)
            }
        }
    }

    @Test("the special-category list is sealed for every new person, an empty one too, and opens as recorded")
    func specialListIsSealed() throws {
        let sealer = NewPersonSealer(keys: keys, org: "coala")
        var person = try Self.person()
        let none = sealer.seal(person)
        #expect(none.special.entries.isEmpty)
        #expect(try SpecialVulnerabilities.open(none.sealedSpecial, of: none.id, with: none.dataKey) == none.special)
        person.specialVulnerabilities = ["dipendenze", "disabilita"]
        let some = sealer.seal(person)
        #expect(some.special.entries.map(\.code) == ["dipendenze", "disabilita"])
        #expect(try SpecialVulnerabilities.open(some.sealedSpecial, of: some.id, with: some.dataKey) == some.special)
    }

    @Test("the blind index is the codice fiscale's, under the blind-index key")
    func blindIndexIsTheCodiceFiscales() throws {
        let sealed = NewPersonSealer(keys: keys, org: "coala").seal(try Self.person())
        #expect(sealed.blindIndex == BlindIndex.of("RSSMRA85T10A562S", key: keys.blindIndexKey))
        #expect(sealed.blindIndex == BLAKE2b.hash(Array("RSSMRA85T10A562S".utf8), key: keys.blindIndexKey))
    }
}
