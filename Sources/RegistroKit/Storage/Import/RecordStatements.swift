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
    /// The last row of `beneficiary` before these statements inserted any: a person on a later
    /// row was created in this transaction (SQLite numbers a new row past the last one).
    private let lastRowIDBefore: Int64
    private let byBlindIndex: RawStatement
    private let byRef: RawStatement
    private let idTaken: RawStatement
    private let insertBeneficiary: RawStatement
    private let insertKey: RawStatement
    private let updateCodiceFiscale: RawStatement
    private let insertVulnerability: RawStatement
    private let selectSpecial: RawStatement
    private let upsertSpecial: RawStatement
    /// Deliveries queued, not yet inserted (`queueDelivery`).
    private let deliveries: QueuedInsert
    /// New people's wrapped data keys, queued (`queueNewPersonRows`).
    private let newKeys: QueuedInsert
    /// New people's sealed lists of special vulnerabilities, queued (`queueNewPersonRows`).
    private let newSpecialLists: QueuedInsert
    /// New people's ordinary vulnerabilities, queued (`queueNewPersonRows`).
    private let newVulnerabilities: QueuedInsert
    /// Deliveries inserted by one run of a statement (`queueDelivery`).
    static let deliveriesPerStatement = 16
    /// A new person's key, special list or vulnerabilities inserted by one run of a statement.
    static let newPersonRowsPerStatement = 16

    /// The SQL of the statements, by name: the query plan tests read them (`ImportQueryPlanTests`).
    enum SQL {
        /// The person with a blind index, and their row's number: one entry of the unique index
        /// on `cf_index`.
        static let byBlindIndex = "SELECT id, rowid FROM beneficiary WHERE cf_index = ?1"
        /// The organisation's person with a file number, and their row's number: one entry of
        /// the unique index on `(owner_org, ref)`.
        static let byRef =
            "SELECT id, cf_index IS NOT NULL, rowid FROM beneficiary WHERE owner_org = ?1 AND ref = ?2"
        /// The number of the last row of `beneficiary`: the end of the table's b-tree.
        static let lastRowID = "SELECT COALESCE(MAX(rowid), 0) FROM beneficiary"
        /// Whether an id is taken: one entry of the primary key's index.
        static let idTaken = "SELECT 1 FROM beneficiary WHERE id = ?1"
        /// A new person's row, owned by the organisation.
        static let insertBeneficiary = """
            INSERT INTO beneficiary (id, owner_org, created_by, created_at, ref, cf_index, sex, birth_year,
                citizenship, comune, given_name, family_name, codice_fiscale, birth_date, phone, email,
                address, notes, sensitive, record_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
            """
        /// A new person's wrapped data key.
        static let insertKey =
            "INSERT INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES (?1, ?2, ?3)"
        /// A codice fiscale given to a person known by file number only: found by the primary key.
        static let updateCodiceFiscale = "UPDATE beneficiary SET cf_index = ?1, codice_fiscale = ?2 WHERE id = ?3"
        /// An ordinary vulnerability observed by the organisation, kept once.
        static let insertVulnerability = """
            INSERT INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES (?1, ?2, ?3)
            ON CONFLICT DO NOTHING
            """
        /// A person's sealed special vulnerabilities: found by the primary key.
        static let selectSpecial = "SELECT codes FROM special_vulnerability WHERE beneficiary_id = ?1"
        /// A person's sealed special vulnerabilities, stored or replaced.
        static let upsertSpecial = """
            INSERT INTO special_vulnerability (beneficiary_id, codes) VALUES (?1, ?2)
            ON CONFLICT (beneficiary_id) DO UPDATE SET codes = excluded.codes
            """
        /// The id the next delivery gets: the last entry of the table's b-tree.
        static let nextDeliveryID = "SELECT COALESCE(MAX(id), 0) + 1 FROM delivery"

        /// The wrapped data keys of `rows` new people. `OR FAIL`, as every insert of several
        /// rows here: see `insertDeliveries`.
        static func insertKeys(rows: Int) -> String {
            "INSERT OR FAIL INTO beneficiary_key (beneficiary_id, kek_generation, wrapped_key) VALUES "
                + values(rows: rows, columns: 3)
        }

        /// The sealed lists of special vulnerabilities of `rows` new people.
        static func insertSpecialLists(rows: Int) -> String {
            "INSERT OR FAIL INTO special_vulnerability (beneficiary_id, codes) VALUES "
                + values(rows: rows, columns: 2)
        }

        /// `rows` ordinary vulnerabilities observed by the organisation, each kept once.
        static func insertVulnerabilities(rows: Int) -> String {
            "INSERT OR FAIL INTO beneficiary_vulnerability (beneficiary_id, org_id, code) VALUES "
                + values(rows: rows, columns: 3) + " ON CONFLICT DO NOTHING"
        }

        /// An insert of `rows` deliveries. `OR FAIL`: a constraint failing on one row ends the
        /// statement without undoing the rows before it, so SQLite keeps no statement journal
        /// (with the default `ABORT`, a statement of several rows copies every page it changes
        /// into one, spilled to a temporary file past 64 KiB); the failure ends the import,
        /// whose whole transaction rolls back.
        static func insertDeliveries(rows: Int) -> String {
            "INSERT OR FAIL INTO delivery (\(deliveryColumns.joined(separator: ", "))) VALUES "
                + values(rows: rows, columns: deliveryColumns.count)
        }

        /// The `VALUES` list of `rows` rows of `columns` parameters each, numbered in order:
        /// `(?1, ?2), (?3, ?4)`.
        private static func values(rows: Int, columns: Int) -> String {
            (0..<rows).map { row in
                let first = row * columns + 1
                return "(" + (first..<first + columns).map { "?\($0)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ")
        }

        /// The columns of a delivery as `insertDeliveries` binds them, in order.
        static let deliveryColumns = [
            "id", "beneficiary_id", "org_id", "recorded_by", "recorded_at", "date", "service_code", "hours",
            "channel", "outcome", "impact", "project", "notes", "import_id",
        ]
    }

    /// Prepares the statements in the transaction of `db` for what `user` of `org` records at
    /// `now`, the data keys wrapped under key-encryption generation `keyGeneration`.
    init(_ db: Database, org: String, user: String, now: String, keyGeneration: Int) throws {
        self.db = db
        lastRowIDBefore = try Int64.fetchOne(db, sql: SQL.lastRowID) ?? 0
        byBlindIndex = try RawStatement(db, sql: SQL.byBlindIndex)
        byRef = try RawStatement(db, sql: SQL.byRef)
        byRef.bind(1, org)
        idTaken = try RawStatement(db, sql: SQL.idTaken)
        insertBeneficiary = try RawStatement(db, sql: SQL.insertBeneficiary)
        insertBeneficiary.bind(2, org)
        insertBeneficiary.bind(3, user)
        insertBeneficiary.bind(4, now)
        insertKey = try RawStatement(db, sql: SQL.insertKey)
        insertKey.bind(2, keyGeneration)
        updateCodiceFiscale = try RawStatement(db, sql: SQL.updateCodiceFiscale)
        insertVulnerability = try RawStatement(db, sql: SQL.insertVulnerability)
        insertVulnerability.bind(2, org)
        selectSpecial = try RawStatement(db, sql: SQL.selectSpecial)
        upsertSpecial = try RawStatement(db, sql: SQL.upsertSpecial)
        deliveries = QueuedInsert(
            db, rowsPerStatement: Self.deliveriesPerStatement, sql: SQL.insertDeliveries,
            constants: { insert, first in
                insert.bind(first + 2, org)
                insert.bind(first + 3, user)
                insert.bind(first + 4, now)
            })
        let rows = Self.newPersonRowsPerStatement
        newKeys = QueuedInsert(
            db, rowsPerStatement: rows, sql: SQL.insertKeys,
            constants: { insert, first in insert.bind(first + 1, keyGeneration) })
        newSpecialLists = QueuedInsert(db, rowsPerStatement: rows, sql: SQL.insertSpecialLists)
        newVulnerabilities = QueuedInsert(
            db, rowsPerStatement: rows, sql: SQL.insertVulnerabilities,
            constants: { insert, first in insert.bind(first + 1, org) })
    }

    /// The id the next delivery gets: one past the highest recorded.
    func nextDeliveryID() throws -> Int64 {
        try Int64.fetchOne(db, sql: SQL.nextDeliveryID) ?? 1
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any, and whether
    /// they were created in this transaction.
    func beneficiary(withBlindIndex index: [UInt8]) throws -> (id: String, createdHere: Bool)? {
        byBlindIndex.bind(1, blob: index)
        return try byBlindIndex.first { row in (row.text(0) ?? "", row.int64(1) > lastRowIDBefore) }
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any, outside a writer.
    static func beneficiary(withBlindIndex index: [UInt8], _ db: Database) throws -> String? {
        let statement = try RawStatement(db, sql: SQL.byBlindIndex)
        statement.bind(1, blob: index)
        return try statement.first { $0.text(0) } ?? nil
    }

    /// The beneficiary of the organisation with file number `ref`, whether it has a codice
    /// fiscale, and whether it was created in this transaction.
    func beneficiary(withRef ref: String) throws -> (id: String, hasCodiceFiscale: Bool, createdHere: Bool)? {
        byRef.bind(2, ref)
        return try byRef.first { row in (row.text(0) ?? "", row.int64(1) != 0, row.int64(2) > lastRowIDBefore) }
    }

    /// Inserts the `beneficiary` row of `sealed`, owned by the organisation, with its facts in
    /// clear; `false`, inserting nothing, when a uniqueness constraint refuses it: its id, blind
    /// index or file number is another person's.
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
        return try insert.executeUnlessDuplicate()
    }

    /// Whether a person has the id `id`.
    func isTaken(_ id: String) throws -> Bool {
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

    /// Queues the rows of a new person besides their `beneficiary` row: the wrapped data key, the
    /// sealed list of special vulnerabilities and the ordinary vulnerabilities (`codes`), to be
    /// inserted several at a time (`QueuedInsert`). The caller inserts the last ones
    /// (`insertQueued`) before anything reads these tables.
    func queueNewPersonRows(
        of beneficiary: String, wrappedKey: [UInt8], sealedSpecial: [UInt8], codes: [String]
    )
        throws
    {
        try newKeys.append { insert, first in
            insert.bind(first, beneficiary)
            insert.bind(first + 2, blob: wrappedKey)
        }
        try newSpecialLists.append { insert, first in
            insert.bind(first, beneficiary)
            insert.bind(first + 1, blob: sealedSpecial)
        }
        for code in codes {
            try newVulnerabilities.append { insert, first in
                insert.bind(first, beneficiary)
                insert.bind(first + 2, code)
            }
        }
    }

    /// Inserts the new people's keys queued (`queueNewPersonRows`) when the key of `beneficiary`
    /// is among them, before it is read: the keys of others stay queued, to be inserted several
    /// at a time.
    func insertQueuedKeys(before beneficiary: String) throws {
        if newKeys.contains(where: { $0.isBound($1, toText: beneficiary) }) { try newKeys.flush() }
    }

    /// Inserts the new people's special lists queued (`queueNewPersonRows`) when the list of
    /// `beneficiary` is among them, before it is read or replaced.
    func insertQueuedSpecialLists(before beneficiary: String) throws {
        if newSpecialLists.contains(where: { $0.isBound($1, toText: beneficiary) }) { try newSpecialLists.flush() }
    }

    /// Queues delivery `id` by the organisation to `beneficiary`, its notes sealed, to be
    /// inserted `deliveriesPerStatement` at a time, in the order queued, by one statement
    /// (`QueuedInsert`). The caller inserts the last ones (`insertQueued`) before anything
    /// reads the deliveries.
    func queueDelivery(
        id: Int64, beneficiary: String, _ delivery: ValidDelivery, sealedNotes: UnsafeRawBufferPointer?,
        importID: Int64?
    ) throws {
        try deliveries.append { insert, first in
            insert.bind(first, id)
            insert.bind(first + 1, beneficiary)
            insert.bind(first + 5, date: delivery.date)
            insert.bind(first + 6, delivery.serviceCode)
            insert.bind(first + 7, delivery.hours)
            insert.bind(first + 8, delivery.channel)
            insert.bind(first + 9, delivery.outcome)
            insert.bind(first + 10, delivery.impact)
            insert.bind(first + 11, delivery.project)
            insert.bind(first + 12, blob: sealedNotes)
            insert.bind(first + 13, importID)
        }
    }

    /// Inserts every row still queued: deliveries and new people's rows.
    func insertQueued() throws {
        try newKeys.flush()
        try newSpecialLists.flush()
        try newVulnerabilities.flush()
        try deliveries.flush()
    }
}
