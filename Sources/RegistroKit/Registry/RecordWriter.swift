import Foundation
import GRDB

/// Writes beneficiaries and deliveries inside one write transaction: seals personal fields
/// under each person's data key, blind-indexes codici fiscali, and keeps a small cache of
/// opened data keys. Used by `beneficiary add`, `delivery add` and imports alike.
///
/// Its statements are prepared once and bound through the raw SQLite API, the values that are
/// the same for every record (the operator, their organisation, the time) bound once; nonces
/// come from one `RandomPool`. A new person arrives sealed (`SealedPerson`: an import seals them
/// ahead on its reading thread), or is sealed here by a `NewPersonSealer` of the writer's own.
final class RecordWriter {
    /// The transaction the writer writes in.
    let db: Database
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
    /// Seals the people this writer creates when they were not sealed ahead.
    private let personSealer: NewPersonSealer
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
    /// Deliveries numbered and sealed, not yet inserted (`queueDelivery`).
    private var queuedDeliveries: [QueuedDelivery] = []
    /// The insert of `deliveriesPerStatement` deliveries at once, prepared on first use.
    private var insertDeliveries: RawStatement?
    /// The time this writer records, bound to every record it inserts.
    private let now: String
    /// Deliveries inserted by one run of a statement (`queueDelivery`).
    static let deliveriesPerStatement = 16

    /// A delivery waiting in the queue.
    private struct QueuedDelivery {
        var id: Int64
        var beneficiary: String
        var delivery: ValidDelivery
        var sealedNotes: [UInt8]?
        var importID: Int64?
    }

    private static let byBlindIndexSQL = "SELECT id FROM beneficiary WHERE cf_index = ?1"

    /// Prepares a writer for `actor` in the transaction of `db`.
    init(_ db: Database, keys: KeyMaterial, actor: Operator) throws {
        self.db = db
        self.keys = keys
        self.actor = actor
        sealer = FieldSealer(random: random)
        personSealer = NewPersonSealer(keys: keys, org: actor.org)
        nextDeliveryID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM delivery") ?? 1
        now = Timestamp.now()
        byBlindIndex = try RawStatement(db, sql: Self.byBlindIndexSQL)
        byRef = try RawStatement(
            db, sql: "SELECT id, cf_index IS NOT NULL FROM beneficiary WHERE owner_org = ?1 AND ref = ?2")
        byRef.bind(1, actor.org)
        idTaken = try RawStatement(db, sql: "SELECT 1 FROM beneficiary WHERE id = ?1")
        insertBeneficiary = try RawStatement(
            db,
            sql: """
                INSERT INTO beneficiary (id, owner_org, created_by, created_at, ref, cf_index, sex, birth_year,
                    citizenship, comune, given_name, family_name, codice_fiscale, birth_date, phone, email,
                    address, notes, sensitive, record_key)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
                """)
        insertBeneficiary.bind(2, actor.org)
        insertBeneficiary.bind(3, actor.id)
        insertBeneficiary.bind(4, now)
        insertKey = try RawStatement(
            db, sql: "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES (?1, ?2, ?3)")
        insertKey.bind(2, keys.generation)
        updateCodiceFiscale = try RawStatement(
            db, sql: "UPDATE beneficiary SET cf_index = ?1, codice_fiscale = ?2 WHERE id = ?3")
        insertVulnerability = try RawStatement(
            db,
            sql: """
                INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING
                """)
        insertVulnerability.bind(2, actor.org)
        selectSpecial = try RawStatement(db, sql: "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?1")
        upsertSpecial = try RawStatement(
            db,
            sql: """
                INSERT INTO special_vulnerability (beneficiary_id, codes) VALUES (?1, ?2)
                ON CONFLICT (beneficiary_id) DO UPDATE SET codes = excluded.codes
                """)
        insertDelivery = try Self.prepareDeliveryInsert(rows: 1, db, actor: actor, now: now)
    }

