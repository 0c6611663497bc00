import Foundation

/// Imports the deliveries of one spreadsheet export in one transaction: reads the file as a
/// stream, validates every row, matches each row's person by codice fiscale (blind index), then
/// by the importing organisation's file number (`ref`), else creates the person, and records
/// the delivery. Every problem is reported as it is found; any problem means nothing is kept.
///
/// The rows are read, decoded and validated by a `RowParser` on a thread of its own, a bounded
/// number of rows ahead, and each person met for the first time is sealed there too, while the
/// importer's thread (the transaction's, the only one to use the database) finds, creates and
/// records, inserting the deliveries several at a time (`RecordWriter.queueDelivery`).
/// Spreadsheets repeat a person's columns on each of their rows: the parser names a person met
/// before by the slot of their first row, and the importer remembers which person each slot
/// found or created, so such a row's person is neither decoded, validated, sealed nor looked up
/// again. Validation and matching give the same answer
/// for the same bytes within one import, so the rows are imported exactly as if each were taken
/// on its own.
final class DeliveryImporter {
    /// The file as the user named it, for problem reports.
    let displayName: String
    let reader: CSVReader
    let totalBytes: Int
    let validator: RecordValidator
    let writer: RecordWriter
    /// Whether the importing user may record for each person matched.
    let permission: RecordingPermission
    let importID: Int64
    let report: (ImportProblem) -> Void
    let progress: (ImportProgress) -> Void
    /// Receives the person of each row imported, when the caller asked for them.
    let rowPerson: ((ImportedRow) -> Void)?
    /// Receives the person of each row that found them in the registry (rather than created
    /// them, on this row or an earlier one).
    let foundPerson: (String) -> Void
    /// Receives a warning for each row identical to a delivery stored before.
    let warn: (ImportProblem) -> Void
    /// Finds the deliveries stored before that a row repeats.
    private let storedDeliveries: StoredDeliveryCheck

    /// How often, in rows, progress is reported.
    static let progressInterval = 2_000

    /// SQLite's page cache during an import, in MiB: as much of the pages of the indexes an
    /// import of a million rows inserts into at random places (people by id and blind index,
    /// deliveries by person and by date) as fits within the 150 MB such an import may use,
    /// beside the process itself (about 35 MB), the reading thread's memo of people and the
    /// rows' people kept for the command line's report (Docs/PERFORMANCE.md).
    static let pageCacheMebibytes = 56

    /// The foreign keys of the tables an import writes, as `table.column → parent.column`.
    /// SQLite's own checks are off during an import (`RegistryDatabase.ForeignKeyChecks.caller`:
    /// they cost an index probe per reference per row, more than a tenth of the import); each
    /// reference is checked here instead, once:
    /// - the operator and their organisation (`owner_org`, `created_by`, `org_id`,
    ///   `recorded_by`, `imported_by`): by `checkReferences`, before the first row;
    /// - `beneficiary_id`: a person found in `beneficiary` or created in this transaction;
    /// - service, channel, outcome and vulnerability codes: validated against the codes read in
    ///   this transaction (`CodeCatalog`);
    /// - `import_id`: the import's own batch, inserted in this transaction.
    ///
    /// A test compares this list with the schema, so that a foreign key added later cannot go
    /// unchecked.
    static let checkedReferences: Set<String> = [
        "beneficiary.owner_org → organisation.id", "beneficiary.created_by → operator.id",
        "beneficiary_key.beneficiary_id → beneficiary.id",
        "beneficiary_vulnerability.beneficiary_id → beneficiary.id",
        "beneficiary_vulnerability.org_id → organisation.id",
        "beneficiary_vulnerability.code → vulnerability_code.code",
        "special_vulnerability.beneficiary_id → beneficiary.id",
        "import_batch.org_id → organisation.id", "import_batch.imported_by → operator.id",
        "delivery.beneficiary_id → beneficiary.id", "delivery.org_id → organisation.id",
        "delivery.recorded_by → operator.id", "delivery.service_code → service_code.code",
        "delivery.channel → channel_code.code", "delivery.outcome → outcome_code.code",
        "delivery.import_id → import_batch.id",
    ]

    /// Checks the references that are the same for every row of an import by `user`: that the
    /// operator and their organisation exist.
    ///
    /// - Throws: `RegistroError` (internal) when either is missing: the database is damaged.
    static func checkReferences(of user: Operator, _ db: RegistryDatabase.Connection) throws {
        guard try ImportReferenceRows.exist(operator: user.id, organisation: user.org, db) else {
            throw RegistroError.internal(
                "operator `\(user.id)` or their organisation `\(user.org)` is missing from the registry: it is damaged; restore it from a backup"
            )
        }
    }

