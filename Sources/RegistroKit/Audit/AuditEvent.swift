/// One event to append to the audit log: who did or asked what, to what, for which purpose,
/// and what was decided. The log adds the sequence number, the time, the hash of the policy
/// set in force and the chain hash (see `AuditLog.append`).
///
/// Every text is an identifier or a code; `AuditLog.append` refuses anything else, so no
/// personal data can reach the log even by mistake.
public struct AuditEvent: Sendable, Equatable {
    /// The operator acting, `nil` while the registry has no user (setting it up).
    public var actor: String?
    /// The actor's organisation.
    public var org: String?
    /// What was done or asked.
    public var action: AuditAction
    /// What it was done to.
    public var resource: AuditResource?
    /// The beneficiary concerned, by pseudonymous id, when the event is about one person.
    public var subject: String?
    /// The case-file category read or changed.
    public var category: CaseCategory?
    /// The purpose of a read or share, a purpose code.
    public var purpose: String?
    /// Allowed or denied.
    public var decision: AuditDecision
    /// The determining policy ids (`policy0`, ...), in the policy engine's order.
    public var policies: [String]
    /// The consent grant ids that fed the decision.
    public var consents: [String]
    /// Whether the access was an emergency access ("break the glass").
    public var emergency: Bool
    /// The id of the emergency access, whose reason is kept (sealed) with it.
    public var emergencyReference: String?
    /// For an import: how many rows were imported.
    public var rowCount: Int64?
    /// For an import: the file's 32-byte BLAKE2b digest.
    public var fileDigest: [UInt8]?
    /// A short note made of literals and numbers only.
    public var detail: AuditDetail?

    /// Creates an event; only `action` and `decision` are always needed.
    public init(
        actor: String? = nil, org: String? = nil, action: AuditAction, resource: AuditResource? = nil,
        subject: String? = nil, category: CaseCategory? = nil, purpose: String? = nil,
        decision: AuditDecision, policies: [String] = [], consents: [String] = [],
        emergency: Bool = false, emergencyReference: String? = nil,
        rowCount: Int64? = nil, fileDigest: [UInt8]? = nil, detail: AuditDetail? = nil
    ) {
        self.actor = actor
        self.org = org
        self.action = action
        self.resource = resource
        self.subject = subject
        self.category = category
        self.purpose = purpose
        self.decision = decision
        self.policies = policies
        self.consents = consents
        self.emergency = emergency
        self.emergencyReference = emergencyReference
        self.rowCount = rowCount
        self.fileDigest = fileDigest
        self.detail = detail
    }

    /// An event by `user`, who is the actor and whose organisation is the org.
    public init(
        by user: Operator?, action: AuditAction, resource: AuditResource? = nil, subject: String? = nil,
        category: CaseCategory? = nil, purpose: String? = nil, decision: AuditDecision,
        policies: [String] = [], consents: [String] = [], emergency: Bool = false,
        emergencyReference: String? = nil, rowCount: Int64? = nil, fileDigest: [UInt8]? = nil,
        detail: AuditDetail? = nil
    ) {
        self.init(
            actor: user?.id, org: user?.org, action: action, resource: resource, subject: subject,
            category: category, purpose: purpose, decision: decision, policies: policies, consents: consents,
            emergency: emergency, emergencyReference: emergencyReference, rowCount: rowCount,
            fileDigest: fileDigest, detail: detail)
    }
}
