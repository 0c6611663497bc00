/// The people an import's rows found (rather than created), collected as the importer reports
/// each row's person, and passed on to the caller's own receiver.
final class ImportedPeople {
    /// The people found, not created by this import.
    private(set) var found: Set<String> = []
    /// The people this import created, whose later rows are found in the import itself.
    private var created: Set<String> = []
    /// The caller's receiver of each row's person.
    private let forward: ((ImportedRow) -> Void)?

    /// Collects the people found, and passes each row to `forward` too.
    init(forwardingTo forward: ((ImportedRow) -> Void)?) {
        self.forward = forward
    }

    /// Notes the person of one row; called by the importer, on its own thread, in file order.
    func note(_ row: ImportedRow) {
        if row.created {
            created.insert(row.beneficiary)
        } else if !created.contains(row.beneficiary) {
            found.insert(row.beneficiary)
        }
        forward?(row)
    }
}
