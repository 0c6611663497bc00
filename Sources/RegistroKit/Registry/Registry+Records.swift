import GRDB

extension Registry {
    /// Records a new beneficiary, owned by the actor's organisation, and returns their
    /// pseudonymous id.
    ///
    /// - Parameters:
    ///   - fields: The person's fields as typed; given name, family name and sex are required
    ///     (sex may come from the codice fiscale).
    ///   - actor: The operator recording.
    ///   - fieldName: How to name a field in errors (a column name becomes e.g. an option).
    /// - Throws: `RegistroError` (invalid data) listing every invalid field, or when the
    ///   codice fiscale or file number is taken already.
    public func addBeneficiary(
        _ fields: BeneficiaryFields, actor: String?, fieldName: (String) -> String = { $0 }
    ) throws -> String {
        let keys = try keys()
        return try writeAuditing { db in
            let user = try requireOperator(actor, db)
            try require(.record, .identity, of: .newRecord(owner: user.org), gate: try AccessGate(user: user, db), audit: .record)
            let validator = RecordValidator(catalog: try CodeCatalog(db), today: CalendarDate.today())
            var problems: [RecordProblem] = []
            let person = validator.beneficiary(fields, problems: &problems)
            validator.requireNewPersonFields(person, problems: &problems)
            try Self.throwIfAny(problems, fieldName: fieldName)
            let writer = try RecordWriter(db, keys: keys, actor: user)
            if let codiceFiscale = person.codiceFiscale, let existing = try writer.beneficiary(withCodiceFiscale: codiceFiscale) {
                throw RegistroError.invalidData(
                    "\(fieldName("codice_fiscale")): a person with this codice fiscale is in the registry already as `\(existing)`; record deliveries on that id")
            }
            if let ref = person.ref, try writer.beneficiary(withRef: ref) != nil {
                throw RegistroError.invalidData("\(fieldName("ref")): your organisation has a person with this file number already; use another")
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
    /// denied, with the person found as subject (a denied actor is not told who it was).
    ///
    /// - Throws: `RegistroError` for an invalid codice fiscale or an actor who may not look up.
    public func findBeneficiary(codiceFiscale: String, actor: String?) throws -> String? {
        let keys = try keys()
        let code: CodiceFiscale
        do throws(FieldProblem) { code = try CodiceFiscale(codiceFiscale) } catch {
            throw RegistroError.invalidData("--cf: \(error.message)")
        }
        let index = BlindIndex.of(code.value, key: keys.blindIndexKey)
        return try writeAuditing { db in
            let found = try RecordWriter.beneficiary(withBlindIndex: index, db)
            let user = try requireOperator(actor, db)
            let subject = try found.map { try CaseSubject.load($0, db) } ?? .newRecord(owner: user.org)
            try require(.lookup, .identity, of: subject, gate: try AccessGate(user: user, db), audit: .lookup)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .lookup, resource: found.map(AuditResource.beneficiary), subject: found,
                    category: .identity, decision: .allow, detail: found == nil ? "nobody found" : nil),
                in: db)
            return found
        }
    }

    /// Records a delivery by the actor's organisation to `beneficiary` and returns its id.
    ///
    /// - Throws: `RegistroError` (invalid data) listing every invalid field, or for an unknown
    ///   or erased beneficiary.
    public func addDelivery(
        beneficiary: String, _ fields: DeliveryFields, actor: String?, fieldName: (String) -> String = { $0 }
    ) throws -> Int64 {
        let keys = try keys()
        return try writeAuditing { db in
            let user = try requireOperator(actor, db)
            let subject = try CaseSubject.load(beneficiary, db)
            try require(.record, .services, of: subject, owner: user.org, gate: try AccessGate(user: user, db), audit: .record)
            guard !subject.erased else {
                throw RegistroError.invalidData("\(fieldName("beneficiary")): `\(beneficiary)` was erased; nothing more is recorded about them")
            }
            let validator = RecordValidator(catalog: try CodeCatalog(db), today: CalendarDate.today())
            var problems: [RecordProblem] = []
            let delivery = validator.delivery(fields, problems: &problems)
            try Self.throwIfAny(problems, fieldName: fieldName)
            guard let delivery else { throw RegistroError.internal("a delivery without problems was not validated") }
            let id = try RecordWriter(db, keys: keys, actor: user).insertDelivery(delivery, beneficiary: beneficiary, importID: nil)
            try AuditLog.append(
                AuditEvent(
                    by: user, action: .record, resource: .delivery(id), subject: beneficiary, category: .services,
                    decision: .allow),
                in: db)
            return id
        }
    }

    /// Throws one error listing every problem, each as `FIELD: problem`.
    static func throwIfAny(_ problems: [RecordProblem], fieldName: (String) -> String) throws {
        guard !problems.isEmpty else { return }
        throw RegistroError.invalidData(problems.map { "\(fieldName($0.field)): \($0.message)" }.joined(separator: "; "))
    }
}
