import Foundation
import GRDB
import RegistroTestSupport
@testable import RegistroKit

/// A registry in a temporary directory for the audit tests: one network, one organisation,
/// an admin, a social worker and a privacy officer. Removed at the end.
final class AuditFixture {
    /// The temporary directory.
    let directory: URL
    /// The registry.
    let registry: Registry

    /// A new registry with its organisation and users.
    init() throws {
        let scratch = try ScratchRegistry("registro-audit-unit", network: Network(id: "rete", name: "Rete di prova"))
        directory = scratch.folder
        registry = scratch.registry
        try registry.organisations().addOrganisation(
            Organisation(id: "alfa", name: "Cooperativa Alfa", kind: .ets, networks: ["rete"]))
        try registry.organisations().addUser(Operator(id: "admin", name: "Amministrazione", org: "alfa", role: .admin))
        let admin = try registry.session(as: "admin").organisations
        try admin.addUser(Operator(id: "sw", name: "Operatrice", org: "alfa", role: .socialWorker))
        try admin.addUser(Operator(id: "dpo", name: "Responsabile privacy", org: "alfa", role: .privacyOfficer))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every entry of the log, in order.
    func entries() throws -> [AuditEntry] {
        try registry.database.read { db in try AuditLog.entries(matching: AuditFilter(), db) }
    }

    /// Runs raw SQL on the database, as someone holding the file could.
    func execute(_ sql: String) throws {
        try registry.database.write { db in try db.execute(sql: sql) }
    }

    /// Verifies the log with `references` and the registry's recorded key.
    func verify(_ references: [AuditVerifier.Reference] = []) throws -> AuditVerification {
        try registry.database.read { db in
            try AuditVerifier(references: references, keys: try AuditSigningKeys.load(db)).verify(db)
        }
    }

    /// The valid codice fiscale of the fixture's person.
    static let codiceFiscale = try! CodiceFiscale.make(
        familyName: "Zappalorto", givenName: "Ermenegilda", birthDate: CalendarDate(year: 1961, month: 3, day: 14)!,
        sex: .female, placeCode: "A479"
    ).value

    /// A valid beneficiary's fields.
    static func person(_ givenName: String = "Ermenegilda", _ familyName: String = "Zappalorto") -> BeneficiaryFields {
        var fields = BeneficiaryFields()
        fields.givenName = givenName
        fields.familyName = familyName
        fields.sex = "F"
        return fields
    }
}
