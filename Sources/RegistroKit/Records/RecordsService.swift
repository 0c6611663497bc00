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
    ///   fiscale or file number is taken already. A codice fiscale already known is a lookup of
    ///   that person, audited; the error names their id only when the user may look them up.
    public func addBeneficiary(_ fields: BeneficiaryFields) throws -> String {
        let keys = try session.keys()
        let user = session.user
        let outcome = try session.registry.writeAuditing { db -> NewBeneficiary in
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
                // Finding the person already known is a lookup: decided, and audited with them.
                try requireLookup(of: try CaseSubject.load(existing, db), db)
                return .known(existing)
            }
            if let ref = person.ref, try writer.beneficiary(withRef: ref) != nil {
                throw RegistroError.invalidData(
                    .ref, "your organisation has a person with this file number already; use another", key: .refTaken)
            }
            let id = try writer.createBeneficiary(person)
            try writer.addVulnerabilities(of: person, to: id)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .record, resource: .beneficiary(id), subject: id, category: .identity,
                    decision: .allow, detail: "new beneficiary"),
                in: db)
            return .created(id)
        }
        switch outcome {
        case .created(let id): return id
        case .known(let existing):
            throw RegistroError.invalidData(
                .codiceFiscale,
                "a person with this codice fiscale is in the registry already as `\(existing)`; "
                    + "record deliveries on that id",
                key: .codiceFiscaleTaken(id: existing))
        }
    }

    /// What recording a person came to: a new record, or a lookup of a person already known.
    private enum NewBeneficiary {
        case created(String)
        case known(String)
    }

    /// Requires the session's user to look up `subject` by codice fiscale, and records the
    /// allowed lookup with the person as subject. A denial is recorded too; to a user whose
    /// organisation has no relationship to the person it says neither why (a restriction) nor
    /// who owns them.
    ///
    /// - Throws: `AuditedDenial` when the policies deny the lookup.
    private func requireLookup(of subject: CaseSubject, _ db: RegistryDatabase.Connection) throws {
        let gate = session.gate()
        let decision = gate.decide(.lookup, .identity, of: subject, purpose: nil)
        let event = decision.auditEvent(
            by: session.user, action: .lookup, resource: .beneficiary(subject.id), subject: subject.id,
            category: .identity, purpose: nil)
        guard decision.isAllowed else {
            let related = try subject.isRelated(to: session.user.org, networks: gate.networks, db)
            let user = session.user
            guard related else {
                throw AuditedDenial(
                    event,
                    message: "`\(user.id)` (\(user.role.rawValue), \(user.org)) may not look up this codice fiscale",
                    key: .lookupRefused(user: user.id, role: user.role, org: user.org))
            }
            throw AuditedDenial(event, denying: user, .lookup, subject: nil, decision)
        }
        try AuditLog.append(event, in: db)
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
            throw RegistroError.invalidData(.codiceFiscale, error.message, key: error.key)
        }
        let index = BlindIndex.of(code.value, key: keys.blindIndexKey)
        let user = session.user
        return try session.registry.writeAuditing { db in
            guard let found = try RecordWriter.beneficiary(withBlindIndex: index, db) else {
                try Registry.require(
                    .lookup, .identity, of: .newRecord(owner: user.org), gate: session.gate(), audit: .lookup)
                try AuditLog.append(
                    AuditEvent(
                        by: user, action: .lookup, resource: nil, subject: nil, category: .identity, decision: .allow,
                        detail: "nobody found"),
                    in: db)
                return nil
            }
            try requireLookup(of: try CaseSubject.load(found, db), db)
            return found
        }
    }

    /// Records a delivery by the user's organisation to `beneficiary` and returns its id.
    ///
    /// For a person another organisation owns, the user's organisation needs a link to them
    /// (`ServingLink`): found by codice fiscale, served already, or a consent grant; without
    /// one the person is answered as unknown, and the denial is audited.
    ///
    /// - Throws: `RegistroError` (invalid data) naming every invalid field, or for an unknown
    ///   or erased beneficiary, or one the organisation has no link to.
    public func addDelivery(beneficiary: String, _ fields: DeliveryFields) throws -> Int64 {
        let keys = try session.keys()
        let user = session.user
        return try session.registry.writeAuditing { db in
            let subject = try CaseSubject.load(beneficiary, db)
            let gate = session.gate()
            // An organisation with no link to the person is answered as if they did not exist,
            // before the policies could tell it that the person is restricted.
            if subject.owner != user.org,
                try !ServingLink.exists(
                    org: user.org, networks: gate.networks, to: beneficiary, today: session.today(), db)
            {
                throw AuditedDenial(
                    AuditEvent(
                        by: user, action: .record, resource: .beneficiary(beneficiary), subject: beneficiary,
                        category: .services, decision: .deny, detail: "no lookup, delivery or consent"),
                    answering: .personNotFound(beneficiary))
            }
            try Registry.require(.record, .services, of: subject, owner: user.org, gate: gate, audit: .record)
            guard !subject.erased else {
                throw RegistroError.invalidData(
                    .beneficiary, "`\(beneficiary)` was erased; nothing more is recorded about them",
                    key: .personErased)
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
                    RegistroError.Issue(field: $0, problem.problem, hint: problem.hint, key: problem.key)
                } ?? RegistroError.Issue("\(problem.field): \(problem.problem)", hint: problem.hint, key: problem.key)
            })
    }
}
