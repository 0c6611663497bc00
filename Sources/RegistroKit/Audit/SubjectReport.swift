/// What the audit log says about one person (GDPR art. 15): who read, looked up or exported
/// their data, when, for which purpose and on which basis, allowed or denied; and who recorded
/// or changed it.
public struct SubjectReport: Sendable, Equatable {
    /// The person, by pseudonymous id.
    public internal(set) var beneficiary: String
    /// The organisation that owns the person's record (the data controller).
    public internal(set) var owner: String
    /// Every read, lookup and export of the person's data, allowed and denied, and every
    /// explanation of who may read it (which tells its owner and grants), in order.
    public internal(set) var accesses: [AuditEntry]
    /// Every other event about the person: records, imports that touched them, consents,
    /// restrictions, erasure; in order.
    public internal(set) var changes: [AuditEntry]
    /// The organisations other than the owner that received the person's data: the ones to
    /// inform of a rectification or erasure (GDPR art. 19).
    public internal(set) var recipients: [String]

    /// The basis of an allowed access: `own record` for the owner, the consent grants that fed
    /// the decision, or the emergency access; empty when none applies (a denial).
    public func basis(of entry: AuditEntry) -> String {
        var parts: [String] = []
        if entry.emergency {
            parts.append("emergency" + (entry.emergencyReference.map { " \($0)" } ?? ""))
        }
        if !entry.consents.isEmpty {
            parts.append("consent " + entry.consents.joined(separator: ","))
        }
        if parts.isEmpty && entry.decision == AuditDecision.allow.rawValue && entry.org == owner {
            parts.append("own record")
        }
        return parts.joined(separator: "; ")
    }

    /// The report on `beneficiary`, read from `db`.
    ///
    /// - Throws: `RegistroError` (not found) when the registry has no such beneficiary.
    static func make(beneficiary: String, _ db: RegistryDatabase.Connection) throws -> SubjectReport {
        guard let owner = try BeneficiaryFacts.find(beneficiary, db)?.ownerOrg else {
            throw RegistroError(
                .notFound, field: nil, "no beneficiary `\(beneficiary)` in this registry; check the pseudonymous id",
                key: .personNotFound(beneficiary))
        }
        let entries = try AuditEntryRecord.entries(about: beneficiary, excluding: AuditAction.audit.rawValue, db)
        let isAccess = { (entry: AuditEntry) in entry.isRead || entry.action == AuditAction.explain.rawValue }
        return SubjectReport(
            beneficiary: beneficiary, owner: owner,
            accesses: entries.filter(isAccess), changes: entries.filter { !isAccess($0) },
            recipients: try recipients(of: beneficiary, owner: owner, db))
    }

    /// The organisations other than `owner` that were allowed to read, look up or export the
    /// data of `beneficiary`, by id. Erasure (GDPR art. 17 and 19) lists them.
    static func recipients(
        of beneficiary: String, owner: String, _ db: RegistryDatabase.Connection
    ) throws
        -> [String]
    {
        try AuditEntryRecord.organisations(
            allowed: AuditAction.reads.map(\.rawValue).sorted(), about: beneficiary, except: owner, db)
    }
}
