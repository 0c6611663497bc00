/// What the gate needs to know about a person: who owns the record, whether it is restricted
/// or erased. Nothing personal.
struct CaseSubject: Sendable, Equatable {
    /// The pseudonymous id.
    let id: String
    /// The organisation that owns the record (the data controller).
    let owner: String
    /// Whether a restriction (art. 18) is in force.
    let restricted: Bool
    /// Whether the person was erased (art. 17).
    let erased: Bool

    /// The facts of `beneficiary`.
    ///
    /// - Throws: `RegistroError` (invalid data) for an unknown id.
    static func load(_ beneficiary: String, _ db: RegistryDatabase.Connection) throws -> CaseSubject {
        guard let facts = try CaseSubjectRecord.find(beneficiary, db) else {
            throw RegistroError.personNotFound(beneficiary)
        }
        return CaseSubject(id: beneficiary, owner: facts.owner, restricted: facts.restricted, erased: facts.erased)
    }
}