    /// The beneficiary whose codice fiscale is `codiceFiscale`, if any.
    func beneficiary(withCodiceFiscale codiceFiscale: CodiceFiscale) throws -> String? {
        try beneficiary(withBlindIndex: blindIndex(codiceFiscale))
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any.
    func beneficiary(withBlindIndex index: [UInt8]) throws -> String? {
        byBlindIndex.bind(1, blob: index)
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
        try createBeneficiary(person, sealed: personSealer.seal(person))
    }

    /// Creates a beneficiary owned by the actor's organisation from its record sealed ahead
    /// (by a `NewPersonSealer` for the same organisation and keys), and returns its id: the
    /// sealed id, or, when another person already has it, a new one the record is sealed again
    /// under.
    func createBeneficiary(_ person: ValidBeneficiary, sealed: SealedPerson) throws -> String {
        var sealed = sealed
        // The id's uniqueness is checked by the insert itself (the primary key), not by a
        // lookup before it: a clash is rare (55 random bits), and found by a lookup only then.
        while try !insert(person, sealed) {
            sealed = personSealer.seal(person, blindIndex: sealed.blindIndex)
        }
        insertKey.bind(1, sealed.id)
        insertKey.bind(3, blob: sealed.wrappedKey)
        try insertKey.execute()
        remember(sealed.dataKey, for: sealed.id)
        // Every new person gets a sealed list, an empty one too, so that having one tells nothing.
        upsertSpecial.bind(1, sealed.id)
        upsertSpecial.bind(2, blob: sealed.sealedSpecial)
        try upsertSpecial.execute()
        rememberSpecial(sealed.special, of: sealed.id)
        return sealed.id
    }

    /// Inserts the `beneficiary` row of `sealed`; `false` when its id is already taken.
    private func insert(_ person: ValidBeneficiary, _ sealed: SealedPerson) throws -> Bool {
        let insert = insertBeneficiary
        insert.bind(1, sealed.id)
        insert.bind(5, person.ref)
        insert.bind(6, blob: sealed.blindIndex)
        insert.bind(7, (person.sex ?? person.codiceFiscale.map { $0.sex == .female ? Sex.female : .male })?.rawValue)
        insert.bind(8, person.birthDate?.year)
        insert.bind(9, person.citizenship?.rawValue)
        insert.bind(10, person.comune)
        sealed.forEachSealedField { offset, field in
            insert.bind(Int32(11 + offset), blob: field)
        }
        insert.bind(20, Int64(RecordKey.random(random)))
        do {
            try insert.execute()
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            guard try isTaken(sealed.id) else { throw error }
            return false
        }
    }

    /// A sealer of new people for another thread (an import's reading thread), for the same
    /// organisation and keys as this writer's.
    func makePersonSealer() -> NewPersonSealer {
        NewPersonSealer(keys: keys, org: actor.org)
    }

    /// Gives a beneficiary without a codice fiscale the one now known for them.
    func attachCodiceFiscale(
        _ codiceFiscale: CodiceFiscale, to beneficiary: String, blindIndex index: [UInt8]? = nil
    ) throws {
        let location = FieldLocation(table: "beneficiary", column: "codice_fiscale", row: beneficiary)
        let key = try dataKey(for: beneficiary)
        sealer.seal(codiceFiscale.value, at: location, with: key) {
            updateCodiceFiscale.bind(2, blob: $0)
        }
        updateCodiceFiscale.bind(1, blob: index ?? blindIndex(codiceFiscale))
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
            special =
                try sealed.map {
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
        let id = try queueDelivery(delivery, beneficiary: beneficiary, importID: importID)
        try insertQueuedDeliveries()
        return id
    }

    /// Queues a delivery by the actor's organisation, numbered and its notes sealed now, and
    /// returns its id. Deliveries are inserted `deliveriesPerStatement` at a time, in the order
    /// queued, by one statement: SQLite opens the statement's cursors, begins and ends it once for
    /// them all, where each of these costs about as much as a b-tree insert. The caller inserts
    /// the last ones (`insertQueuedDeliveries`) before anything reads the deliveries.
    @discardableResult
    func queueDelivery(_ delivery: ValidDelivery, beneficiary: String, importID: Int64?) throws -> Int64 {
        let id = nextDeliveryID
        var sealedNotes: [UInt8]?
        if let notes = delivery.notes {
            let location = FieldLocation(table: "delivery", column: "notes", row: String(id))
            sealedNotes = sealer.seal(notes, at: location, with: try dataKey(for: beneficiary)) { Array($0) }
        }
        queuedDeliveries.append(
            QueuedDelivery(
                id: id, beneficiary: beneficiary, delivery: delivery, sealedNotes: sealedNotes, importID: importID))
        nextDeliveryID += 1
        if queuedDeliveries.count == Self.deliveriesPerStatement {
            let insert =
                try insertDeliveries
                ?? Self.prepareDeliveryInsert(rows: Self.deliveriesPerStatement, db, actor: actor, now: now)
            insertDeliveries = insert
            for (row, queued) in queuedDeliveries.enumerated() {
                bind(queued, to: insert, row: row)
            }
            try insert.execute()
            queuedDeliveries.removeAll(keepingCapacity: true)
        }
        return id
    }

    /// Inserts the deliveries still queued, one by one.
    func insertQueuedDeliveries() throws {
        for queued in queuedDeliveries {
            bind(queued, to: insertDelivery, row: 0)
            try insertDelivery.execute()
        }
        queuedDeliveries.removeAll(keepingCapacity: true)
    }

    /// Binds `queued` to the parameters of row `row` of an insert made by `insertDeliverySQL`.
    private func bind(_ queued: QueuedDelivery, to insert: RawStatement, row: Int) {
        let first = Int32(row * Self.deliveryColumns.count)
        let delivery = queued.delivery
        insert.bind(first + 1, queued.id)
        insert.bind(first + 2, queued.beneficiary)
        insert.bind(first + 6, date: delivery.date)
        insert.bind(first + 7, delivery.serviceCode)
        insert.bind(first + 8, delivery.hours)
        insert.bind(first + 9, delivery.channel)
        insert.bind(first + 10, delivery.outcome)
        insert.bind(first + 11, delivery.impact)
        insert.bind(first + 12, delivery.project)
        insert.bind(first + 13, blob: queued.sealedNotes)
        insert.bind(first + 14, queued.importID.map(Int.init))
    }

    /// The columns of a delivery as `insertDeliverySQL` binds them, row `r`'s column `c` (from
    /// 0) to parameter `r × 14 + c + 1`.
    private static let deliveryColumns = [
        "id", "beneficiary_id", "org_id", "recorded_by", "recorded_at", "date", "service_code", "hours", "channel",
        "outcome", "impact", "project", "notes", "import_id",
    ]

    /// An insert of `rows` deliveries. `OR FAIL`: a constraint failing on one row ends the
    /// statement without undoing the rows before it, so SQLite keeps no statement journal
    /// (with the default `ABORT`, a statement of several rows copies every page it changes
    /// into one, spilled to a temporary file past 64 KiB); the failure ends the import, whose
    /// whole transaction rolls back.
    private static func insertDeliverySQL(rows: Int) -> String {
        let values = (0..<rows).map { row in
            let first = row * deliveryColumns.count + 1
            return "(" + (first..<first + deliveryColumns.count).map { "?\($0)" }.joined(separator: ", ") + ")"
        }
        let columns = deliveryColumns.joined(separator: ", ")
        return "INSERT OR FAIL INTO delivery (\(columns)) VALUES " + values.joined(separator: ", ")
    }

    /// Prepares an insert of `rows` deliveries, the values that are the same for every delivery of
    /// this writer bound.
    private static func prepareDeliveryInsert(
        rows: Int, _ db: Database, actor: Operator, now: String
    ) throws -> RawStatement {
        let insert = try RawStatement(db, sql: insertDeliverySQL(rows: rows))
        for row in 0..<rows {
            let first = Int32(row * deliveryColumns.count)
            insert.bind(first + 3, actor.org)
            insert.bind(first + 4, actor.id)
            insert.bind(first + 5, now)
        }
        return insert
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
        personSealer.blindIndex(codiceFiscale)
    }
}