    /// The file's decoding: the header's, then, once the rows are read, the parser's.
    private var decoding: TextDecoding
    /// Each column's heading as the file wrote it (`Servizio`, `Data`), by column name, so that
    /// problems name the column as the user knows it.
    private var headings: [String: String] = [:]
    /// The people of the rows' slots (`PersonReference`) found or created so far.
    private var slotPeople = SlotTable<SlotPerson>()

    /// The person a slot's first row found or created.
    private struct SlotPerson {
        /// The person's id.
        var id: String
        /// Whether this import created them (on the slot's first row, or on an earlier row that
        /// named them otherwise): then recording for them was allowed with the import itself,
        /// and their only deliveries are the import's own.
        var createdHere: Bool
    }
    /// The data keys of the people this import created, by slot, for the notes of their rows.
    private var slotKeys = SlotKeys()
    /// The people of the slots whose first row found no person (a problem was reported), to be
    /// looked for again, as the slot's later rows would have been taken on their own.
    private var unresolvedSlots: [Int: (ValidBeneficiary, SealedPerson)] = [:]

    /// Rows (in batches of `RowParser.batchSize`) the reading thread may get ahead of the
    /// recording one: enough to keep both busy, little memory.
    static let queuedBatches = 4

    init(
        displayName: String, reader: CSVReader, totalBytes: Int, validator: RecordValidator, writer: RecordWriter,
        permission: RecordingPermission, importID: Int64, report: @escaping (ImportProblem) -> Void,
        progress: @escaping (ImportProgress) -> Void,
        rowPerson: ((ImportedRow) -> Void)? = nil, found: @escaping (String) -> Void = { _ in },
        warn: @escaping (ImportProblem) -> Void = { _ in }
    ) throws {
        self.rowPerson = rowPerson
        self.foundPerson = found
        self.warn = warn
        storedDeliveries = try StoredDeliveryCheck(before: writer.nextDeliveryID, org: writer.actor.org, writer.db)
        self.displayName = displayName
        self.reader = reader
        self.totalBytes = totalBytes
        self.validator = validator
        self.writer = writer
        self.permission = permission
        self.importID = importID
        self.report = report
        self.progress = progress
        decoding = TextDecoding(knownUTF8: reader.hadByteOrderMark)
    }

