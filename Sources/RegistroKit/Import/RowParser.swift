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
    /// byte below 255, else 255 and four bytes): the first `personKeyCount` bytes of a buffer
    /// reused from row to row (`personKeyRoom`).
    @exclusivity(unchecked) private var personKey = UnsafeMutableRawBufferPointer.allocate(
        byteCount: 1024, alignment: 8)
    @exclusivity(unchecked) private var personKeyCount = 0
    /// The indexes of the person columns among `columns`.
    private let personColumnIndexes: [Int]
    @exclusivity(unchecked) private var people = ByteMemo<Int>(limit: 1 << 16)
    @exclusivity(unchecked) private var nextSlot = 0
    @exclusivity(unchecked) private var serviceCodes = MemoizedField<String>()
    @exclusivity(unchecked) private var dates = MemoizedField<CalendarDate>()
    @exclusivity(unchecked) private var hours = MemoizedField<Double>()
    @exclusivity(unchecked) private var channels = MemoizedField<String>()
    @exclusivity(unchecked) private var outcomes = MemoizedField<String>()
    @exclusivity(unchecked) private var impacts = MemoizedField<Int>()
    @exclusivity(unchecked) private var projects = MemoizedField<String>()
    /// What each distinct vulnerability list read to, when it had no problem: a few dozen lists
    /// serve thousands of new people, whose codes are then neither split nor looked up again.
    @exclusivity(unchecked) private var vulnerabilityLists = ByteMemo<RecordValidator.VulnerabilityCodes>(limit: 4096)
    /// The index of the vulnerabilities column among `columns`, if the file has one.
    private let vulnerabilitiesIndex: Int?

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
        personColumnIndexes = columns.indices.filter { columns[$0].isPersonColumn }
        vulnerabilitiesIndex = columns.firstIndex(of: .vulnerabilities)
        self.totalBytes = totalBytes
        self.validator = validator
        self.decoding = decoding
    }

    deinit {
        personKey.deallocate()
    }

    /// The person key's buffer, grown to at least `count` bytes (keeping its first
    /// `personKeyCount`).
    private func personKeyRoom(_ count: Int) -> UnsafeMutableRawPointer {
        if personKey.count < count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 2 * personKey.count), alignment: 8)
            grown.baseAddress!.copyMemory(from: personKey.baseAddress!, byteCount: personKeyCount)
            personKey.deallocate()
            personKey = grown
        }
        return personKey.baseAddress!
    }

    /// Reads every row into `rows`, then finishes it (with the error that stopped the reading,
    /// if any); stops early when the consumer cancels.
    func run(into rows: BoundedQueue<[ParsedRow]>) {
        do {
            var batch: [ParsedRow] = []
            batch.reserveCapacity(Self.batchSize)
            // The rows of `batch` parsed so far; those after them are rows handed back.
            var filled = 0
            var count = 0
            while try reader.next() {
                count += 1
                let progress =
                    count % DeliveryImporter.progressInterval == 0
                    ? ImportProgress(bytesRead: reader.bytesRead, totalBytes: totalBytes, rows: count) : nil
                if filled < batch.count {
                    // The handed-back row in this place destroyed just before the new one is
                    // parsed into its place: the allocator serves the new row's memory from what
                    // the old one freed, where a whole batch freed at once sent its next
                    // allocations through `malloc`'s slower bins. Nothing reads the batch between
                    // the two (`parseRow` does not throw).
                    batch.withUnsafeMutableBufferPointer { rows in
                        let place = rows.baseAddress! + filled
                        place.deinitialize(count: 1)
                        place.initialize(to: parseRow(progress: progress))
                    }
                } else {
                    batch.append(parseRow(progress: progress))
                }
                filled += 1
                if filled == Self.batchSize {
                    guard rows.put(batch) else { break }
                    // A batch the recording thread is done with, its rows destroyed here one by
                    // one as the next are parsed, and its storage reused: freeing them there
                    // would lengthen the critical path.
                    batch = rows.takeBack() ?? []
                    batch.reserveCapacity(Self.batchSize)
                    filled = 0
                }
            }
            if filled > 0 {
                batch.removeSubrange(filled...)
                _ = rows.put(batch)
            }
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
        // The row's parts are kept apart and put together once, at the end: a `ParsedRow` built
        // field by field was copied whole on its way out.
        var deliveryProblems: [RecordProblem] = []
        personKeyCount = 0
        for index in personColumnIndexes {
            let bytes = reader.field(index)
            // The length in one byte, or 255 and four bytes: what follows stays unambiguous.
            let key = personKeyRoom(personKeyCount + 5 + bytes.count)
            if bytes.count < 255 {
                key.storeBytes(of: UInt8(bytes.count), toByteOffset: personKeyCount, as: UInt8.self)
                personKeyCount += 1
            } else {
                key.storeBytes(of: 255, toByteOffset: personKeyCount, as: UInt8.self)
                key.storeBytes(of: UInt32(bytes.count), toByteOffset: personKeyCount + 1, as: UInt32.self)
                personKeyCount += 5
            }
            if let source = bytes.baseAddress {
                (key + personKeyCount).copyMemory(from: source, byteCount: bytes.count)
            }
            personKeyCount += bytes.count
        }
        let personKeyBytes = UnsafeRawBufferPointer(start: personKey.baseAddress, count: personKeyCount)
        let knownPerson = people.value(for: personKeyBytes)

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
                deliveryProblems.append(RecordProblem(field: column.rawValue, message: error.message))
            }
        }
        guard deliveryProblems.isEmpty else {
            return ParsedRow(line: line, progress: progress, deliveryProblems: deliveryProblems)
        }

        var personReference = PersonReference.none
        var personProblems: [RecordProblem] = []
        var forgetsPeople = false
        if let knownPerson {
            personReference = .remembered(slot: knownPerson)
        } else {
            let valid = validator.beneficiary(
                person, knownVulnerabilities: vulnerabilityCodes(person.vulnerabilities), problems: &personProblems)
            if personProblems.isEmpty {
                var slot: Int?
                if valid.codiceFiscale != nil || valid.ref != nil {
                    slot = nextSlot
                    nextSlot += 1
                    forgetsPeople = people.remember(nextSlot - 1, for: personKeyBytes)
                }
                let sealed = personSealer.seal(valid)
                // Moved into the reference's box, not copied there (a dozen strings retained).
                personReference = .new(consume valid, sealed: sealed, slot: slot)
            }
        }
        let service = serviceCodes.value(delivery.serviceCode, &deliveryProblems, validator.serviceCode)
        let date = dates.value(delivery.date, &deliveryProblems, validator.deliveryDate)
        let validHours = hours.value(delivery.hours, &deliveryProblems, validator.hours)
        let channel = channels.value(delivery.channel, &deliveryProblems, validator.channel)
        let outcome = outcomes.value(delivery.outcome, &deliveryProblems, validator.outcome)
        let impact = impacts.value(delivery.impact, &deliveryProblems, validator.impact)
        let project = projects.value(delivery.project, &deliveryProblems, validator.project)
        let notes = validator.deliveryNotes(delivery.notes, &deliveryProblems)
        var validDelivery: ValidDelivery?
        if deliveryProblems.isEmpty, let service, let date {
            validDelivery = ValidDelivery(
                serviceCode: service, date: date, hours: validHours, channel: channel, outcome: outcome,
                impact: impact, project: project, notes: notes)
        }
        // The parts moved into the row, not copied there.
        return ParsedRow(
            line: line, progress: progress, person: consume personReference, forgetsPeople: forgetsPeople,
            personProblems: consume personProblems, deliveryProblems: consume deliveryProblems,
            delivery: consume validDelivery)
    }

    /// The codes of the current row's vulnerability list `list` (the column's decoded text), read
    /// once per distinct list; `nil` when the row has none, or when the list has a problem, which
    /// the person's validation then reports in its place among the person's problems.
    private func vulnerabilityCodes(_ list: String?) -> RecordValidator.VulnerabilityCodes? {
        guard let list, let index = vulnerabilitiesIndex else { return nil }
        let bytes = UnsafeRawBufferPointer(reader.field(index))
        if let known = vulnerabilityLists.value(for: bytes) { return known }
        var problems: [RecordProblem] = []
        let codes = validator.vulnerabilityCodes(list, problems: &problems)
        guard problems.isEmpty else { return nil }
        vulnerabilityLists.remember(codes, for: bytes)
        return codes
    }
}
