extension RegistroError {
    /// The answer to a person's id that names nobody the user may know of: one that does not
    /// exist, and one of a person the user's organisation has no relationship to, alike.
    static func personNotFound(_ beneficiary: String) -> RegistroError {
        .notFound(
            .beneficiary, "no beneficiary `\(beneficiary)`", hint: .findBeneficiary, key: .personNotFound(beneficiary))
    }
}

extension CaseSubject {
    /// Whether `organisation` may be told that this person exists: it has a relationship to
    /// them (`isRelated`), or one of its users found them by their codice fiscale, which
    /// answered with their id. To any other organisation their id is an unknown one.
    func isKnown(to organisation: String, networks: [String], _ db: RegistryDatabase.Connection) throws -> Bool {
        guard isRecorded else { return false }
        return try isRelated(to: organisation, networks: networks, db)
            || PersonLinkRows.hasDeliveryOrLookup(of: id, by: organisation, db)
    }
}

extension Registry {
    /// Runs `body`, which decides something about `subject` for `gate`'s user, and passes on
    /// its denial (`AuditedDenial`) as it is when the user's organisation knows of the person
    /// (`CaseSubject.isKnown`); otherwise the denial is recorded all the same, but answered
    /// with `unknown`, as for an id that does not exist (by default `personNotFound`).
    @discardableResult
    static func hidingFromStrangers<T>(
        _ subject: CaseSubject, gate: AccessGate, answering unknown: RegistroError? = nil,
        _ db: RegistryDatabase.Connection, _ body: () throws -> T
    ) throws -> T {
        do {
            return try body()
        } catch let denial as AuditedDenial {
            guard try !subject.isKnown(to: gate.user.org, networks: gate.networks, db) else { throw denial }
            throw AuditedDenial(denial.event, answering: unknown ?? .personNotFound(subject.id))
        }
    }
}
