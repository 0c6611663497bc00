
/// Recording people and the services delivered to them, for a session's user.
public struct RecordsService: Sendable {
    /// The session acting.
    let session: Session

    /// Records a new beneficiary, owned by the user's organisation, and returns their
    /// pseudonymous id.
    ///
    /// - Parameter fields: The person's fields as typed; given name, family name and sex are
    ///   required (sex may come from the codice fiscale).
    /// - Throws: `RegistroError` (invalid data) naming every invalid field, or when the codice
    ///   fiscale or file number is taken already.
    public func addBeneficiary(_ fields: BeneficiaryFields) throws -> String {
        let keys = try session.keys()
        let user = session.user
        return try session.registry.writeAuditing { db in
            try Registry.require(
                .record, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .record)
            let validator = RecordValidator(catalog: try CodeCatalog(db), today: session.today())
            var problems: [RecordProblem] = []
            let person = validator.beneficiary(fields, problems: &problems)
            validator.requireNewPersonFields(person, problems: &problems)
            try RecordProblem.throwIfAny(problems)
            let writer = try RecordWriter(db, keys: keys, actor: user)
            if let codiceFiscale = person.codiceFiscale,
                let existing = try writer.beneficiary(withCodiceFiscale: codiceFiscale)
            {
                throw RegistroError.invalidData(
                    .codiceFiscale,
                    "a person with this codice fiscale is in the registry already as `\(existing)`; "
                        + "record deliveries on that id")
            }
            if let ref = person.ref, try writer.beneficiary(withRef: ref) != nil {
                throw RegistroError.invalidData(
                    .ref, "your organisation has a person with this file number already; use another")
            }
            let id = try writer.createBeneficiary(person)
            try writer.addVulnerabilities(of: person, to: id)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .record, resource: .beneficiary(id), subject: id, category: .identity,
                    decision: .allow, detail: "new beneficiary"),
                in: db)
            return id
        }
    }

    /// The pseudonymous id of the person with codice fiscale `codiceFiscale`, found by its
    /// blind index; `nil` when nobody has it. The answer never says which organisation
    /// serves the person.
    ///
    /// The lookup is a read of personal data: it is recorded in the audit log, allowed or
    /// denied, with the person found as subject (a denied user is not told who it was).
    ///
    /// - Throws: `RegistroError` for an invalid codice fiscale or a user who may not look up.
    public func findBeneficiary(codiceFiscale: String) throws -> String? {
        let keys = try session.keys()
        let code: CodiceFiscale
        do throws(FieldProblem) { code = try CodiceFiscale(codiceFiscale) } catch {
            throw RegistroError.invalidData(.codiceFiscale, error.message)
        }
        let index = BlindIndex.of(code.value, key: keys.blindIndexKey)
        let user = session.user
        return try session.registry.writeAuditing { db in
            let found = try RecordWriter.beneficiary(withBlindIndex: index, db)
            let subject = try found.map { try CaseSubject.load($0, db) } ?? .newRecord(owner: user.org)
            try Registry.require(.lookup, .identity, of: subject, gate: session.gate(), audit: .lookup)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .lookup, resource: found.map(AuditResource.beneficiary), subject: found,
                    category: .identity, decision: .allow, detail: found == nil ? "nobody found" : nil),
                in: db)
            return found
        }
    }

    /// Records a delivery by the user's organisation to `beneficiary` and returns its id.
    ///
    /// - Throws: `RegistroError` (invalid data) naming every invalid field, or for an unknown
    ///   or erased beneficiary.
    public func addDelivery(beneficiary: String, _ fields: DeliveryFields) throws -> Int64 {
        let keys = try session.keys()
        let user = session.user
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            try Registry.require(.record, .services, of: subject, owner: user.org, gate: session.gate(), audit: .record)
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` was erased; nothing more is recorded about them")
            }
            let validator = RecordValidator(catalog: try CodeCatalog(db), today: session.today())
            var problems: [RecordProblem] = []
            let delivery = validator.delivery(fields, problems: &problems)
            try RecordProblem.throwIfAny(problems)
            guard let delivery else { throw RegistroError.internal("a delivery without problems was not validated") }
            let id = try RecordWriter(db, keys: keys, actor: user)
                .insertDelivery(delivery, beneficiary: beneficiary, importID: nil)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .record, resource: .delivery(id), subject: beneficiary, category: .services,
                    decision: .allow),
                in: db)
            return id
        }
    }
}

extension RecordProblem {
    /// Throws one error naming every problem's field.
    static func throwIfAny(_ problems: [RecordProblem]) throws {
        guard !problems.isEmpty else { return }
        throw RegistroError(
            .invalidData,
            issues: problems.map { problem in
                RegistroField(rawValue: problem.field).map {
                    RegistroError.Issue(field: $0, problem.problem, hint: problem.hint)
                } ?? RegistroError.Issue("\(problem.field): \(problem.problem)", hint: problem.hint)
            })
    }
}
