import Foundation

/// Writes beneficiaries and deliveries inside one write transaction: seals personal fields
/// under each person's data key, blind-indexes codici fiscali, and keeps a small cache of
/// opened data keys. Used by `beneficiary add`, `delivery add` and imports alike.
///
/// Its statements (`RecordStatements`) are prepared once and bound through the raw SQLite API,
/// the values that are the same for every record (the operator, their organisation, the time)
/// bound once; nonces come from one `RandomPool`. A new person arrives sealed (`SealedPerson`:
/// an import seals them ahead on its reading thread), or is sealed here by a `NewPersonSealer`
/// of the writer's own.
final class RecordWriter {
    /// The transaction the writer writes in.
    let db: RegistryDatabase.Connection
    private let keys: KeyMaterial
    /// The operator recording; what they record is owned by their organisation.
    let actor: Operator
    /// The id the next delivery queued gets.
    private(set) var nextDeliveryID: Int64
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
    /// The statements the writer runs.
    private let statements: RecordStatements
    /// Deliveries inserted by one run of a statement (`queueDelivery`).
    static let deliveriesPerStatement = RecordStatements.deliveriesPerStatement

    /// Prepares a writer for `actor` in the transaction of `db`, with `keys` at the
    /// key-encryption generation the transaction reads (a rotation may have committed since the
    /// caller fetched them).
    init(_ db: RegistryDatabase.Connection, keys: KeyMaterial, actor: Operator) throws {
        self.db = db
        let keys = try keys.atRecordedGeneration(db)
        self.keys = keys
        self.actor = actor
        sealer = FieldSealer(random: random)
        personSealer = NewPersonSealer(keys: keys, org: actor.org)
        statements = try RecordStatements(
            db, org: actor.org, user: actor.id, now: Timestamp.now(), keyGeneration: keys.generation)
        nextDeliveryID = try statements.nextDeliveryID()
    }

