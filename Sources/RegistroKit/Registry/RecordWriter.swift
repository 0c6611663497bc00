import Foundation
import GRDB

/// Writes beneficiaries and deliveries inside one write transaction: seals personal fields
/// under each person's data key, blind-indexes codici fiscali, and keeps a small cache of
/// opened data keys. Used by `beneficiary add`, `delivery add` and imports alike.
final class RecordWriter {
    private let db: Database
    private let keys: KeyMaterial
    /// The operator recording; what they record is owned by their organisation.
    let actor: Operator
    private let now = Timestamp.now()
    private var nextDeliveryID: Int64
    /// Opened data keys by beneficiary id; bounded so memory does not grow with an import.
    private var dataKeys: [String: SecretKey] = [:]
    private static let dataKeyCacheLimit = 4096

    /// Prepares a writer for `actor` in the transaction of `db`.
    init(_ db: Database, keys: KeyMaterial, actor: Operator) throws {
        self.db = db
        self.keys = keys
        self.actor = actor
        nextDeliveryID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM delivery") ?? 1
    }

    /// The beneficiary whose codice fiscale is `codiceFiscale`, if any.
    func beneficiary(withCodiceFiscale codiceFiscale: CodiceFiscale) throws -> String? {
        try Self.beneficiary(withBlindIndex: blindIndex(codiceFiscale), db)
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any.
    static func beneficiary(withBlindIndex index: [UInt8], _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM beneficiary WHERE cf_index = ?"), arguments: [Data(index)])
    }

    /// The beneficiary of the actor's organisation with file number `ref`, and whether it
    /// has a codice fiscale.
    func beneficiary(withRef ref: String) throws -> (id: String, hasCodiceFiscale: Bool)? {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, cf_index IS NOT NULL AS has_cf FROM beneficiary WHERE owner_org = ? AND ref = ?"),
            arguments: [actor.org, ref])
        return row.map { ($0["id"], $0["has_cf"]) }
    }

    /// Creates a beneficiary owned by the actor's organisation, with a new data key, and
    /// returns its pseudonymous id.
    func createBeneficiary(_ person: ValidBeneficiary) throws -> String {
        var id = PseudonymousID.beneficiary()
        while try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM beneficiary WHERE id = ?"), arguments: [id]) == true {
            id = PseudonymousID.beneficiary()
        }
        let (dataKey, wrapped) = keys.newDataKey(for: id)
        let sealed = person.sealedColumns.map { column, value in
            value.map { Data(FieldSealing.seal($0, at: FieldLocation(table: "beneficiary", column: column, row: id), with: dataKey)) }
        }
        let sex = person.sex ?? person.codiceFiscale.map { $0.sex == .female ? Sex.female : .male }
        var arguments: StatementArguments = [
            id, actor.org, actor.id, now, person.ref, person.codiceFiscale.map { Data(blindIndex($0)) },
            sex?.rawValue, person.birthDate?.year, person.citizenship?.rawValue, person.comune,
        ]
        arguments += StatementArguments(sealed)
        try db.cachedStatement(sql: """
            INSERT INTO beneficiary (id, owner_org, created_by, created_at, ref, cf_index, sex, birth_year,
                citizenship, comune, given_name, family_name, codice_fiscale, birth_date, phone, email,
                address, notes, sensitive)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
        try db.cachedStatement(sql: "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES (?, ?, ?)")
            .execute(arguments: [id, keys.generation, Data(wrapped)])
        remember(dataKey, for: id)
        return id
    }

    /// Gives a beneficiary without a codice fiscale the one now known for them.
    func attachCodiceFiscale(_ codiceFiscale: CodiceFiscale, to beneficiary: String) throws {
        let sealed = FieldSealing.seal(
            codiceFiscale.value, at: FieldLocation(table: "beneficiary", column: "codice_fiscale", row: beneficiary),
            with: try dataKey(for: beneficiary))
        try db.cachedStatement(sql: "UPDATE beneficiary SET cf_index = ?, codice_fiscale = ? WHERE id = ?")
            .execute(arguments: [Data(blindIndex(codiceFiscale)), Data(sealed), beneficiary])
    }

    /// Records the vulnerabilities the actor's organisation observed in a beneficiary.
    func addVulnerabilities(_ codes: [String], to beneficiary: String) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES (?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        for code in codes {
            try statement.execute(arguments: [beneficiary, actor.org, code])
        }
    }

    /// Records a delivery by the actor's organisation and returns its id.
    func insertDelivery(_ delivery: ValidDelivery, beneficiary: String, importID: Int64?) throws -> Int64 {
        let id = nextDeliveryID
        nextDeliveryID += 1
        let notes = try delivery.notes.map {
            Data(FieldSealing.seal($0, at: FieldLocation(table: "delivery", column: "notes", row: String(id)), with: try dataKey(for: beneficiary)))
        }
        try db.cachedStatement(sql: """
            INSERT INTO delivery (id, beneficiary_id, org_id, recorded_by, recorded_at, date, service_code,
                hours, channel, outcome, impact, project, notes, import_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id, beneficiary, actor.org, actor.id, now, delivery.date.description, delivery.serviceCode,
                delivery.hours, delivery.channel, delivery.outcome, delivery.impact, delivery.project, notes, importID,
            ])
        return id
    }

    /// The data key of `beneficiary`, unwrapped once and then cached.
    ///
    /// - Throws: `RegistroError` when the person's key was destroyed (erased) or does not open.
    func dataKey(for beneficiary: String) throws -> SecretKey {
        if let key = dataKeys[beneficiary] { return key }
        let key = try keys.dataKey(for: beneficiary, db)
        remember(key, for: beneficiary)
        return key
    }

    private func remember(_ key: SecretKey, for beneficiary: String) {
        if dataKeys.count >= Self.dataKeyCacheLimit { dataKeys.removeAll(keepingCapacity: true) }
        dataKeys[beneficiary] = key
    }

    private func blindIndex(_ codiceFiscale: CodiceFiscale) -> [UInt8] {
        BlindIndex.of(codiceFiscale.value, key: keys.blindIndexKey)
    }
}