    /// Reads and imports every row; returns the summary and how many problems were reported.
    ///
    /// The rows are read, decoded and validated on a thread of their own (`RowParser`), while
    /// this thread, the transaction's, finds or creates their people and inserts them: only it
    /// uses the database. Problems and progress are reported on this thread, in file order.
    func run() throws -> (summary: ImportSummary, problems: Int) {
        var problems = 0
        func problem(
            _ line: Int, _ column: String?, _ message: String, hint: RegistroHint? = nil, key: RegistroMessage? = nil
        ) {
            problems += 1
            report(
                ImportProblem(
                    file: displayName, line: line, column: column.map { headings[$0] ?? $0 }, message: message,
                    hint: hint, key: key))
        }
        guard try reader.next() else {
            problem(1, nil, "the file is empty; export the spreadsheet with its header row")
            return (summary(rows: 0, created: 0, matched: 0), problems)
        }
        guard let columns = try header(problem: { problem($0, $1, $2) }) else {
            return (summary(rows: 0, created: 0, matched: 0), problems)
        }
        let parser = RowParser(
            reader: reader, columns: columns, totalBytes: totalBytes, validator: validator, decoding: decoding,
            personSealer: writer.makePersonSealer())
        let queue = BoundedQueue<[ParsedRow]>(capacity: Self.queuedBatches)
        let thread = Thread { parser.run(into: queue) }
        thread.name = "registro import reader"
        thread.stackSize = 8 << 20
        thread.start()
        let refusalField =
            columns.contains(.codiceFiscale) ? ImportColumn.codiceFiscale.rawValue : ImportColumn.ref.rawValue
        var rows = 0
        var created = 0
        var matched = 0
        do {
            while let batch = try queue.take() {
                // Each row read where it lies in the batch, not copied out of it (and destroyed) first.
                try batch.withUnsafeBufferPointer { batchRows in
                    for index in batchRows.indices {
                        rows += 1
                        if let rowProgress = batchRows[index].progress { progress(rowProgress) }
                        if let layoutProblem = batchRows[index].layoutProblem {
                            problem(batchRows[index].line, nil, layoutProblem)
                            continue
                        }
                        var rowProblems: [RecordProblem] = []
                        let (outcome, person) = try record(
                            batchRows[index], refusalField: refusalField, problems: &rowProblems)
                        switch outcome {
                        case .created: created += 1
                        case .matched: matched += 1
                        case .rejected: break
                        }
                        let line = batchRows[index].line
                        if let person, outcome != .rejected {
                            rowPerson?(ImportedRow(line: line, beneficiary: person, created: outcome == .created))
                        }
                        for rowProblem in rowProblems {
                            problem(
                                line, rowProblem.field, rowProblem.problem, hint: rowProblem.hint, key: rowProblem.key)
                        }
                    }
                }
                // Destroyed on the reading thread, row by row as it parses the next ones into their
                // places: the writing thread, the busier at a million rows, does not pay for it.
                queue.giveBack(batch)
            }
            try writer.insertQueued()
        } catch {
            queue.cancel()
            throw error
        }
        decoding = parser.decoding
        progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: rows))
        return (summary(rows: rows, created: created, matched: matched), problems)
    }

    /// How a row's person was found.
    private enum RowOutcome {
        case created, matched, rejected
    }

    /// Finds or creates the person of a parsed row, checks the user may record for them, and
    /// records the delivery. Problems come in the order of the row taken on its own: the
    /// person's, then the delivery's, then a refusal.
    private func record(
        _ row: ParsedRow, refusalField: String, problems: inout [RecordProblem]
    ) throws -> (RowOutcome, String?) {
        if row.forgetsPeople {
            slotPeople.removeAll()
            unresolvedSlots.removeAll()
        }
        var personProblems = row.personProblems
        var rowOutcome = RowOutcome.rejected
        var beneficiary: String?
        // Whether this import created the person: then neither the permission nor the
        // deliveries stored before need asking, and they are no lookup of the organisation's.
        var createdHere = false
        // The person's data key, when this import created them and holds it.
        var dataKey: SecretKey?
        switch row.person {
        case .none:
            break
        case .remembered(let slot):
            if let known = slotPeople[slot] {
                if known.createdHere, row.personProblems.isEmpty, row.deliveryProblems.isEmpty,
                    let delivery = row.delivery
                {
                    // Created by this import: allowed, and nothing stored before to repeat.
                    try writer.queueDelivery(
                        delivery, beneficiary: known.id, dataKey: slotKeys[slot], importID: importID)
                    return (.matched, known.id)
                }
                (beneficiary, rowOutcome, createdHere, dataKey) = (
                    known.id, .matched, known.createdHere, slotKeys[slot]
                )
            } else if let (valid, sealed) = unresolvedSlots[slot] {
                (beneficiary, rowOutcome, createdHere, dataKey) = try findOrCreate(
                    valid, sealed, slot: slot, problems: &personProblems)
            }
        case .new(let valid, let sealed, let slot):
            (beneficiary, rowOutcome, createdHere, dataKey) = try findOrCreate(
                valid, sealed, slot: slot, problems: &personProblems)
        }
        problems = personProblems + row.deliveryProblems
        if let beneficiary, !createdHere, let refusal = try permission.problem(recordingFor: beneficiary) {
            problems.append(RecordProblem(field: refusalField, message: refusal.message, key: refusal.key))
        }
        guard problems.isEmpty, let beneficiary, let delivery = row.delivery else { return (.rejected, nil) }
        if rowOutcome == .matched && !createdHere {
            foundPerson(beneficiary)
            if try storedDeliveries.isStored(delivery, beneficiary: beneficiary) {
                warn(
                    ImportProblem(
                        file: displayName, line: row.line, column: nil,
                        message: "the same service, date and hours for this person are recorded already; "
                            + "check that this row is not entered twice"))
            }
        }
        try writer.queueDelivery(delivery, beneficiary: beneficiary, dataKey: dataKey, importID: importID)
        return (rowOutcome, beneficiary)
    }

    /// The person a row names, remembered for the later rows of its `slot`, with their data key
    /// when this row created them.
    private func findOrCreate(
        _ person: ValidBeneficiary, _ sealed: SealedPerson, slot: Int?, problems: inout [RecordProblem]
    ) throws -> (String?, RowOutcome, createdHere: Bool, dataKey: SecretKey?) {
        let found = try findOrCreate(person, sealed, problems: &problems)
        if let slot {
            if let id = found.0 {
                slotPeople[slot] = SlotPerson(id: id, createdHere: found.createdHere)
                if let key = found.dataKey { slotKeys[slot] = key }
                // Most imports have no such slot: no hashing of the slot then.
                if !unresolvedSlots.isEmpty { unresolvedSlots[slot] = nil }
            } else {
                unresolvedSlots[slot] = (person, sealed)
            }
        }
        return found
    }

    /// The person a row names: by codice fiscale, then by file number, else a new one, from
    /// their record `sealed` ahead; whether this import created them (on this row or an
    /// earlier one); and their data key when this row created them from `sealed` (a person
    /// sealed again under another id has theirs in the writer's cache).
    ///
    /// A person who has what a new one needs is first inserted as new: the unique indexes on
    /// blind index and file number refuse the insert exactly when one of the two lookups below
    /// would find someone, so the lookups are made only then.
    private func findOrCreate(
        _ person: ValidBeneficiary, _ sealed: SealedPerson, problems: inout [RecordProblem]
    ) throws -> (String?, RowOutcome, createdHere: Bool, dataKey: SecretKey?) {
        var newPersonProblems: [RecordProblem] = []
        validator.requireNewPersonFields(person, problems: &newPersonProblems)
        if problems.isEmpty, newPersonProblems.isEmpty,
            let id = try writer.createQueuedBeneficiaryIfNew(person, sealed: sealed)
        {
            return (id, .created, true, sealed.dataKey)
        }
        if let codiceFiscale = person.codiceFiscale, let blindIndex = sealed.blindIndex {
            if let found = try writer.beneficiary(withBlindIndex: blindIndex) {
                try writer.addVulnerabilities(of: person, to: found.id)
                return (found.id, .matched, found.createdHere, nil)
            }
            if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
                guard !match.hasCodiceFiscale else {
                    problems.append(
                        RecordProblem(
                            field: "ref",
                            message:
                                "your organisation's person with this file number has another codice fiscale; check both"
                        ))
                    return (nil, .rejected, false, nil)
                }
                try writer.attachCodiceFiscale(codiceFiscale, to: match.id, blindIndex: blindIndex)
                try writer.addVulnerabilities(of: person, to: match.id)
                return (match.id, .matched, match.createdHere, nil)
            }
        } else if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
            try writer.addVulnerabilities(of: person, to: match.id)
            return (match.id, .matched, match.createdHere, nil)
        }
        validator.requireNewPersonFields(person, problems: &problems)
        guard problems.isEmpty else { return (nil, .rejected, false, nil) }
        // The insert above was refused for the id alone (drawn by another person): sealed again.
        let id = try writer.createQueuedBeneficiary(person, sealed: sealed)
        return (id, .created, true, nil)
    }

    /// The columns of the header row, or `nil` after reporting its problems.
    private func header(problem: (Int, String?, String) -> Void) throws -> [ImportColumn]? {
        var columns: [ImportColumn] = []
        var valid = true
        for index in 0..<reader.fieldCount {
            let name = (try? decoding.decode(reader.field(index))) ?? ""
            guard let column = ImportColumn(header: name) else {
                problem(
                    reader.recordLine, nil,
                    "column \(index + 1) has the unknown header `\(name)`; rename it to one of \(ImportColumn.allCases.map(\.rawValue).joined(separator: ", ")) or remove the column"
                )
                valid = false
                continue
            }
            if columns.contains(column) {
                problem(
                    reader.recordLine, nil, "the header names `\(column.rawValue)` twice; keep one of the two columns")
                valid = false
            }
            columns.append(column)
            headings[column.rawValue] = headings[column.rawValue] ?? name.trimmingCharacters(in: .whitespaces)
        }
        for column in ImportColumn.required where !columns.contains(column) {
            problem(reader.recordLine, nil, "the header has no `\(column.rawValue)` column; every delivery needs one")
            valid = false
        }
        return valid ? columns : nil
    }

    private func summary(rows: Int, created: Int, matched: Int) -> ImportSummary {
        ImportSummary(
            rows: rows, peopleCreated: created, rowsMatched: matched, fileDigest: "",
            encoding: (decoding.encoding ?? .utf8).rawValue,
            separator: String(UnicodeScalar(reader.separator)), dryRun: false)
    }
}
