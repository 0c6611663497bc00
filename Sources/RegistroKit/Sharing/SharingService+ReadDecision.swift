/// The decision on reading one category of a person's case file, made once and the same way
/// for the case file and for `explainAccess`.
struct ReadDecision {
    /// The decision on the category of the person's record, owned by the person's organisation.
    var onRecord: AccessDecision
    /// The decision that allowed reading the category on the user's organisation's own records
    /// of the person (its deliveries and their notes), when the record's was a denial, the user's
    /// organisation has such records, and the policies allow them.
    var onOwnRecords: AccessDecision?

    /// The decision that counts: the one that is audited and explained.
    var decision: AccessDecision { onOwnRecords ?? onRecord }

    /// Decides reading `category` of the person of `requests` for the gate's user. Services and
    /// notes of a person another organisation owns, when denied, are decided again on the user's
    /// organisation's own deliveries, if it recorded any for the person.
    static func decide(
        _ category: CaseCategory, _ requests: AccessGate.PersonRequests, gate: AccessGate,
        _ db: RegistryDatabase.Connection
    ) throws -> ReadDecision {
        let user = gate.user
        let subject = requests.subject
        let onRecord = gate.decide(.read, category, requests)
        guard !onRecord.isAllowed, category == .services || category == .notes, subject.owner != user.org,
            try PersonLinkRows.hasDelivery(to: subject.id, by: user.org, db)
        else { return ReadDecision(onRecord: onRecord) }
        let own = gate.decide(.read, category, requests, owner: user.org)
        return ReadDecision(onRecord: onRecord, onOwnRecords: own.isAllowed ? own : nil)
    }
}
