import Foundation

/// The reading half of an import, run on a thread of its own: reads the rows after the header,
/// decodes and validates them, names each row's person and, for a person met for the first
/// time, seals their record ahead (`NewPersonSealer`: id, data key, sealed fields, blind index),
/// handing the rows in batches to the recording half (`DeliveryImporter`), which does
/// everything that needs the database.
///
/// It remembers (`ByteMemo`) what each distinct text of a delivery column validated to, and
/// which person each distinct set of a row's person columns named, so such a row's person is
/// neither decoded nor validated again. A person is remembered only when the row named them by
/// codice fiscale or file number, which find the same person again: a row with neither names a
/// new person every time.
///
/// Used by one thread at a time: built on the importing thread, then used only by the reading
/// thread until it calls `BoundedQueue.finish`, after which the importing thread may read the
/// reader again.
final class RowParser: @unchecked Sendable {
    let reader: CSVReader
    private let columns: [ImportColumn]
    private let totalBytes: Int
    private let validator: RecordValidator
    /// Seals each new person's record ahead, on this thread, for the recording one.
    private let personSealer: NewPersonSealer
    // The state below is used by one thread at a time and never by two accesses that overlap:
    // `@exclusivity(unchecked)` spares the runtime check of each access (about 25 a row).

    /// The file's decoding: its encoding is decided by the first field that tells.
    @exclusivity(unchecked) private(set) var decoding: TextDecoding
    /// The raw bytes of the current row's person columns, each preceded by its length (one
    /// byte below 255, else 255 and four bytes).
    @exclusivity(unchecked) private var personKey: [UInt8] = []
    @exclusivity(unchecked) private var people = ByteMemo<Int>(limit: 1 << 16)
    @exclusivity(unchecked) private var nextSlot = 0
    @exclusivity(unchecked) private var serviceCodes = MemoizedField<String>()
    @exclusivity(unchecked) private var dates = MemoizedField<CalendarDate>()
    @exclusivity(unchecked) private var hours = MemoizedField<Double>()
    @exclusivity(unchecked) private var channels = MemoizedField<String>()
    @exclusivity(unchecked) private var outcomes = MemoizedField<String>()
    @exclusivity(unchecked) private var impacts = MemoizedField<Int>()
    @exclusivity(unchecked) private var projects = MemoizedField<String>()

    /// Rows handed over at a time.
    static let batchSize = 256

    /// A parser of the rows after the header, whose `columns` were read with `decoding`.
    init(
        reader: CSVReader, columns: [ImportColumn], totalBytes: Int, validator: RecordValidator, decoding: TextDecoding,
        personSealer: NewPersonSealer
    ) {
        self.reader = reader
        self.personSealer = personSealer
        self.columns = columns
        self.totalBytes = totalBytes
        self.validator = validator
        self.decoding = decoding
    }

    /// Reads every row into `rows`, then finishes it (with the error that stopped the reading,
    /// if any); stops early when the consumer cancels.
    func run(into rows: BoundedQueue<[ParsedRow]>) {
        do {
            var batch: [ParsedRow] = []
            batch.reserveCapacity(Self.batchSize)
            var count = 0
            while try reader.next() {
                count += 1
                let progress =
                    count % DeliveryImporter.progressInterval == 0
                    ? ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: count) : nil
                batch.append(parseRow(progress: progress))
                if batch.count == Self.batchSize {
                    guard rows.put(batch) else { break }
                    // A batch the recording thread is done with, its rows destroyed here and its
                    // storage reused: freeing them there would lengthen the critical path.
                    batch = rows.takeBack() ?? []
                    batch.removeAll(keepingCapacity: true)
                    batch.reserveCapacity(Self.batchSize)
                }
            }
            if !batch.isEmpty { _ = rows.put(batch) }
            rows.finish()
        } catch {
            rows.finish(throwing: error)
        }
    }

    /// Decodes and validates the current row. Problems come as the fields are taken on their
    /// own: text that does not decode (then nothing else), else the person's problems followed
    /// by the delivery's.
    private func parseRow(progress: ImportProgress?) -> ParsedRow {
        let line = reader.recordLine
        guard reader.fieldCount == columns.count else {
            return ParsedRow(
                line: line, progress: progress,
                layoutProblem:
                    "has \(reader.fieldCount) fields where the header has \(columns.count); quote fields that contain the separator"
            )
        }
        var row = ParsedRow(line: line, progress: progress)
        personKey.removeAll(keepingCapacity: true)
        for (index, column) in columns.enumerated() where column.isPersonColumn {
            let bytes = reader.field(index)
            // The length in one byte, or 255 and four bytes: what follows stays unambiguous.
            if bytes.count < 255 {
                personKey.append(UInt8(bytes.count))
            } else {
                personKey.append(255)
                withUnsafeBytes(of: UInt32(bytes.count)) { personKey.append(contentsOf: $0) }
            }
            personKey.append(contentsOf: bytes)
        }
        let knownPerson = personKey.withUnsafeBytes { people.value(for: $0) }

        var person = BeneficiaryFields()
        var delivery = DeliveryFields()
        for (index, column) in columns.enumerated() {
            let field = reader.field(index)
            let bytes = UnsafeRawBufferPointer(field)
            let known =
                switch column {
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
                row.deliveryProblems.append(RecordProblem(field: column.rawValue, message: error.message))
            }
        }
        guard row.deliveryProblems.isEmpty else { return row }

        if let knownPerson {
            row.person = .remembered(slot: knownPerson)
        } else {
            let valid = validator.beneficiary(person, problems: &row.personProblems)
            if row.personProblems.isEmpty {
                var slot: Int?
                if valid.codiceFiscale != nil || valid.ref != nil {
                    slot = nextSlot
                    nextSlot += 1
                    row.forgetsPeople = personKey.withUnsafeBytes { people.remember(slot!, for: $0) }
                }
                row.person = .new(valid, sealed: personSealer.seal(valid), slot: slot)
            }
        }
        let service = serviceCodes.value(delivery.serviceCode, &row.deliveryProblems, validator.serviceCode)
        let date = dates.value(delivery.date, &row.deliveryProblems, validator.deliveryDate)
        let validHours = hours.value(delivery.hours, &row.deliveryProblems, validator.hours)
        let channel = channels.value(delivery.channel, &row.deliveryProblems, validator.channel)
        let outcome = outcomes.value(delivery.outcome, &row.deliveryProblems, validator.outcome)
        let impact = impacts.value(delivery.impact, &row.deliveryProblems, validator.impact)
        let project = projects.value(delivery.project, &row.deliveryProblems, validator.project)
        let notes = validator.deliveryNotes(delivery.notes, &row.deliveryProblems)
        if row.deliveryProblems.isEmpty, let service, let date {
            row.delivery = ValidDelivery(
                serviceCode: service, date: date, hours: validHours, channel: channel, outcome: outcome,
                impact: impact, project: project, notes: notes)
        }
        return row
    }
}
