import Foundation

extension SharingService {
    /// How long an emergency access lasts unless told otherwise.
    public static let defaultEmergencyHours = 4
    /// The longest an emergency access may last, in hours.
    public static let maximumEmergencyHours = 4
    /// The fewest characters an emergency access's reason may have.
    public static let minimumEmergencyReason = 20

    /// The case file of `beneficiary` as the session's user may see it for `purpose`: every category is
    /// decided by the policies (owner, consent for this purpose, explicit consent for
    /// `sensitive`, restriction, emergency), each decision recorded in the audit log, allowed or
    /// denied, before anything is returned.
    ///
    /// The decisions are made and the file opened in a read, beside other reads; only the audit
    /// entries are appended in a write. Should anything the decisions depend on change in
    /// between (consent, an emergency access, a restriction, an erasure, network membership,
    /// the person's owner, the user's organisation, role or account), the case file is decided
    /// and opened again inside the write, and that is what is recorded and returned.
    ///
    /// - Parameters:
    ///   - emergencyReason: Opens an emergency access ("break the glass") first, for
    ///     `emergencyHours`: always audited and flagged for the privacy officer. The whole
    ///     reading is then made inside the write that opens it.
    /// - Throws: `RegistroError` (denied, exit 77) naming the determining policies when nothing at
    ///   all is visible; (invalid data) for an unknown or erased person or an unknown purpose;
    ///   (not found) for an unknown id, and alike, the denials recorded, for a person the user's
    ///   organisation neither has a relationship to nor found by codice fiscale.
    public func caseFile(
        of beneficiary: String, purpose: String, emergencyReason: String? = nil,
        emergencyHours: Int = defaultEmergencyHours
    ) throws -> CaseFile {
        guard let emergencyReason else {
            return try record(readCaseFile(of: beneficiary, purpose: purpose))
        }
        try Self.requireEmergency(reason: emergencyReason, hours: emergencyHours)
        let keys = try session.keys()
        let reading = try session.registry.writeAuditing { db -> CaseReading in
            let reading = try decideCaseFile(
                of: beneficiary, purpose: purpose, emergency: (emergencyReason, emergencyHours), keys: keys, db)
            try AuditLog.append(contentsOf: reading.entries, in: db)
            return reading
        }
        return try Self.answer(reading)
    }

    /// The case file of `beneficiary` for `purpose`, decided and opened on a snapshot of the
    /// registry, with the audit entries it owes: nothing is recorded yet (`record`).
    func readCaseFile(of beneficiary: String, purpose: String) throws -> CaseReading {
        let keys = try session.keys()
        return try session.registry.database.read { db in
            try decideCaseFile(of: beneficiary, purpose: purpose, emergency: nil, keys: keys, db)
        }
    }

    /// Appends the audit entries of `reading` and answers with its case file, or its refusal,
    /// once they are committed. When the access generation moved since the reading's
    /// decisions, the case file is decided and opened again inside the write, and that one is
    /// recorded and answered.
    func record(_ reading: CaseReading) throws -> CaseFile {
        let keys = try session.keys()
        let recorded = try session.registry.writeAuditing { db -> CaseReading in
            var recorded = reading
            let generation = try AccessGate.generation(db)
            if generation == nil || generation != reading.generation {
                recorded = try decideCaseFile(
                    of: reading.file.beneficiary, purpose: reading.file.purpose, emergency: nil, keys: keys, db)
            }
            // One entry per decision, in category order, chained in one append.
            try AuditLog.append(contentsOf: recorded.entries, in: db)
            return recorded
        }
        return try Self.answer(recorded)
    }

    /// The case file of a recorded reading, or its refusal when nothing is visible.
    private static func answer(_ reading: CaseReading) throws -> CaseFile {
        if let refusal = reading.refusal { throw refusal }
        return reading.file
    }

    /// Requires an emergency access's reason to be a text of at least `minimumEmergencyReason`
    /// characters, and its length 1 to `maximumEmergencyHours` hours.
    private static func requireEmergency(reason: String, hours: Int) throws {
        try Validators.requireText(reason, field: .reason, maximumLength: TextLimit.notes)
        let stated = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard stated.count >= minimumEmergencyReason else {
            throw RegistroError.invalidData(
                .reason,
                "is too short for an emergency access; say in at least \(minimumEmergencyReason) characters "
                    + "why the person is at risk",
                key: .emergencyReasonTooShort(minimum: minimumEmergencyReason))
        }
        guard (1...maximumEmergencyHours).contains(hours) else {
            throw RegistroError.usage(
                .emergencyHours, "an emergency access lasts 1 to \(maximumEmergencyHours) hours",
                key: .emergencyHoursOutOfRange(maximum: maximumEmergencyHours))
        }
    }
}

extension Registry {
    /// Requires `purpose` to be a purpose code of the registry.
    static func requirePurpose(_ purpose: String, _ db: RegistryDatabase.Connection) throws {
        guard try RegistryRows.isPurpose(purpose, db) else {
            throw RegistroError.invalidData(
                .purpose, "`\(purpose)` is not a purpose code", hint: .listCodes(.purpose),
                key: .unknownCode(.purpose, code: purpose))
        }
    }
}
