/// What an audited action was done to, stored as `kind:id` (or `kind` alone for the registry's
/// singletons): `beneficiary:B7K3M9Q2X4TA`, `delivery:17`, `import:3`, `organisation:coala`.
///
/// Only identifiers the registry made or validated go in: pseudonymous beneficiary ids,
/// numeric row ids, slugs. Never a name or anything typed as free text.
public struct AuditResource: Sendable, Hashable, CustomStringConvertible {
    /// The kind of thing: `beneficiary`, `delivery`, `import`, `consent`, `organisation`, ...
    public let kind: String
    /// Its identifier, `nil` for a singleton such as the audit log itself.
    public let id: String?

    private init(kind: String, id: String?) {
        self.kind = kind
        self.id = id
    }

    /// A beneficiary, by pseudonymous id.
    public static func beneficiary(_ id: String) -> AuditResource { .init(kind: "beneficiary", id: id) }
    /// A service delivery, by row id.
    public static func delivery(_ id: Int64) -> AuditResource { .init(kind: "delivery", id: String(id)) }
    /// An import batch, by row id.
    public static func importBatch(_ id: Int64) -> AuditResource { .init(kind: "import", id: String(id)) }
    /// A consent grant, by id.
    public static func consent(_ id: String) -> AuditResource { .init(kind: "consent", id: id) }
    /// An emergency access, by id.
    public static func emergencyAccess(_ id: String) -> AuditResource { .init(kind: "emergency", id: id) }
    /// An organisation, by slug.
    public static func organisation(_ id: String) -> AuditResource { .init(kind: "organisation", id: id) }
    /// A network, by slug.
    public static func network(_ id: String) -> AuditResource { .init(kind: "network", id: id) }
    /// An operator, by slug.
    public static func user(_ id: String) -> AuditResource { .init(kind: "user", id: id) }
    /// An API token of the server, by id.
    public static func apiToken(_ id: String) -> AuditResource { .init(kind: "api_token", id: id) }
    /// A statistical report, by the name of its kind (`deliveries`, `overlaps`, `scheda`).
    public static func report(_ kind: String) -> AuditResource { .init(kind: "report", id: kind) }
    /// The registry as a whole (its creation, its keys).
    public static let registry = AuditResource(kind: "registry", id: nil)
    /// The policy set.
    public static let policies = AuditResource(kind: "policies", id: nil)
    /// The audit log itself.
    public static let auditLog = AuditResource(kind: "audit_log", id: nil)

    /// The stored form, `kind:id` or `kind`.
    public var description: String {
        id.map { "\(kind):\($0)" } ?? kind
    }
}
