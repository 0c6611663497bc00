import Foundation
import GRDB

/// Imports the deliveries of one spreadsheet export in one transaction: reads the file as a
/// stream, validates every row, matches each row's person by codice fiscale (blind index), then
/// by the importing organisation's file number (`ref`), else creates the person, and records
/// the delivery. Every problem is reported as it is found; any problem means nothing is kept.
///
/// Spreadsheets repeat a person's columns on each of their rows, and a few codes, dates and
/// numbers on thousands of rows. The importer remembers (`ByteMemo`) what each distinct text of
/// a delivery column validated to, and which person each distinct set of a row's person
/// columns found or created, so such a row's person is neither decoded, validated nor looked
/// up again. Validation and matching give the same answer for the same bytes within one import,
/// so the rows are imported exactly as if each were taken on its own. A person is remembered
/// only when the row named them by codice fiscale or file number, which find the same person
/// again: a row with neither creates a new person every time.
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

    /// How often, in rows, progress is reported.
    static let progressInterval = 2_000

    /// SQLite's page cache during an import, in MiB: enough for the pages of the indexes an
    /// import of a million rows inserts into at random places (people by id and blind index,
    /// deliveries by person and by date), within SPEC §9's 150 MB for such an import.
    static let pageCacheMebibytes = 64

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
    static func checkReferences(of user: Operator, _ db: Database) throws {
        let found = try Int.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM operator WHERE id = ?) + (SELECT COUNT(*) FROM organisation WHERE id = ?)
            """, arguments: [user.id, user.org])
        guard found == 2 else {
            throw RegistroError.internal(
                "operator `\(user.id)` or their organisation `\(user.org)` is missing from the registry: it is damaged; restore it from a backup")
        }
    }

    private var decoding: TextDecoding
    /// The raw bytes of the current row's person columns, each preceded by its length.
    private var personKey: [UInt8] = []
    private var people = ByteMemo<String>(limit: 1 << 16)
    private var serviceCodes = MemoizedField<String>()
    private var dates = MemoizedField<CalendarDate>()
    private var hours = MemoizedField<Double>()
    private var channels = MemoizedField<String>()
    private var outcomes = MemoizedField<String>()
    private var impacts = MemoizedField<Int>()
    private var projects = MemoizedField<String>()

    init(
        displayName: String, reader: CSVReader, totalBytes: Int, validator: RecordValidator, writer: RecordWriter,
        permission: RecordingPermission, importID: Int64, report: @escaping (ImportProblem) -> Void, progress: @escaping (ImportProgress) -> Void
    ) {
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
    func run() throws -> (summary: ImportSummary, problems: Int) {
        var problems = 0
        func problem(_ line: Int, _ column: String?, _ message: String) {
            problems += 1
            report(ImportProblem(file: displayName, line: line, column: column, message: message))
        }
        guard try reader.next() else {
            problem(1, nil, "the file is empty; export the spreadsheet with its header row")
            return (summary(rows: 0, created: 0, matched: 0), problems)
        }
        guard let columns = try header(problem: problem) else {
            return (summary(rows: 0, created: 0, matched: 0), problems)
        }
        var rows = 0
        var created = 0
        var matched = 0
        var rowProblems: [RecordProblem] = []
        while try reader.next() {
            rows += 1
            let line = reader.recordLine
            if rows % Self.progressInterval == 0 {
                progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: rows))
            }
            guard reader.fieldCount == columns.count else {
                problem(line, nil, "has \(reader.fieldCount) fields where the header has \(columns.count); quote fields that contain the separator")
                continue
            }
            rowProblems.removeAll(keepingCapacity: true)
            switch try importRow(columns, problems: &rowProblems) {
            case .created: created += 1
            case .matched: matched += 1
            case .rejected: break
            }
            for rowProblem in rowProblems {
                problem(line, rowProblem.field, rowProblem.message)
            }
        }
        progress(ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: rows))
        return (summary(rows: rows, created: created, matched: matched), problems)
    }

    /// How a row's person was found.
    private enum RowOutcome {
        case created, matched, rejected
    }

    /// Decodes, validates and imports the current row. Problems come as the fields are taken
    /// on their own: text that does not decode (then nothing else), else the person's problems
    /// followed by the delivery's.
    private func importRow(_ columns: [ImportColumn], problems: inout [RecordProblem]) throws -> RowOutcome {
        personKey.removeAll(keepingCapacity: true)
        for (index, column) in columns.enumerated() where column.isPersonColumn {
            let bytes = reader.field(index)
            withUnsafeBytes(of: UInt32(bytes.count)) { personKey.append(contentsOf: $0) }
            personKey.append(contentsOf: bytes)
        }
        let knownPerson = personKey.withUnsafeBytes { people.value(for: $0) }

        var person = BeneficiaryFields()
        var delivery = DeliveryFields()
        for (index, column) in columns.enumerated() {
            let field = reader.field(index)
            let bytes = UnsafeRawBufferPointer(field)
            let known = switch column {
            case .serviceCode: serviceCodes.lookUp(bytes)
            case .date: dates.lookUp(bytes)
            case .hours: hours.lookUp(bytes)
            case .channel: channels.lookUp(bytes)
            case .outcome: outcomes.lookUp(bytes)
            case .impact: impacts.lookUp(bytes)
            case .project: projects.lookUp(bytes)
            default: column.isPersonColumn && knownPerson != nil
            }
            if known { continue }
            do throws(FieldProblem) {
                let text = try decoding.decode(field)
                column.set(text, person: &person, delivery: &delivery)
            } catch {
                problems.append(RecordProblem(field: column.rawValue, message: error.message))
            }
        }
        guard problems.isEmpty else { return .rejected }

        var personProblems: [RecordProblem] = []
        let valid = knownPerson == nil ? validator.beneficiary(person, problems: &personProblems) : nil
        let service = serviceCodes.value(delivery.serviceCode, &problems, validator.serviceCode)
        let date = dates.value(delivery.date, &problems, validator.deliveryDate)
        let validHours = hours.value(delivery.hours, &problems, validator.hours)
        let channel = channels.value(delivery.channel, &problems, validator.channel)
        let outcome = outcomes.value(delivery.outcome, &problems, validator.outcome)
        let impact = impacts.value(delivery.impact, &problems, validator.impact)
        let project = projects.value(delivery.project, &problems, validator.project)
        let notes = validator.deliveryNotes(delivery.notes, &problems)

        var rowOutcome = RowOutcome.rejected
        var beneficiary: String?
        if let knownPerson {
            (beneficiary, rowOutcome) = (knownPerson, .matched)
        } else if let valid, personProblems.isEmpty {
            (beneficiary, rowOutcome) = try findOrCreate(valid, problems: &personProblems)
            if let beneficiary, valid.codiceFiscale != nil || valid.ref != nil {
                personKey.withUnsafeBytes { people.remember(beneficiary, for: $0) }
            }
        }
        problems.insert(contentsOf: personProblems, at: 0)
        if let beneficiary, let refusal = try permission.problem(recordingFor: beneficiary) {
            let field = columns.contains(.codiceFiscale) ? ImportColumn.codiceFiscale : .ref
            problems.append(RecordProblem(field: field.rawValue, message: refusal))
        }
        guard problems.isEmpty, let beneficiary, let service, let date else { return .rejected }
        let record = ValidDelivery(
            serviceCode: service, date: date, hours: validHours, channel: channel, outcome: outcome,
            impact: impact, project: project, notes: notes)
        _ = try writer.insertDelivery(record, beneficiary: beneficiary, importID: importID)
        return rowOutcome
    }

    /// The person a row names: by codice fiscale, then by file number, else a new one.
    private func findOrCreate(
        _ person: ValidBeneficiary, problems: inout [RecordProblem]
    ) throws -> (String?, RowOutcome) {
        if let codiceFiscale = person.codiceFiscale {
            if let id = try writer.beneficiary(withCodiceFiscale: codiceFiscale) {
                try writer.addVulnerabilities(person.vulnerabilities, to: id)
                return (id, .matched)
            }
            if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
                guard !match.hasCodiceFiscale else {
                    problems.append(RecordProblem(
                        field: "ref", message: "your organisation's person with this file number has another codice fiscale; check both"))
                    return (nil, .rejected)
                }
                try writer.attachCodiceFiscale(codiceFiscale, to: match.id)
                try writer.addVulnerabilities(person.vulnerabilities, to: match.id)
                return (match.id, .matched)
            }
        } else if let ref = person.ref, let match = try writer.beneficiary(withRef: ref) {
            try writer.addVulnerabilities(person.vulnerabilities, to: match.id)
            return (match.id, .matched)
        }
        validator.requireNewPersonFields(person, problems: &problems)
        guard problems.isEmpty else { return (nil, .rejected) }
        let id = try writer.createBeneficiary(person)
        permission.allowCreated(id)
        try writer.addVulnerabilities(person.vulnerabilities, to: id)
        return (id, .created)
    }

    /// The columns of the header row, or `nil` after reporting its problems.
    private func header(problem: (Int, String?, String) -> Void) throws -> [ImportColumn]? {
        var columns: [ImportColumn] = []
        var valid = true
        for index in 0..<reader.fieldCount {
            let name = (try? decoding.decode(reader.field(index))) ?? ""
            guard let column = ImportColumn(header: name) else {
                problem(reader.recordLine, nil, "column \(index + 1) has the unknown header `\(name)`; rename it to one of \(ImportColumn.allCases.map(\.rawValue).joined(separator: ", ")) or remove the column")
                valid = false
                continue
            }
            if columns.contains(column) {
                problem(reader.recordLine, nil, "the header names `\(column.rawValue)` twice; keep one of the two columns")
                valid = false
            }
            columns.append(column)
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