    /// The beneficiary whose codice fiscale is `codiceFiscale`, if any.
    func beneficiary(withCodiceFiscale codiceFiscale: CodiceFiscale) throws -> String? {
        try beneficiary(withBlindIndex: blindIndex(codiceFiscale))?.id
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any, and whether
    /// this writer's transaction created them.
    func beneficiary(withBlindIndex index: [UInt8]) throws -> (id: String, createdHere: Bool)? {
        try statements.beneficiary(withBlindIndex: index)
    }

    /// The beneficiary whose codice fiscale has the blind index `index`, if any.
    static func beneficiary(withBlindIndex index: [UInt8], _ db: RegistryDatabase.Connection) throws -> String? {
        try RecordStatements.beneficiary(withBlindIndex: index, db)
    }

    /// The beneficiary of the actor's organisation with file number `ref`, whether it has a
    /// codice fiscale, and whether this writer's transaction created them.
    func beneficiary(withRef ref: String) throws -> (id: String, hasCodiceFiscale: Bool, createdHere: Bool)? {
        try statements.beneficiary(withRef: ref)
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
        let sealed = try insertBeneficiary(person, sealed)
        try statements.insertKey(of: sealed.id, wrappedKey: sealed.wrappedKey)
        // Every new person gets a sealed list, an empty one too, so that having one tells nothing.
        try statements.storeSpecial(sealed.sealedSpecial, of: sealed.id)
        return sealed.id
    }

    /// Creates a beneficiary as `createBeneficiary` does, with their ordinary vulnerabilities
    /// (the special ones are in the sealed record), but queues the rows besides their
    /// `beneficiary` row (data key, special list, vulnerabilities) to be inserted several at a
    /// time, as deliveries are: the caller inserts the last ones (`insertQueued`) before its
    /// transaction ends. An import creates its people so.
    func createQueuedBeneficiary(_ person: ValidBeneficiary, sealed: SealedPerson) throws -> String {
        let sealed = try insertBeneficiary(person, sealed)
        try statements.queueNewPersonRows(
            of: sealed.id, wrappedKey: sealed.wrappedKey, sealedSpecial: sealed.sealedSpecial,
            codes: person.vulnerabilities)
        return sealed.id
    }

    /// Creates a beneficiary as `createQueuedBeneficiary` does when nobody has their codice
    /// fiscale (blind index), their file number in the organisation, nor the id they were sealed
    /// under, and returns their id; else `nil`, changing nothing. The insert itself asks the
    /// unique indexes, where looking the person up first, by blind index and by file number,
    /// costs two more searches of them for every new person (a quarter of creating one).
    ///
    /// Neither their data key nor their special list is remembered here, which cost two lookups
    /// of a dictionary hashed on the id for every new person: the caller holds the key
    /// (`sealed.dataKey`) and hands it to `queueDelivery` for the notes of the person's rows, and
    /// the list is read back only for a row that finds the person again under other columns with
    /// special vulnerabilities, rarer than the new people whose list would be remembered.
    func createQueuedBeneficiaryIfNew(_ person: ValidBeneficiary, sealed: SealedPerson) throws -> String? {
        guard try insert(person, sealed) else { return nil }
        try statements.queueNewPersonRows(
            of: sealed.id, wrappedKey: sealed.wrappedKey, sealedSpecial: sealed.sealedSpecial,
            codes: person.vulnerabilities)
        return sealed.id
    }

    /// Inserts the `beneficiary` row of `person`, sealed ahead, and returns the record inserted:
    /// `sealed`, or, when another person already has its id, the person sealed again under a
    /// new one. Remembers their data key and special list.
    ///
    /// - Throws: `RegistroError` (internal) when another person has their codice fiscale or file
    ///   number: the caller looks them up first.
    private func insertBeneficiary(_ person: ValidBeneficiary, _ sealed: SealedPerson) throws -> SealedPerson {
        var sealed = sealed
        // The id's uniqueness is checked by the insert itself (the primary key), not by a
        // lookup before it: a clash is rare (55 random bits), and found by a lookup only then.
        while try !insert(person, sealed) {
            guard try statements.isTaken(sealed.id) else {
                throw RegistroError.internal(
                    "a new person's codice fiscale or file number is another person's; nothing was recorded")
            }
            sealed = personSealer.seal(person, blindIndex: sealed.blindIndex)
        }
        remember(sealed.dataKey, for: sealed.id)
        rememberSpecial(sealed.special, of: sealed.id)
        return sealed
    }

    /// Inserts the `beneficiary` row of `sealed`; `false`, inserting nothing, when its id, blind
    /// index or file number is another person's.
    private func insert(_ person: ValidBeneficiary, _ sealed: SealedPerson) throws -> Bool {
        try statements.insertBeneficiary(
            sealed, ref: person.ref,
            sex: (person.sex ?? person.codiceFiscale.map { $0.sex == .female ? Sex.female : .male })?.rawValue,
            birthYear: person.birthDate?.year, citizenship: person.citizenship?.rawValue, comune: person.comune,
            recordKey: Int64(RecordKey.random(random)))
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
        let index = index ?? blindIndex(codiceFiscale)
        try sealer.seal(codiceFiscale.value, at: location, with: key) {
            try statements.updateCodiceFiscale(of: beneficiary, blindIndex: index, sealed: $0)
        }
    }

    /// Records the vulnerabilities the actor's organisation observed in a beneficiary: the
    /// ordinary ones in clear, the special-category ones added to the person's sealed list.
    func addVulnerabilities(of person: ValidBeneficiary, to beneficiary: String) throws {
        if !person.vulnerabilities.isEmpty {
            try statements.insertVulnerabilities(person.vulnerabilities, of: beneficiary)
        }
        guard !person.specialVulnerabilities.isEmpty else { return }
        var special: SpecialVulnerabilities
        if let known = specialLists[beneficiary] {
            special = known
        } else {
            try statements.insertQueuedSpecialLists(before: beneficiary)
            let sealed = try statements.sealedSpecial(of: beneficiary)
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
        // A new person's list still queued would be inserted after this one, and clash.
        try statements.insertQueuedSpecialLists(before: beneficiary)
        try sealer.seal(special.plaintext, at: SpecialVulnerabilities.location(of: beneficiary), with: dataKey) {
            try statements.storeSpecial($0, of: beneficiary)
        }
        rememberSpecial(special, of: beneficiary)
    }

    private func rememberSpecial(_ special: SpecialVulnerabilities, of beneficiary: String) {
        if specialLists.count >= Self.dataKeyCacheLimit { specialLists.removeAll(keepingCapacity: true) }
        specialLists[beneficiary] = special
    }

    /// Records a delivery by the actor's organisation and returns its id.
    func insertDelivery(_ delivery: ValidDelivery, beneficiary: String, importID: Int64?) throws -> Int64 {
        let id = try queueDelivery(delivery, beneficiary: beneficiary, importID: importID)
        try insertQueued()
        return id
    }

    /// Queues a delivery by the actor's organisation, numbered and its notes sealed now, and
    /// returns its id. Deliveries are inserted `deliveriesPerStatement` at a time, by one
    /// statement; the caller inserts the last ones (`insertQueued`) before anything reads the
    /// deliveries. The notes are sealed under `dataKey` when the caller has the person's key at
    /// hand (a person it created), else under the key this writer reads (`dataKey(for:)`).
    @discardableResult
    func queueDelivery(
        _ delivery: ValidDelivery, beneficiary: String, dataKey: SecretKey? = nil, importID: Int64?
    ) throws -> Int64 {
        let id = nextDeliveryID
        if let notes = delivery.notes {
            let location = FieldLocation(table: "delivery", column: "notes", row: String(id))
            let key = try dataKey ?? self.dataKey(for: beneficiary)
            // Bound (copied) while sealed: the sealed notes are not kept past the call.
            try sealer.seal(notes, at: location, with: key) { sealedNotes in
                try statements.queueDelivery(
                    id: id, beneficiary: beneficiary, delivery, sealedNotes: sealedNotes, importID: importID)
            }
        } else {
            try statements.queueDelivery(
                id: id, beneficiary: beneficiary, delivery, sealedNotes: nil, importID: importID)
        }
        nextDeliveryID += 1
        return id
    }

    /// Inserts every row still queued: deliveries, and the keys, special lists and
    /// vulnerabilities of people created by `createQueuedBeneficiary`.
    func insertQueued() throws {
        try statements.insertQueued()
    }

    /// The data key of `beneficiary`, unwrapped once and then cached.
    ///
    /// - Throws: `RegistroError` when the person's key was destroyed (erased) or does not open.
    func dataKey(for beneficiary: String) throws -> SecretKey {
        if let key = dataKeys[beneficiary] { return key }
        try statements.insertQueuedKeys(before: beneficiary)
        let key = try keys.dataKey(for: beneficiary, db)
        remember(key, for: beneficiary)
        return key
    }

    private func remember(_ key: SecretKey, for beneficiary: String) {
        if dataKeys.count >= Self.dataKeyCacheLimit { dataKeys.removeAll(keepingCapacity: true) }
        dataKeys[beneficiary] = key
    }

    private func blindIndex(_ codiceFiscale: CodiceFiscale) -> [UInt8] {
        personSealer.blindIndex(codiceFiscale)
    }
}
