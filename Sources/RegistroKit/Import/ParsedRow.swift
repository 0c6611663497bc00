/// One row of an import as the reading thread leaves it for the recording thread: decoded and
/// validated, its person named but not yet looked up in the registry.
struct ParsedRow: Sendable {
    /// The row's line in the file, for problem reports.
    var line: Int
    /// Progress to report before this row, every `DeliveryImporter.progressInterval` rows.
    var progress: ImportProgress?
    /// When set, the row was not read into fields (it has the wrong number of them): the
    /// problem, for the whole row.
    var layoutProblem: String?
    /// When set, the people remembered until now (`PersonReference.remembered`) will not be
    /// named again: the reading thread's memo of people started again empty at this row.
    var forgetsPeople = false
    /// The row's person.
    var person = PersonReference.none
    /// The problems of the person's fields, reported before the delivery's.
    var personProblems: [RecordProblem] = []
    /// The problems of the row's text and of the delivery's fields.
    var deliveryProblems: [RecordProblem] = []
    /// The valid delivery, when its fields have no problem.
    var delivery: ValidDelivery?

    /// A row that has the wrong number of fields.
    init(line: Int, progress: ImportProgress?, layoutProblem: String) {
        self.line = line
        self.progress = progress
        self.layoutProblem = layoutProblem
    }

    /// A row read into fields: its person, its delivery and their problems. Inlined into the
    /// parser, which makes one a row (measured: the row was copied once more on its way out).
    @inline(__always)
    init(
        line: Int, progress: ImportProgress?, person: PersonReference = .none, forgetsPeople: Bool = false,
        personProblems: [RecordProblem] = [], deliveryProblems: [RecordProblem], delivery: ValidDelivery? = nil
    ) {
        self.line = line
        self.progress = progress
        self.person = person
        self.forgetsPeople = forgetsPeople
        self.personProblems = personProblems
        self.deliveryProblems = deliveryProblems
        self.delivery = delivery
    }
}

/// How a parsed row names its person.
enum PersonReference: Sendable {
    /// No person: the row's person fields did not decode or validate.
    case none
    /// A valid person not met before in this import (or no longer remembered), to be found or
    /// created (from `sealed`, their record sealed ahead, with the blind index to find them by).
    /// `slot`, when the person was named by codice fiscale or file number, numbers them for the
    /// later rows that repeat the same person columns.
    ///
    /// Kept in a box of its own (`indirect`): a parsed row holding the person's fields and sealed
    /// record inline was several hundred bytes, copied whole on its way out of the parser.
    indirect case new(ValidBeneficiary, sealed: SealedPerson, slot: Int?)
    /// The person of an earlier row with the same person columns, by its slot.
    case remembered(slot: Int)
}
