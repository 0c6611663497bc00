/// The people an import's rows found in the registry rather than created, collected as the
/// importer matches them, for the audit of the lookups of other organisations' people.
///
/// Only people found: a person the import created is not noted for their later rows, so that
/// the set does not grow with every new person (half a million in a file of a million rows).
/// One created earlier in the file and matched again once the importer has forgotten them may
/// still be noted: the lookups' audit leaves out the importing organisation's own people.
final class FoundPeople {
    /// The people found, not created by this import.
    private(set) var people: Set<String> = []

    /// Notes that a row found `beneficiary`; called by the importer, on its own thread.
    func note(_ beneficiary: String) {
        people.insert(beneficiary)
    }
}
