import Foundation
import GRDB

/// Writes beneficiaries and deliveries inside one write transaction: seals personal fields
/// under each person's data key, blind-indexes codici fiscali, and keeps a small cache of
/// opened data keys. Used by `beneficiary add`, `delivery add` and imports alike.
///
/// Its statements are prepared once and bound through the raw SQLite API, the values that are
/// the same for every record (the operator, their organisation, the time) bound once; nonces,
/// data keys and ids come from one `RandomPool`.
final class RecordWriter {
    private let db: Database
    private let keys: KeyMaterial
    /// The operator recording; what they record is owned by their organisation.
    let actor: Operator
    private var nextDeliveryID: Int64
    /// Opened data keys by beneficiary id; bounded so memory does not grow with an import.
    private var dataKeys: [String: SecretKey] = [:]
    private static let dataKeyCacheLimit = 4096
    /// Special vulnerabilities read or written by this writer, by beneficiary id, so that an
    /// import's rows repeating a person's codes neither open nor seal them again; bounded too.
    private var specialLists: [String: SpecialVulnerabilities] = [:]
    private let random = RandomPool()
    private let sealer: FieldSealer
    private let byBlindIndex: RawStatement
    private let byRef: RawStatement
    private let idTaken: RawStatement
    private let insertBeneficiary: RawStatement
    private let insertKey: RawStatement
    private let updateCodiceFiscale: RawStatement
    private let insertVulnerability: RawStatement
    private let selectSpecial: RawStatement
    private let upsertSpecial: RawStatement
    private let insertDelivery: RawStatement

    private static let byBlindIndexSQL = "SELECT id FROM beneficiary WHERE cf_index = ?1"

    /// Prepares a writer for `actor` in the transaction of `db`.
    init(_ db: Database, keys: KeyMaterial, actor: Operator) throws {
        self.db = db
        self.keys = keys
        self.actor = actor
        sealer = FieldSealer(random: random)
        nextDeliveryID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM delivery") ?? 1
        let now = Timestamp.now()
        byBlindIndex = try RawStatement(db, sql: Self.byBlindIndexSQL)
        byRef = try RawStatement(db, sql: "SELECT id, cf_index IS NOT NULL FROM beneficiary WHERE owner_org = ?1 AND ref = ?2")
        byRef.bind(1, actor.org)
        idTaken = try RawStatement(db, sql: "SELECT 1 FROM beneficiary WHERE id = ?1")
        insertBeneficiary = try RawStatement(db, sql: """
            INSERT INTO beneficiary (id, owner_org, created_by, created_at, ref, cf_index, sex, birth_year,
                citizenship, comune, given_name, family_name, codice_fiscale, birth_date, phone, email,
                address, notes, sensitive, record_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
            """)
        insertBeneficiary.bind(2, actor.org)
        insertBeneficiary.bind(3, actor.id)
        insertBeneficiary.bind(4, now)
        insertKey = try RawStatement(db, sql: "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES (?1, ?2, ?3)")
        insertKey.bind(2, keys.generation)
        updateCodiceFiscale = try RawStatement(db, sql: "UPDATE beneficiary SET cf_index = ?1, codice_fiscale = ?2 WHERE id = ?3")
        insertVulnerability = try RawStatement(db, sql: """
            INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES (?1, ?2, ?3)
            ON CONFLICT DO NOTHING
            """)
        insertVulnerability.bind(2, actor.org)
        selectSpecial = try RawStatement(db, sql: "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?1")
        upsertSpecial = try RawStatement(db, sql: """
            INSERT INTO special_vulnerability (beneficiary_id, codes) VALUES (?1, ?2)
            ON CONFLICT (beneficiary_id) DO UPDATE SET codes = excluded.codes
            """)
        insertDelivery = try RawStatement(db, sql: """
            INSERT INTO delivery (id, beneficiary_id, org_id, recorded_by, recorded_at, date, service_code,
                hours, channel, outcome, impact, project, notes, import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """)
        insertDelivery.bind(3, actor.org)
        insertDelivery.bind(4, actor.id)
        insertDelivery.bind(5, now)
    }

