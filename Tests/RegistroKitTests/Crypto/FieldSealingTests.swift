@testable import RegistroKit
import Testing

@Suite("sealing personal fields")
struct FieldSealingTests {
    let key = SecretKey.random()
    let location = FieldLocation(table: "beneficiary", column: "given_name", row: "B0000000001")

    @Test("a sealed field opens at its own location under its own key")
    func sealedFieldOpensAtItsLocation() throws {
        let sealed = FieldSealing.seal("Niccolò", at: location, with: key)
        #expect(try FieldSealing.open(sealed, at: location, with: key) == "Niccolò")
    }

    @Test(
        "the layout is a version byte 0x02, a 24-byte nonce, the ciphertext of the text padded to 16 bytes, a 16-byte tag"
    )
    func layoutMatchesTheDocument() {
        let sealed = FieldSealing.seal("abc", at: location, with: key)
        #expect(sealed.first == 0x02)
        #expect(sealed.count == 1 + 24 + 16 + 16)
    }

    @Test("sealed lengths tell only the value's length in blocks of 16 bytes")
    func lengthIsPaddedToBlocks() throws {
        let lengths = try (0...40).map { count throws -> Int in
            let value = String(repeating: "x", count: count)
            let sealed = FieldSealing.seal(value, at: location, with: key)
            #expect(try FieldSealing.open(sealed, at: location, with: key) == value)
            return sealed.count
        }
        #expect(Set(lengths[0...15]) == [1 + 24 + 16 + 16])
        #expect(Set(lengths[16...31]) == [1 + 24 + 32 + 16])
        #expect(Set(lengths[32...40]) == [1 + 24 + 48 + 16])
    }

    @Test("a field sealed unpadded by an older version (layout 0x01) still opens")
    func unpaddedLayoutStillOpens() throws {
        var box: [UInt8] = [0x01]
        Array("Rossi".utf8).withUnsafeBytes { plaintext in
            location.associatedData.withUnsafeBytes { ad in
                AEAD.seal(plaintext, associatedData: ad, key: key, appendingTo: &box)
            }
        }
        #expect(try FieldSealing.open(box, at: location, with: key) == "Rossi")
    }

    @Test("two seals of the same value differ, so equal values cannot be spotted")
    func sealsAreRandomised() {
        #expect(
            FieldSealing.seal("Rossi", at: location, with: key) != FieldSealing.seal("Rossi", at: location, with: key))
    }

    @Test("a ciphertext moved to another row or column does not open")
    func movedCiphertextFails() {
        let sealed = FieldSealing.seal("Rossi", at: location, with: key)
        var otherRow = location
        otherRow.row = "B0000000002"
        var otherColumn = location
        otherColumn.column = "family_name"
        #expect(throws: RegistroError.self) { try FieldSealing.open(sealed, at: otherRow, with: key) }
        #expect(throws: RegistroError.self) { try FieldSealing.open(sealed, at: otherColumn, with: key) }
    }

    @Test("a changed byte or another key does not open, and the error names the place but not the content")
    func tamperingFailsWithoutLeaking() {
        var sealed = FieldSealing.seal("Segreto", at: location, with: key)
        sealed[30] ^= 0x01
        do {
            _ = try FieldSealing.open(sealed, at: location, with: key)
            Issue.record("a tampered field opened")
        } catch let error as RegistroError {
            #expect(error.message.contains("beneficiary.given_name"))
            #expect(!error.message.contains("Segreto"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let intact = FieldSealing.seal("Segreto", at: location, with: key)
        #expect(throws: RegistroError.self) { try FieldSealing.open(intact, at: location, with: SecretKey.random()) }
    }

    @Test("a data key wrapped for one beneficiary does not unwrap for another")
    func wrappedKeysAreBoundToTheirBeneficiary() throws {
        let kek = SecretKey.random()
        let wrapped = DataKeyWrapping.wrap(key, beneficiary: "B1", kek: kek, generation: 0)
        #expect(wrapped.count == 24 + 32 + 16)
        #expect(try DataKeyWrapping.unwrap(wrapped, beneficiary: "B1", kek: kek, generation: 0).bytes == key.bytes)
        #expect(throws: RegistroError.self) {
            try DataKeyWrapping.unwrap(wrapped, beneficiary: "B2", kek: kek, generation: 0)
        }
        #expect(throws: RegistroError.self) {
            try DataKeyWrapping.unwrap(wrapped, beneficiary: "B1", kek: kek, generation: 1)
        }
    }

    @Test("the blind index is keyed: another key gives another index for the same codice fiscale")
    func blindIndexIsKeyed() {
        let first = BlindIndex.of("RSSMRA85T10A562S", key: key)
        #expect(first.count == 32)
        #expect(first == BlindIndex.of("RSSMRA85T10A562S", key: key))
        #expect(first != BlindIndex.of("RSSMRA85T10A562S", key: SecretKey.random()))
        #expect(first != BLAKE2b.digest(Array("RSSMRA85T10A562S".utf8)))
    }
}
