import GRDB

/// The statements a `RecordWriter` runs in one write transaction: finding people, inserting
/// them, their keys, vulnerabilities and deliveries.
///
/// They stay raw statements (`RawStatement`), prepared once per writer and bound through the
/// raw SQLite API, the values the same for every record (the operator, their organisation, the
/// time, the key generation) bound once: an import runs them for every row, and binding through
/// GRDB (a boxed value per argument, a statement lookup per call) costs more than SQLite's own
/// work there (Docs/PERFORMANCE.md).
final class RecordStatements {
    /// The transaction the statements run in.
    let db: Database
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
    /// Deliveries queued, not yet inserted (`queueDelivery`).
    private var queuedDeliveries: [QueuedDelivery] = []
    /// The insert of `deliveriesPerStatement` deliveries at once, prepared on first use.
    private var insertDeliveries: RawStatement?
    private let org: String
    private let user: String
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

    /// Prepares the statements in the transaction of `db` for what `user` of `org` records at
    /// `now`, the data keys wrapped under key-encryption generation `keyGeneration`.
    init(_ db: Database, org: String, user: String, now: String, keyGeneration: Int) throws {
        self.db = db
        self.org = org
        self.user = user
        self.now = now
        byBlindIndex = try RawStatement(db, sql: Self.byBlindIndexSQL)
        byRef = try RawStatement(
            db, sql: "SELECT id, cf_index IS NOT NULL FROM beneficiary WHERE owner_org = ?1 AND ref = ?2")
        byRef.bind(1, org)
        idTaken = try RawStatement(db, sql: "SELECT 1 FROM beneficiary WHERE id = ?1")
        insertBeneficiary = try RawStatement(
            db,
            sql: """
                INSERT INTO beneficiary (id, owner_org, created_by, created_at, ref, cf_index, sex, birth_year,
                    citizenship, comune, given_name, family_name, codice_fiscale, birth_date, phone, email,
                    address, notes, sensitive, record_key)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
                """)
        insertBeneficiary.bind(2, org)
        insertBeneficiary.bind(3, user)
        insertBeneficiary.bind(4, now)
        insertKey = try RawStatement(
            db, sql: "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES (?1, ?2, ?3)")
        insertKey.bind(2, keyGeneration)
        updateCodiceFiscale = try RawStatement(
            db, sql: "UPDATE beneficiary SET cf_index = ?1, codice_fiscale = ?2 WHERE id = ?3")
        insertVulnerability = try RawStatement(
            db,
            sql: """
                INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES (?1, ?2, ?3)
                ON CONFLICT DO NOTHING
                """)
        insertVulnerability.bind(2, org)
        selectSpecial = try RawStatement(db, sql: "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?1")
        upsertSpecial = try RawStatement(
            db,
            sql: """
                INSERT INTO special_vulnerability (beneficiary_id, codes) VALUES (?1, ?2)
                ON CONFLICT (beneficiary_id) DO UPDATE SET codes = excluded.codes
                """)
        insertDelivery = try Self.prepareDeliveryInsert(rows: 1, db, org: org, user: user, now: now)
    }