    /// The beneficiary whose codice fiscale is `codiceFiscale`, if any.
    func beneficiary(withCodiceFiscale codiceFiscale: CodiceFiscale) throws -> String? {
        byBlindIndex.bind(1, blob: blindIndex(codiceFiscale))
        return try byBlindIndex.first { $0.text(0) } ?? nil
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any.
    static func beneficiary(withBlindIndex index: [UInt8], _ db: Database) throws -> String? {
        let statement = try RawStatement(db, sql: byBlindIndexSQL)
        statement.bind(1, blob: index)
        return try statement.first { $0.text(0) } ?? nil
    }

    /// The beneficiary of the actor's organisation with file number `ref`, and whether it
    /// has a codice fiscale.
    func beneficiary(withRef ref: String) throws -> (id: String, hasCodiceFiscale: Bool)? {
        byRef.bind(2, ref)
        return try byRef.first { row in (row.text(0) ?? "", row.int64(1) != 0) }
    }

    /// Creates a beneficiary owned by the actor's organisation, with a new data key, and
    /// returns its pseudonymous id.
    func createBeneficiary(_ person: ValidBeneficiary) throws -> String {
        var id = PseudonymousID.beneficiary(random: random)
        while try isTaken(id) {
            id = PseudonymousID.beneficiary(random: random)
        }
        let (dataKey, wrapped) = keys.newDataKey(for: id, random: random)
        let insert = insertBeneficiary
        insert.bind(1, id)
        insert.bind(5, person.ref)
        insert.bind(6, blob: person.codiceFiscale.map(blindIndex))
        insert.bind(7, (person.sex ?? person.codiceFiscale.map { $0.sex == .female ? Sex.female : .male })?.rawValue)
        insert.bind(8, person.birthDate?.year)
        insert.bind(9, person.citizenship?.rawValue)
        insert.bind(10, person.comune)
        for (offset, (column, value)) in person.sealedColumns.enumerated() {
            let parameter = Int32(11 + offset)
            if let value {
                sealer.seal(value, at: FieldLocation(table: "beneficiary", column: column, row: id), with: dataKey) {
                    insert.bind(parameter, blob: $0)
                }
            } else {
                insert.bind(parameter, blob: nil as UnsafeRawBufferPointer?)
            }
        }
        insert.bind(20, Int64(RecordKey.random(random)))
        try insert.execute()
        insertKey.bind(1, id)
        insertKey.bind(3, blob: wrapped)
        try insertKey.execute()
        remember(dataKey, for: id)
        // Every new person gets a sealed list, an empty one too, so that having one tells nothing.
        var special = SpecialVulnerabilities()
        special.add(person.specialVulnerabilities, by: actor.org)
        try storeSpecial(special, of: id, with: dataKey)
        return id
    }

    /// Gives a beneficiary without a codice fiscale the one now known for them.
    func attachCodiceFiscale(_ codiceFiscale: CodiceFiscale, to beneficiary: String) throws {
        let location = FieldLocation(table: "beneficiary", column: "codice_fiscale", row: beneficiary)
        let key = try dataKey(for: beneficiary)
        sealer.seal(codiceFiscale.value, at: location, with: key) {
            updateCodiceFiscale.bind(2, blob: $0)
        }
        updateCodiceFiscale.bind(1, blob: blindIndex(codiceFiscale))
        updateCodiceFiscale.bind(3, beneficiary)
        try updateCodiceFiscale.execute()
    }

    /// Records the vulnerabilities the actor's organisation observed in a beneficiary: the
    /// ordinary ones in clear, the special-category ones added to the person's sealed list.
    func addVulnerabilities(of person: ValidBeneficiary, to beneficiary: String) throws {
        if !person.vulnerabilities.isEmpty {
            insertVulnerability.bind(1, beneficiary)
            for code in person.vulnerabilities {
                insertVulnerability.bind(3, code)
                try insertVulnerability.execute()
            }
        }
        guard !person.specialVulnerabilities.isEmpty else { return }
        var special: SpecialVulnerabilities
        if let known = specialLists[beneficiary] {
            special = known
        } else {
            selectSpecial.bind(1, beneficiary)
            let sealed = try selectSpecial.first { $0.blob(0) } ?? nil
            special = try sealed.map {
                try SpecialVulnerabilities.open($0, of: beneficiary, with: try dataKey(for: beneficiary))
            } ?? SpecialVulnerabilities()
            rememberSpecial(special, of: beneficiary)
        }
        if special.add(person.specialVulnerabilities, by: actor.org) {
            try storeSpecial(special, of: beneficiary, with: try dataKey(for: beneficiary))
        }
    }

    /// Seals and stores the special vulnerabilities of `beneficiary`.
    private func storeSpecial(
        _ special: SpecialVulnerabilities, of beneficiary: String, with dataKey: SecretKey
    ) throws {
        upsertSpecial.bind(1, beneficiary)
        sealer.seal(special.plaintext, at: SpecialVulnerabilities.location(of: beneficiary), with: dataKey) {
            upsertSpecial.bind(2, blob: $0)
        }
        try upsertSpecial.execute()
        rememberSpecial(special, of: beneficiary)
    }

    private func rememberSpecial(_ special: SpecialVulnerabilities, of beneficiary: String) {
        if specialLists.count >= Self.dataKeyCacheLimit { specialLists.removeAll(keepingCapacity: true) }
        specialLists[beneficiary] = special
    }

    /// Records a delivery by the actor's organisation and returns its id.
    func insertDelivery(_ delivery: ValidDelivery, beneficiary: String, importID: Int64?) throws -> Int64 {
        let id = nextDeliveryID
        let insert = insertDelivery
        if let notes = delivery.notes {
            let location = FieldLocation(table: "delivery", column: "notes", row: String(id))
            let key = try dataKey(for: beneficiary)
            sealer.seal(notes, at: location, with: key) { insert.bind(13, blob: $0) }
        } else {
            insert.bind(13, blob: nil as UnsafeRawBufferPointer?)
        }
        insert.bind(1, id)
        insert.bind(2, beneficiary)
        insert.bind(6, delivery.date.description)
        insert.bind(7, delivery.serviceCode)
        insert.bind(8, delivery.hours)
        insert.bind(9, delivery.channel)
        insert.bind(10, delivery.outcome)
        insert.bind(11, delivery.impact)
        insert.bind(12, delivery.project)
        insert.bind(14, importID.map(Int.init))
        try insert.execute()
        nextDeliveryID += 1
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

    private func isTaken(_ id: String) throws -> Bool {
        idTaken.bind(1, id)
        return try idTaken.first { _ in true } ?? false
    }

    private func remember(_ key: SecretKey, for beneficiary: String) {
        if dataKeys.count >= Self.dataKeyCacheLimit { dataKeys.removeAll(keepingCapacity: true) }
        dataKeys[beneficiary] = key
    }

    private func blindIndex(_ codiceFiscale: CodiceFiscale) -> [UInt8] {
        BlindIndex.of(codiceFiscale.value, key: keys.blindIndexKey)
    }
}
