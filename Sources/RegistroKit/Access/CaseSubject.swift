import GRDB

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
    static func load(_ beneficiary: String, _ db: Database) throws -> CaseSubject {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT b.owner_org,
                               EXISTS (SELECT 1 FROM restriction r WHERE r.beneficiary_id = b.id AND r.lifted_at IS NULL) AS restricted,
                               EXISTS (SELECT 1 FROM erasure e WHERE e.beneficiary_id = b.id) AS erased
                        FROM beneficiary b WHERE b.id = ?
                        """),
                arguments: [beneficiary])
        else {
            throw RegistroError.notFound(.beneficiary, "no beneficiary `\(beneficiary)`", hint: .findBeneficiary)
        }
        return CaseSubject(
            id: beneficiary, owner: row["owner_org"], restricted: row["restricted"], erased: row["erased"])
    }
}