    /// The id the next delivery gets: one past the highest recorded.
    func nextDeliveryID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM delivery") ?? 1
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any.
    func beneficiary(withBlindIndex index: [UInt8]) throws -> String? {
        byBlindIndex.bind(1, blob: index)
        return try byBlindIndex.first { $0.text(0) } ?? nil
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any, outside a writer.
    static func beneficiary(withBlindIndex index: [UInt8], _ db: Database) throws -> String? {
        let statement = try RawStatement(db, sql: byBlindIndexSQL)
        statement.bind(1, blob: index)
        return try statement.first { $0.text(0) } ?? nil
    }

    /// The beneficiary of the organisation with file number `ref`, and whether it has a codice
    /// fiscale.
    func beneficiary(withRef ref: String) throws -> (id: String, hasCodiceFiscale: Bool)? {
        byRef.bind(2, ref)
        return try byRef.first { row in (row.text(0) ?? "", row.int64(1) != 0) }
    }

    /// Inserts the `beneficiary` row of `sealed`, owned by the organisation, with its facts in
    /// clear; `false` when its id is already taken.
    func insertBeneficiary(
        _ sealed: SealedPerson, ref: String?, sex: String?, birthYear: Int?, citizenship: String?,
        comune: String?, recordKey: Int64
    ) throws -> Bool {
        let insert = insertBeneficiary
        insert.bind(1, sealed.id)
        insert.bind(5, ref)
        insert.bind(6, blob: sealed.blindIndex)
        insert.bind(7, sex)
        insert.bind(8, birthYear)
        insert.bind(9, citizenship)
        insert.bind(10, comune)
        sealed.forEachSealedField { offset, field in
            insert.bind(Int32(11 + offset), blob: field)
        }
        insert.bind(20, recordKey)
        do {
            try insert.execute()
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            guard try isTaken(sealed.id) else { throw error }
            return false
        }
    }

    private func isTaken(_ id: String) throws -> Bool {
        idTaken.bind(1, id)
        return try idTaken.first { _ in true } ?? false
    }

    /// Inserts the wrapped data key of `beneficiary`.
    func insertKey(of beneficiary: String, wrappedKey: [UInt8]) throws {
        insertKey.bind(1, beneficiary)
        insertKey.bind(3, blob: wrappedKey)
        try insertKey.execute()
    }

    /// Gives `beneficiary` the blind index and the sealed value of its codice fiscale.
    func updateCodiceFiscale(of beneficiary: String, blindIndex: [UInt8], sealed: UnsafeRawBufferPointer) throws {
        updateCodiceFiscale.bind(2, blob: sealed)
        updateCodiceFiscale.bind(1, blob: blindIndex)
        updateCodiceFiscale.bind(3, beneficiary)
        try updateCodiceFiscale.execute()
    }

    /// Records `codes` (ordinary vulnerabilities, in clear) as observed in `beneficiary` by the
    /// organisation; codes it recorded before are kept once.
    func insertVulnerabilities(_ codes: [String], of beneficiary: String) throws {
        insertVulnerability.bind(1, beneficiary)
        for code in codes {
            insertVulnerability.bind(3, code)
            try insertVulnerability.execute()
        }
    }

    /// The sealed list of special vulnerabilities of `beneficiary`, if one is stored.
    func sealedSpecial(of beneficiary: String) throws -> [UInt8]? {
        selectSpecial.bind(1, beneficiary)
        return try selectSpecial.first { $0.blob(0) } ?? nil
    }

    /// Stores `sealed` as the sealed list of special vulnerabilities of `beneficiary`.
    func storeSpecial(_ sealed: UnsafeRawBufferPointer, of beneficiary: String) throws {
        upsertSpecial.bind(1, beneficiary)
        upsertSpecial.bind(2, blob: sealed)
        try upsertSpecial.execute()
    }

    /// Stores `sealed` as the sealed list of special vulnerabilities of `beneficiary`.
    func storeSpecial(_ sealed: [UInt8], of beneficiary: String) throws {
        upsertSpecial.bind(1, beneficiary)
        upsertSpecial.bind(2, blob: sealed)
        try upsertSpecial.execute()
    }

    /// Queues delivery `id` by the organisation to `beneficiary`, its notes sealed. Deliveries
    /// are inserted `deliveriesPerStatement` at a time, in the order queued, by one statement:
    /// SQLite opens the statement's cursors, begins and ends it once for them all, where each of
    /// these costs about as much as a b-tree insert. The caller inserts the last ones
    /// (`insertQueuedDeliveries`) before anything reads the deliveries.
    func queueDelivery(
        id: Int64, beneficiary: String, _ delivery: ValidDelivery, sealedNotes: [UInt8]?, importID: Int64?
    ) throws {
        queuedDeliveries.append(
            QueuedDelivery(
                id: id, beneficiary: beneficiary, delivery: delivery, sealedNotes: sealedNotes, importID: importID))
        if queuedDeliveries.count == Self.deliveriesPerStatement {
            let insert =
                try insertDeliveries
                ?? Self.prepareDeliveryInsert(rows: Self.deliveriesPerStatement, db, org: org, user: user, now: now)
            insertDeliveries = insert
            for (row, queued) in queuedDeliveries.enumerated() {
                bind(queued, to: insert, row: row)
            }
            try insert.execute()
            queuedDeliveries.removeAll(keepingCapacity: true)
        }
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

    /// Prepares an insert of `rows` deliveries, the values that are the same for every delivery
    /// bound.
    private static func prepareDeliveryInsert(
        rows: Int, _ db: Database, org: String, user: String, now: String
    ) throws -> RawStatement {
        let insert = try RawStatement(db, sql: insertDeliverySQL(rows: rows))
        for row in 0..<rows {
            let first = Int32(row * deliveryColumns.count)
            insert.bind(first + 3, org)
            insert.bind(first + 4, user)
            insert.bind(first + 5, now)
        }
        return insert
    }
}
