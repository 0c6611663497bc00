import Foundation
import GRDB
import Testing

@testable import RegistroKit

/// A registry held open (as the server holds it) while another one on the same files (the
/// operator's `registro keys rotate`) rotates the keys: the first follows the new generation.
@Suite("keys rotated by another process")
struct RotationByAnotherProcessTests {
    @Test("a registry held open takes the generation another process rotated to once it reads or writes a data key")
    func aRegistryHeldOpenFollowsARotationMadeElsewhere() throws {
        let fixture = try AuditFixture()
        let served = fixture.registry
        let worker = try served.session(as: "sw")
        let person = try worker.records.addBeneficiary(AuditFixture.person("Prima", "Persona"))
        #expect(try served.keys().generation == 0)
        let elsewhere = try Registry.open(at: served.location, passphrase: { "" })

        // A reading of a data key wrapped under the new generation moves the cache to it.
        #expect(try elsewhere.rotateKeys(by: .user(elsewhere.session(as: "admin"))).generation == 1)
        #expect(try served.keys().generation == 0, "nothing read since the rotation")
        let file = try worker.sharing.caseFile(of: person, purpose: "presa_in_carico_condivisa")
        #expect(file.sections.first { $0.category == .identity }?.visible == true)
        #expect(try served.keys().generation == 1)

        // A write reads the generation in its transaction, and so does too.
        #expect(try elsewhere.rotateKeys(by: .user(elsewhere.session(as: "admin"))).generation == 2)
        let added = try worker.records.addBeneficiary(AuditFixture.person("Dopo", "Persona"))
        #expect(try served.keys().generation == 2)
        let generations = try served.database.read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT kek_generation FROM beneficiary_key")
        }
        #expect(generations == [2])
        // The keys it now holds are those of generation 2, as opened afresh.
        let fresh = try Registry.open(at: served.location, passphrase: { "" }).keys()
        #expect(try served.keys().keyEncryptionKey.bytes == fresh.keyEncryptionKey.bytes)
        #expect(
            try elsewhere.session(as: "sw").sharing.caseFile(of: added, purpose: "presa_in_carico_condivisa")
                .sections.first { $0.category == .identity }?.visible == true)
    }
}
